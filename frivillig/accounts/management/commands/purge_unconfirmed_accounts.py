from django.core.management.base import BaseCommand

from frivillig.accounts.services import delete_unconfirmed_accounts


class Command(BaseCommand):
    help = (
        "Delete accounts that 'Meld dig' created for an e-mail address nobody confirmed within "
        "7 days. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        self.stdout.write(
            f"{delete_unconfirmed_accounts(older_than_days=days)} account(s) deleted."
        )
