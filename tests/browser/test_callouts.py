"""An emergency call-out, as the people involved see it in a real browser:

1. a volunteer on a phone (375 px) opens the personal link from the e-mail without signing in,
   says yes, and is thanked (the form POST passes the CSRF origin check under the page's
   referrer policy);
2. the coordinator's open detail page counts the new yes by itself (htmx polling), without a
   reload;
3. once filled, the next person's link thanks them and offers no "yes" button.

Every volunteer page has one h1, no sideways scrolling, and nothing for axe-core to find."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import VolunteerProfile
from frivillig.callouts import services
from frivillig.callouts.models import CallOutStatus
from tests.browser.test_journey import WAIT_MS, check_page, name, status_message
from tests.browser.test_shifts import signed_in

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375
POLL_MS = 5_000


@pytest.fixture
def storm(transactional_db, organisation, coordinator, places, make_user):
    cache.clear()
    people = []
    for n in range(3):
        person = make_user(f"storm{n}@example.dk", first_name=f"Storm{n}", last_name="Hansen")
        VolunteerProfile.objects.create(user=person, phone=f"2000 000{n}")
        services.save_preference(user=person, opted_in=True, place=places["nibe"])
        people.append(person)
    callout = services.create_callout(
        organisation=organisation,
        created_by=coordinator,
        title="Storm: sandsække i Nibe i aften",
        description="Vi fylder sandsække ved havnen.",
        place=places["nibe"],
        address="Havnevej 1",
        starts_at=timezone.now() + timedelta(hours=3),
        needed=2,
        radius_km=10,
    )
    services.respond(token=callout.responses.get(volunteer=people[0]).token, accept=True)
    return {"callout": callout, "people": people, "coordinator": coordinator}


def test_a_volunteer_says_yes_and_the_coordinator_sees_it_live(
    storm, new_page, live_server, assert_no_axe_violations
):
    callout, people = storm["callout"], storm["people"]
    staff = new_page(language=LANGUAGE, width=1280)
    signed_in(staff, storm["coordinator"], live_server)
    staff.goto(
        reverse(
            "backoffice:callout_detail",
            kwargs={"slug": callout.organisation.slug, "pk": callout.pk},
        )
    )
    live = staff.locator("#callout-live")
    assert "1" in live.inner_text()

    phone = new_page(language=LANGUAGE, width=WIDTH)
    link = reverse(
        "portal:callout_respond", args=[callout.responses.get(volunteer=people[1]).token]
    )
    phone.goto(link)
    check_page(
        phone, language=LANGUAGE, width=WIDTH, what="answer page", axe=assert_no_axe_violations
    )
    phone.get_by_role("button", name=name(LANGUAGE, "Yes, I can come")).click(timeout=WAIT_MS)
    phone.wait_for_load_state("load", timeout=WAIT_MS)
    assert not phone.problems, phone.problems
    check_page(
        phone, language=LANGUAGE, width=WIDTH, what="after yes", axe=assert_no_axe_violations
    )
    assert status_message(phone)
    callout.refresh_from_db()
    assert (callout.accepted_count, callout.status) == (2, CallOutStatus.FILLED)

    # The staff page was not reloaded: the poll brings the new count.
    staff.wait_for_function(
        "() => document.querySelector('#callout-live').innerText.includes('2')",
        timeout=POLL_MS + WAIT_MS,
    )

    late = new_page(language=LANGUAGE, width=WIDTH)
    late.goto(
        reverse("portal:callout_respond", args=[callout.responses.get(volunteer=people[2]).token])
    )
    check_page(late, language=LANGUAGE, width=WIDTH, what="filled", axe=assert_no_axe_violations)
    assert late.get_by_role("button", name=name(LANGUAGE, "Yes, I can come")).count() == 0
