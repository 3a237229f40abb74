import datetime

from django.core.management.base import BaseCommand, CommandError

from frivillig.activity import services


class Command(BaseCommand):
    help = (
        "Rebuild the activity totals that the municipal overview and the public statistics "
        "read for every day before today (today is always counted live). "
        "Run it nightly from cron; it is safe to run again at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help="only rebuild the months from this one (YYYY-MM) on; default: every month",
        )

    def handle(self, *args, since=None, **options):
        first = None
        if since:
            try:
                first = datetime.datetime.strptime(since, "%Y-%m").date()
            except ValueError as error:
                raise CommandError("--since takes a month as YYYY-MM.") from error
        coverage = services.refresh(since=first)
        if options["verbosity"]:
            self.stdout.write(f"Activity totals cover every day before {coverage.until:%Y-%m-%d}.")
