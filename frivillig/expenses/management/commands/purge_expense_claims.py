from django.core.management.base import BaseCommand

from frivillig.expenses.services import RETENTION_YEARS, purge_expired


class Command(BaseCommand):
    help = (
        f"Delete expense claims (and their receipts) whose {RETENTION_YEARS} years of keeping "
        "have passed: accounting records are kept until the end of the fifth year after the "
        "year they were decided in (bogføringsloven § 12). Run it daily from cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_expired()} expense claim(s) deleted.")
