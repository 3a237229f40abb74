from django.conf import settings
from django.core.management.base import BaseCommand

from frivillig.events.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Remind volunteers of their shifts by e-mail, at the hours before the shift set in "
        "SHIFT_REMINDER_HOURS (default 48 and 3). Run it from cron (e.g. every 15 minutes); "
        "each reminder is sent once however often it runs."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        hours = ", ".join(str(h) for h in settings.SHIFT_REMINDER_HOURS)
        self.stdout.write(f"{sent} shift reminder(s) sent (windows: {hours} hours before).")
