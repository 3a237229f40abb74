from django.core.management.base import BaseCommand

from frivillig.engagements.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind organisations of applications unanswered after 3 and 7 days. Run it from cron "
        "(e.g. every hour); each reminder is sent once however often it runs."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
