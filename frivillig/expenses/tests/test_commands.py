"""The central office loads the rates from the data file, and cron deletes claims whose years
of keeping have passed."""

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from frivillig.engagements import services as engagements
from frivillig.expenses import services
from frivillig.expenses.models import Claim, LineKind, YearRates


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_loads_the_shipped_file_and_says_what_is_missing_per_year(db):
    printed = run("load_expense_rates")

    assert "Loaded 4 year(s)" in printed
    assert "  2023: not recorded: mileage_bicycle\n" in printed
    assert "  2024: not recorded: special_clothing_limit, meal_allowance_per_day\n" in printed
    assert YearRates.objects.get(year=2024).mileage_car_low == Decimal("3.79")


def test_loading_again_changes_nothing_and_a_new_file_corrects_a_year(db, tmp_path):
    run("load_expense_rates")
    run("load_expense_rates")
    assert YearRates.objects.count() == 4

    corrected = tmp_path / "rates.json"
    corrected.write_text(
        json.dumps(
            {
                "years": {
                    "2024": {
                        "mileage_car_low": "3.79",
                        "mileage_car_high": "2.23",
                        "mileage_bicycle": "0.62",
                        "phone_internet_limit": "2450.00",
                        "administration_limit": "1500.00",
                        "special_clothing_limit": "2050.00",
                        "meal_allowance_per_day": "80.00",
                        "sources": {"limits": "Skattestyrelsen 2024"},
                    },
                    "2027": {"sources": {}},
                }
            }
        ),
        encoding="utf-8",
    )

    printed = run("load_expense_rates", str(corrected))

    assert "  2024: every figure recorded\n" in printed
    assert "  2027: no figures recorded\n" in printed
    assert YearRates.objects.get(year=2024).missing == []
    assert YearRates.objects.count() == 5


@pytest.mark.parametrize(
    "content, says",
    [
        (None, "Cannot read"),
        ("{not json", "not valid JSON"),
        ('{"jahre": {}}', "expected form"),
        ('{"years": {"2024": {"mileage_car_low": "tre"}}}', "expected form"),
        ('{"years": {"1800": {}}}', "expected form"),
    ],
)
def test_a_broken_file_is_refused_and_nothing_is_loaded(db, tmp_path, content, says):
    path = tmp_path / "rates.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=says):
        run("load_expense_rates", str(path))
    assert not YearRates.objects.exists()


def test_it_purges_claims_whose_years_of_keeping_have_passed(
    expense_rates, volunteer, make_opportunity, coordinator, organisation
):
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=make_opportunity()),
        by=coordinator,
    )
    claims = []
    for _ in range(3):
        claim = services.start_claim(volunteer=volunteer, organisation=organisation, year=2024)
        services.add_allowance(
            claim=claim,
            volunteer=volunteer,
            kind=LineKind.PHONE,
            date=date(2024, 6, 1),
            purpose="Telefon",
            amount="50",
        )
        services.submit(claim=claim, volunteer=volunteer)
        claims.append(services.approve(claim=claim, by=coordinator))
    yesterday = timezone.localdate() - timedelta(days=1)
    Claim.objects.filter(pk__in=[claims[0].pk, claims[1].pk]).update(keep_until=yesterday)

    assert run("purge_expense_claims") == "2 expense claim(s) deleted.\n"
    assert list(Claim.objects.values_list("pk", flat=True)) == [claims[2].pk]
    assert run("purge_expense_claims") == "0 expense claim(s) deleted.\n"
