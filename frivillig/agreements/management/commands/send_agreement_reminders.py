from django.core.management.base import BaseCommand

from frivillig.agreements.services import send_review_reminders
from frivillig.engagements.qualifications import send_recheck_reminders


class Command(BaseCommand):
    help = (
        "Remind both parties of cooperation agreements due for review, and volunteers and "
        "staff of qualification checks due for a recheck. Run it daily from cron; each "
        "reminder is sent once however often it runs."
    )

    def handle(self, *args, **options):
        reviews = send_review_reminders()
        rechecks = send_recheck_reminders()
        self.stdout.write(f"{reviews} review reminder(s) sent.")
        self.stdout.write(f"{rechecks} recheck reminder(s) sent.")
