from django.core.management.base import BaseCommand, CommandError

from frivillig.agreements import frameworks


class Command(BaseCommand):
    help = (
        "Load a version of the municipality's framework (its volunteer strategy) from a JSON "
        "file like frivillig/agreements/data/frivilligstrategi_2015.json. Safe to run again; "
        "a loaded version is never rewritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(frameworks.AALBORG_2015))
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--publish", action="store_true", default=None, help="publish it (the default)"
        )
        group.add_argument(
            "--no-publish",
            dest="publish",
            action="store_false",
            default=None,
            help="load it without publishing it yet",
        )

    def handle(self, *args, path, publish, **options):
        try:
            framework, created = frameworks.load(path, publish=publish)
        except frameworks.FrameworkFileError as error:
            raise CommandError(str(error)) from None
        state = "published" if framework.published else "not published"
        verb = "Loaded" if created else "Already loaded:"
        self.stdout.write(f"{verb} {framework} ({state}).")
