"""Shifts at a large event, on a phone (375 px), as a volunteer would do it:

1. finds the event under "Arrangementer", ticks two shifts and signs up once, and sees an
   answer per shift;
2. sees both on "Mine vagter", each with a QR code;
3. ticks a full shift and lands on its waitlist, with the position shown;
4. cancels one shift through the confirmation page, and its place is free again.

Every page has one h1, no sideways scrolling, and nothing for axe-core to find. Controls are
found by role and accessible name from the same gettext catalogue the live server uses."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from frivillig.events import planning, signup
from frivillig.events.models import ShiftSignup, SignupStatus
from tests.browser.test_journey import WAIT_MS, check_page, click_and_wait, name, status_message

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375


def words(msgid, **values):
    with translation.override(LANGUAGE):
        text = translation.gettext(msgid)
    return text % values if values else text


@pytest.fixture
def rush(transactional_db, make_event, make_shift, make_user, volunteer):
    """A two-day event with a cleanup team and a first-aid team; one first-aid shift is full."""
    cache.clear()
    event = make_event("Aalborg Karneval", days=2, address="Kildeparken")
    cleanup = event.teams.get(name="Oprydning")
    first_aid = planning.add_team(event=event, name="Førstehjælp")
    shifts = {
        "cleanup": make_shift(team=cleanup, start_hour=10, hours=4, capacity=3),
        "first_aid": make_shift(team=first_aid, start_hour=10, hours=4, day=1, capacity=2),
        "full": make_shift(team=first_aid, start_hour=16, hours=3, day=1, capacity=1),
    }
    signup.sign_up(volunteer=make_user(), shift=shifts["full"])
    return {"event": event, "shifts": shifts, "volunteer": volunteer}


def signed_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def tick(page, team, start):
    """Tick a shift by its label ("Oprydning, 10.00–14.00, …"), as a person taps the label."""
    box = page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(team)}, {start}"))
    assert box.count() == 1, f"no single box for {team} {start}"
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    assert box.is_checked()


def test_it_lets_a_volunteer_take_shifts_join_a_waitlist_and_cancel_on_a_phone(
    rush, new_page, visit, live_server, assert_no_axe_violations
):
    event, shifts, volunteer = rush["event"], rush["shifts"], rush["volunteer"]
    t = {"language": LANGUAGE, "width": WIDTH, "axe": assert_no_axe_violations}
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)

    # 1. From the list of events to the event, two shifts ticked, one submission.
    visit(page, reverse("portal:events"))
    check_page(page, **t, what="events")
    click_and_wait(
        page,
        page.get_by_role("main").get_by_role("link", name="Aalborg Karneval"),
        reverse("portal:event", args=[event.slug]),
    )
    check_page(page, **t, what="event")
    full_text = words("Full – waitlist")
    assert page.get_by_text(full_text).count() == 1
    tick(page, "Oprydning", "10.00")
    tick(page, "Førstehjælp", "10.00")
    click_and_wait(
        page,
        page.get_by_role("button", name=name(LANGUAGE, "Sign up for the ticked shifts")),
        reverse("portal:event_signup", args=[event.slug]),
    )
    check_page(page, **t, what="answer to two shifts")
    answers = page.locator("ul.answer-list > li")
    assert answers.count() == 2
    for answer in answers.all():
        assert words("Confirmed") in answer.inner_text()
    assert (
        ShiftSignup.objects.filter(volunteer=volunteer, status=SignupStatus.CONFIRMED).count() == 2
    )

    # 2. "Mine vagter": both places, each with a QR code that has a text alternative.
    click_and_wait(
        page,
        page.get_by_role("link", name=name(LANGUAGE, "See my shifts")),
        reverse("portal:my_shifts"),
    )
    check_page(page, **t, what="my shifts")
    qr_name = words("QR code for checking in to %(shift)s", shift="").strip()
    codes = page.get_by_role("img", name=re.compile("^" + re.escape(qr_name)))
    assert codes.count() == 2
    box = codes.first.bounding_box()
    assert box and box["width"] >= 200, f"the QR code is too small to scan ({box})"

    # 3. The full shift: ticked with the waitlist option left on, the answer says waitlist.
    visit(page, reverse("portal:event", args=[event.slug]))
    assert page.get_by_text(words("You have a place")).count() == 2
    tick(page, "Førstehjælp", "16.00")
    waitlist = page.get_by_role(
        "checkbox", name=name(LANGUAGE, "Put me on the waitlist if a shift is full")
    )
    assert waitlist.is_checked()
    click_and_wait(
        page,
        page.get_by_role("button", name=name(LANGUAGE, "Sign up for the ticked shifts")),
        reverse("portal:event_signup", args=[event.slug]),
    )
    check_page(page, **t, what="answer, waitlist")
    assert words("On the waitlist") in page.get_by_role("main").inner_text()
    visit(page, reverse("portal:my_shifts"))
    check_page(page, **t, what="my shifts with a waitlist place")
    assert words("Number %(n)s on the waitlist", n="1") in page.get_by_role("main").inner_text()

    # 4. Cancel the cleanup shift: a confirmation step, then the place is free again.
    cleanup = ShiftSignup.objects.get(volunteer=volunteer, shift=shifts["cleanup"])
    card = page.locator(f"#signup-{cleanup.pk}")
    click_and_wait(
        page,
        card.get_by_role("link", name=name(LANGUAGE, "Cancel shift")),
        reverse("portal:cancel_signup", args=[cleanup.pk]),
    )
    check_page(page, **t, what="cancel, confirmation")
    assert (
        words(
            "Are you sure you want to cancel this shift? No reason is needed, and your place "
            "goes to the next person on the waitlist."
        )
        in page.get_by_role("main").inner_text()
    )
    cleanup.refresh_from_db()
    assert cleanup.status == SignupStatus.CONFIRMED, "the GET cancelled already"
    click_and_wait(
        page,
        page.get_by_role("button", name=name(LANGUAGE, "Yes, cancel my place")),
        reverse("portal:my_shifts"),
    )
    check_page(page, **t, what="my shifts after cancelling")
    assert "Oprydning" in status_message(page)
    cleanup.refresh_from_db()
    assert cleanup.status == SignupStatus.CANCELLED
    shifts["cleanup"].refresh_from_db()
    assert shifts["cleanup"].taken == 0

    # The calendar settings page, linked from "Mine vagter".
    click_and_wait(
        page,
        page.get_by_role("main").get_by_role(
            "link", name=name(LANGUAGE, "Get your shifts in your calendar")
        ),
        reverse("portal:calendar_settings"),
    )
    check_page(page, **t, what="calendar settings")
