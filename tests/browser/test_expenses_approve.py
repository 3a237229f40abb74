"""An approver on a phone (375 px) decides two expense claims from the same volunteer:

1. the second claim's confirmation is opened first, while nothing is approved yet;
2. on another page the approver opens the list, then the first claim (made with the services
   here), sees the year's totals against the limits, and approves it;
3. back on the first page, approving the second phone allowance is refused, because with
   the first one it passes the year's tax-free limit, and the explanation and the options
   are shown; the claim's own page shows the same guard.

Every page has one h1, no sideways scrolling, and nothing for axe-core to find."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from frivillig.engagements import services as engagements
from frivillig.expenses import services
from frivillig.expenses.models import ClaimStatus, LineKind
from tests.browser.test_journey import WAIT_MS, check_page, click_and_wait, name, status_message
from tests.browser.test_shifts import signed_in

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375


def _phone(claim, volunteer, amount, day):
    services.add_allowance(
        claim=claim,
        volunteer=volunteer,
        kind=LineKind.PHONE,
        date=day,
        purpose="Telefon og internet",
        amount=amount,
    )


@pytest.fixture
def two_claims(
    transactional_db, organisation, coordinator, volunteer, make_opportunity, expense_rates
):
    cache.clear()
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=make_opportunity()),
        by=coordinator,
    )
    first = services.start_claim(volunteer=volunteer, organisation=organisation, year=2024)
    services.add_mileage(
        claim=first,
        volunteer=volunteer,
        date=date(2024, 3, 1),
        from_place="Nibe",
        to_place="Aalborg",
        purpose="Besøg hos Inger",
        km="42",
        vehicle="car",
    )
    _phone(first, volunteer, "2000", date(2024, 3, 31))
    services.submit(claim=first, volunteer=volunteer)
    second = services.start_claim(volunteer=volunteer, organisation=organisation, year=2024)
    _phone(second, volunteer, "600", date(2024, 9, 30))
    services.submit(claim=second, volunteer=volunteer)
    return first, second


def test_it_lets_an_approver_approve_on_a_phone_and_refuses_a_second_allowance_past_the_limit(
    two_claims, coordinator, organisation, new_page, visit, live_server, assert_no_axe_violations
):
    first, second = two_claims
    slug = organisation.slug
    t = {"language": LANGUAGE, "width": WIDTH, "axe": assert_no_axe_violations}

    # 1. The second claim's confirmation, opened while nothing is approved yet.
    waiting = new_page(language=LANGUAGE, width=WIDTH)
    waiting.set_default_timeout(WAIT_MS)
    signed_in(waiting, coordinator, live_server)
    second_approve = reverse("backoffice:claim_approve", args=[slug, second.pk])
    visit(waiting, second_approve)
    check_page(waiting, **t, what="the second claim's confirmation")

    # 2. The list, the first claim with the year's totals, and its approval.
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, coordinator, live_server)
    visit(page, reverse("backoffice:claim_list", args=[slug]))
    check_page(page, **t, what="the list of claims")
    detail = reverse("backoffice:claim_detail", args=[slug, first.pk])
    click_and_wait(page, page.locator(f"a[href='{detail}']"), detail)
    check_page(page, **t, what="the first claim")
    totals = page.locator("#year-totals")
    assert totals.is_visible()
    phone_row = totals.get_by_role("row").filter(has_text=str(LineKind.PHONE.label))
    assert "2.000,00 kr" in phone_row.inner_text()  # this claim
    assert "2.450,00 kr" in phone_row.inner_text()  # the year's limit
    assert page.locator("#limit-problems").count() == 0
    approve = reverse("backoffice:claim_approve", args=[slug, first.pk])
    click_and_wait(page, page.get_by_role("link", name=name(LANGUAGE, "Approve…")), approve)
    check_page(page, **t, what="the first claim's confirmation")
    click_and_wait(
        page, page.get_by_role("button", name=name(LANGUAGE, "Yes, approve the claim")), detail
    )
    check_page(page, **t, what="the approved claim")
    assert status_message(page)
    first.refresh_from_db()
    assert first.status == ClaimStatus.APPROVED

    # 3. The second phone allowance now passes the limit: refused, with the explanation.
    waiting.get_by_role("button", name=name(LANGUAGE, "Yes, approve the claim")).click()
    waiting.wait_for_selector("#limit-problems", timeout=WAIT_MS)
    # The refusal answers 409 Conflict on purpose; nothing else may have gone wrong.
    assert waiting.problems == [f"HTTP 409 {second_approve}"], waiting.problems
    waiting.problems.clear()
    check_page(waiting, **t, what="the refusal")
    box = waiting.locator("#limit-problems").inner_text()
    assert "2450.00" in box and "450.00" in box
    second.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED

    second_detail = reverse("backoffice:claim_detail", args=[slug, second.pk])
    visit(waiting, second_detail)
    check_page(waiting, **t, what="the second claim")
    guard = waiting.locator("#limit-problems")
    assert guard.is_visible()
    remaining = reverse("backoffice:claim_approve_remaining", args=[slug, second.pk])
    assert guard.locator(f"a[href='{remaining}']").count() == 1
    reject = reverse("backoffice:claim_reject", args=[slug, second.pk])
    assert guard.locator(f"a[href='{reject}']").count() == 1
