"""An expense claim on a phone (375 px), as a volunteer would make one:

1. from Min side to "My expenses", and a new claim to the association they volunteer for;
2. on the claim page, 42 km of driving and a telephone allowance, each with its own form;
3. the total, then "Submit the claim" and its confirmation; the claim is read-only after.

Every page has one h1, no sideways scrolling, and nothing for axe-core to find. Controls are
found by role and accessible name from the same gettext catalogue the live server uses."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation

from frivillig.engagements import services as engagements
from frivillig.expenses import rates
from frivillig.expenses.models import Claim, ClaimStatus, YearRates
from tests.browser.test_journey import (
    WAIT_MS,
    check_page,
    click_and_wait,
    name,
    starts,
    status_message,
)
from tests.browser.test_shifts import signed_in

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375


def kroner(amount) -> str:
    """An amount as the page shows it in Danish: "159,18 kr."."""
    with translation.override(LANGUAGE):
        return f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} kr."


@pytest.fixture
def engaged(transactional_db, volunteer, coordinator, make_opportunity):
    """A volunteer with an engagement at an association, and this year's rates."""
    cache.clear()
    rates.load()
    this_year = timezone.localdate().year
    if rates.for_year(this_year) is None:
        # The shipped file ends at some year; the test must not start failing the year after.
        latest = YearRates.objects.order_by("-year").first()
        latest.pk, latest.year = None, this_year
        latest.save()
    opportunity = make_opportunity("Besøgsven i Nibe")
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=opportunity),
        by=coordinator,
    )
    return rates.for_year(this_year)


def test_it_lets_a_volunteer_claim_driving_and_a_phone_allowance_on_a_phone(
    engaged, volunteer, organisation, new_page, visit, live_server, assert_no_axe_violations
):
    t = {"language": LANGUAGE, "width": WIDTH, "axe": assert_no_axe_violations}
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)

    # 1. From Min side to a new claim.
    visit(page, reverse("portal:my_page"))
    click_and_wait(
        page,
        page.get_by_role("main").get_by_role("link", name=name(LANGUAGE, "My expenses")),
        reverse("portal:my_claims"),
    )
    check_page(page, **t, what="my expenses, none yet")
    click_and_wait(
        page,
        page.get_by_role("link", name=name(LANGUAGE, "New claim")),
        reverse("portal:new_claim"),
    )
    check_page(page, **t, what="new claim")
    payer = page.get_by_role("radio", name=organisation.name)
    assert payer.is_checked(), "the only organisation is not chosen already"
    page.get_by_role("button", name=name(LANGUAGE, "Start the claim")).click()
    page.wait_for_url(re.compile(r"/min-side/udgifter/\d+/$"), timeout=WAIT_MS)
    claim = Claim.objects.get()
    check_page(page, **t, what="the claim, empty")
    explanation = page.get_by_role("region", name=re.compile(re.escape(organisation.name)))
    assert explanation.get_by_role("paragraph").count() >= 1

    # 2. 42 km of driving, then a telephone allowance; each time back at the list of lines.
    lines_url = f"**{reverse('portal:my_claim', args=[claim.pk])}#lines-heading"
    driving = page.get_by_role("region", name=name(LANGUAGE, "Add driving"))
    driving.get_by_label(name(LANGUAGE, "From")).fill("Nibe")
    driving.get_by_label(name(LANGUAGE, "To")).fill("Aalborg")
    driving.get_by_label(name(LANGUAGE, "Purpose of the trip")).fill("Besøg hos Ingrid")
    driving.get_by_label(name(LANGUAGE, "Distance in km")).fill("42")
    assert driving.get_by_role("radio", name=name(LANGUAGE, "Car or motorcycle")).is_checked()
    click_and_wait(
        page,
        driving.get_by_role("button", name=name(LANGUAGE, "Add the driving")),
        lines_url,
    )
    check_page(page, **t, what="the claim, with driving")
    driven = (Decimal(42) * engaged.mileage_car_low).quantize(Decimal("0.01"))
    assert kroner(driven) in page.locator("table").inner_text()

    allowance = page.get_by_role("region", name=name(LANGUAGE, "Add a flat allowance"))
    phone = allowance.get_by_role(
        "radio", name=name(LANGUAGE, "Telephone and internet (flat allowance)")
    )
    page.locator(f"label[for='{phone.get_attribute('id')}']").click()  # as a person taps it
    assert phone.is_checked()
    allowance.get_by_label(name(LANGUAGE, "What is it for?")).fill("Telefon til vagter")
    allowance.get_by_label(name(LANGUAGE, "Amount in kroner")).fill("300")
    click_and_wait(
        page,
        allowance.get_by_role("button", name=name(LANGUAGE, "Add the allowance")),
        lines_url,
    )
    check_page(page, **t, what="the claim, with driving and an allowance")
    table = page.get_by_role("table")
    assert table.locator("tbody tr").count() == 2
    assert kroner(driven + 300) in table.locator("tfoot").inner_text()

    # 3. Submit, through the confirmation.
    click_and_wait(
        page,
        page.get_by_role("link", name=name(LANGUAGE, "Submit the claim")),
        reverse("portal:submit_claim", args=[claim.pk]),
    )
    check_page(page, **t, what="submit, confirmation")
    click_and_wait(
        page,
        page.get_by_role("button", name=name(LANGUAGE, "Submit the claim")),
        reverse("portal:my_claim", args=[claim.pk]),
    )
    check_page(page, **t, what="the claim, submitted")
    assert organisation.name in status_message(page)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert page.get_by_role("region", name=name(LANGUAGE, "Add driving")).count() == 0
    assert page.get_by_role("button", name=starts(LANGUAGE, "Remove")).count() == 0

    visit(page, reverse("portal:my_claims"))
    check_page(page, **t, what="my expenses, one submitted")
    assert kroner(driven + 300) in page.get_by_role("main").inner_text()
