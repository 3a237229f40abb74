"""Rates and limits per year, as data: loaded from a JSON file the central office maintains
(data/rates.json ships with the figures and their sources)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from frivillig.expenses.models import YearRates

DEFAULT_FILE = Path(__file__).parent / "data" / "rates.json"
FIELDS = [
    "mileage_car_low",
    "mileage_car_high",
    "mileage_bicycle",
    "phone_internet_limit",
    "administration_limit",
    "special_clothing_limit",
    "meal_allowance_per_day",
]


@transaction.atomic
def load(path: Path = DEFAULT_FILE) -> list[YearRates]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    loaded = []
    for year, values in sorted(data["years"].items()):
        defaults = {
            name: (Decimal(values[name]) if values.get(name) is not None else None)
            for name in FIELDS
        }
        defaults["sources"] = values.get("sources", {})
        item, _created = YearRates.objects.update_or_create(year=int(year), defaults=defaults)
        loaded.append(item)
    return loaded


def for_year(year: int) -> YearRates | None:
    return YearRates.objects.filter(year=year).first()
