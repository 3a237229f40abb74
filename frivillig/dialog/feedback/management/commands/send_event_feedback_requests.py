from django.core.management.base import BaseCommand

from frivillig.dialog.feedback.services import send_event_requests


class Command(BaseCommand):
    help = (
        "Ask everyone who took part in an event that ended yesterday (a confirmed place or a "
        "check-in) for a short, anonymous survey. Run it from cron once a day, e.g. at 09:00; "
        "each person is asked once per event however often it runs."
    )

    def handle(self, *args, **options):
        sent = send_event_requests()
        self.stdout.write(f"{sent} feedback request(s) sent for events that ended yesterday.")
