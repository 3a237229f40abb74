"""Check-in on the day, on a 375 px phone, as a team lead who is not staff of the organisation:
the lead opens today's shifts, opens the list of one, finds a person by name, checks her in and
out, and marks someone who did not come. Every page has one h1, does not scroll sideways, has
buttons a thumb can hit (at least 44 px high), and gives axe-core nothing to report."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from frivillig.events import signup
from frivillig.events.models import Attendance, ShiftSignup
from tests.browser.test_every_page import signed_in
from tests.browser.test_journey import WAIT_MS, check_page, name, status_message, words

pytestmark = pytest.mark.browser

WIDTH = 375
MIN_TARGET_PX = 44


@pytest.fixture
def day(transactional_db, organisation, make_event, make_shift, make_user):
    cache.clear()  # nothing cached from an earlier test's (flushed) database may leak in
    event = make_event("Aalborg Karneval", start_in_days=0)
    team = event.teams.get()
    shift = make_shift(team=team, start_hour=10, hours=4, capacity=10, location="Kilden")
    lead = make_user("leder@example.dk", first_name="Lone", last_name="Leder")
    team.leads.add(lead)
    people = {}
    for first, last in [("Vera", "Frivillig"), ("Bo", "Bjerg"), ("Anna", "Andersen")]:
        person = make_user(first_name=first, last_name=last)
        people[first] = signup.sign_up(
            volunteer=person, shift=shift, now=shift.starts_at - timedelta(days=1)
        ).signup
    return {"organisation": organisation, "shift": shift, "lead": lead, "people": people}


def assert_big_buttons(page, what):
    heights = (
        page.get_by_role("main")
        .locator("button")
        .evaluate_all("buttons => buttons.map(b => b.getBoundingClientRect().height)")
    )
    assert heights, f"{what}: no buttons"
    assert min(heights) >= MIN_TARGET_PX, f"{what}: a button is {min(heights)} px high"


def person(page, full_name):
    return page.locator(".checkin-list > li").filter(
        has=page.get_by_role("heading", level=2, name=full_name)
    )


def tap(page, item, msgid, full_name):
    """Presses one of a person's buttons and waits for the page that says it is done."""
    # The button's name goes on with the person's name, for a screen reader's list of buttons.
    label = re.compile(rf"^{re.escape(words('da', msgid))}\s+{re.escape(full_name)}$")
    button = item.get_by_role("button", name=label)
    with page.expect_navigation(timeout=WAIT_MS):
        button.click(timeout=WAIT_MS)
    page.wait_for_load_state("load", timeout=WAIT_MS)


def test_it_lets_a_lead_check_people_in_on_a_phone(
    day, new_page, visit, live_server, assert_no_axe_violations
):
    language = "da"
    t = {"language": language, "width": WIDTH, "axe": assert_no_axe_violations}
    organisation, shift, people = day["organisation"], day["shift"], day["people"]
    page = new_page(language=language, width=WIDTH, height=800)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, day["lead"], live_server)

    # Today's shifts, and into the list of the one the lead leads.
    visit(page, reverse("backoffice:checkin_today", args=[organisation.slug]))
    check_page(page, **t, what="today's shifts")
    list_path = reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk])
    page.get_by_role("link", name="Oprydning, 10.00–14.00").click()
    page.wait_for_url(f"**{list_path}", timeout=WAIT_MS)
    check_page(page, **t, what="the shift's list")
    assert_big_buttons(page, "the shift's list")
    expect(page.locator(".checkin-list > li")).to_have_count(3)

    # Find Vera by name: the server filters the list.
    page.get_by_role("searchbox", name=name(language, "Find by name")).fill("vera")
    page.get_by_role("main").get_by_role("button", name=name(language, "Search")).click()
    page.wait_for_url("**?q=vera", timeout=WAIT_MS)
    expect(page.locator(".checkin-list > li")).to_have_count(1)
    vera = person(page, "Vera Frivillig")
    expect(vera).to_have_count(1)

    # In, then out.
    tap(page, vera, "Check in", "Vera Frivillig")
    assert words(language, "%(name)s is checked in.") % {"name": "Vera Frivillig"} in (
        status_message(page)
    )
    check_page(page, **t, what="the list after checking in")
    assert page.get_by_role("searchbox").input_value() == "vera", "the search was lost"
    people["Vera"].refresh_from_db()
    assert people["Vera"].attendance == Attendance.CHECKED_IN
    expect(person(page, "Vera Frivillig").locator(".checkin-status")).to_contain_text(
        words(language, "Checked in at %(time)s").split("%")[0].strip()
    )

    tap(page, person(page, "Vera Frivillig"), "Check out", "Vera Frivillig")
    people["Vera"].refresh_from_db()
    assert people["Vera"].attendance == Attendance.CHECKED_OUT
    assert people["Vera"].hours is not None

    # Everyone again; Bo did not come.
    page.get_by_role("link", name=name(language, "Show everyone")).click()
    page.wait_for_url(f"**{list_path}", timeout=WAIT_MS)
    expect(page.locator(".checkin-list > li")).to_have_count(3)
    tap(page, person(page, "Bo Bjerg"), "Did not come", "Bo Bjerg")
    check_page(page, **t, what="the list after a no-show")
    assert_big_buttons(page, "the list after a no-show")
    people["Bo"].refresh_from_db()
    assert people["Bo"].attendance == Attendance.NO_SHOW
    counts = page.locator(".checkin-counts").inner_text()
    assert "1" in counts and "3" in counts
    assert ShiftSignup.objects.filter(attendance=Attendance.UNKNOWN).count() == 1


def test_it_opens_one_person_from_the_qr_code_on_a_phone(
    day, new_page, visit, live_server, assert_no_axe_violations
):
    language = "da"
    t = {"language": language, "width": WIDTH, "axe": assert_no_axe_violations}
    vera = day["people"]["Vera"]
    page = new_page(language=language, width=WIDTH, height=800)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, day["lead"], live_server)

    visit(page, reverse("backoffice:checkin_by_code", args=[vera.checkin_code]))
    check_page(page, **t, what="the QR code's page")
    assert_big_buttons(page, "the QR code's page")
    with page.expect_navigation(timeout=WAIT_MS):
        page.get_by_role("main").get_by_role("button", name=name(language, "Check in")).click()
    check_page(page, **t, what="the QR code's page after checking in")
    vera.refresh_from_db()
    assert vera.attendance == Attendance.CHECKED_IN
    expect(
        page.get_by_role("main").get_by_role("button", name=name(language, "Check out"))
    ).to_have_count(1)
