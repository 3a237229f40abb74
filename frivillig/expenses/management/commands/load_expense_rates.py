import json
from decimal import InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from frivillig.expenses import rates


class Command(BaseCommand):
    help = (
        "Load the rates and tax-free limits for volunteers' expenses, per year, from a JSON "
        "file like frivillig/expenses/data/rates.json (the default). Years in the file are "
        "written as the file says; an amount that is null stays not recorded. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(rates.DEFAULT_FILE))

    def handle(self, *args, path, **options):
        try:
            loaded = rates.load(Path(path))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from None
        except (
            AttributeError,
            KeyError,
            TypeError,
            ValueError,
            InvalidOperation,
            DatabaseError,
        ) as error:
            # Nothing was written: rates.load is one transaction.
            raise CommandError(
                f"{path} does not have the expected form ({type(error).__name__}: {error}); "
                "see frivillig/expenses/data/rates.json. Nothing was loaded."
            ) from None
        self.stdout.write(f"Loaded {len(loaded)} year(s) from {path}:")
        for item in loaded:
            missing = [name for name in rates.FIELDS if getattr(item, name) is None]
            if not missing:
                state = "every figure recorded"
            elif len(missing) == len(rates.FIELDS):
                state = "no figures recorded"
            else:
                state = "not recorded: " + ", ".join(missing)
            self.stdout.write(f"  {item.year}: {state}")
