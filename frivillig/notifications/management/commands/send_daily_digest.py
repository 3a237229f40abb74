from django.core.management.base import BaseCommand

from frivillig.notifications.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send each person who chose a daily digest one e-mail with the notices waiting for "
        "them. Run it once a day from cron (e.g. at 07:00); a notice is never sent twice, "
        "however often it runs."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} daily digest(s) sent.")
