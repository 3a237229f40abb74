"""Shifts in calendars: the personal feed behind a secret, one shift's .ics behind its check-in
code, and an event's open shifts. Each is parsed back as iCalendar and checked field by field."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from frivillig.events import calendars, planning, signup
from frivillig.events.models import EventVisibility, VolunteerCalendar


@pytest.fixture(autouse=True)
def _in_english():
    # The assertions read the English wording; the Danish is checked by the translation test.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://frivillig.example.dk"


def entries(body: bytes):
    return list(Calendar.from_ical(body).walk("VEVENT"))


def get_ics(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def test_it_serves_the_confirmed_shifts_in_the_personal_feed(
    client, volunteer, make_event, make_shift, make_user
):
    event = make_event("Aalborg Karneval", address="Kildeparken")
    mine = make_shift(event=event, location="Scenen", start_hour=10, hours=4)
    full = make_shift(event=event, capacity=1, start_hour=16)
    signup.sign_up(volunteer=make_user(), shift=full)
    confirmed = signup.sign_up(volunteer=volunteer, shift=mine).signup
    signup.sign_up(volunteer=volunteer, shift=full)  # waitlisted: not in the feed
    calendar = calendars.calendar_for(volunteer)

    response = get_ics(client, reverse("portal:personal_ics", args=[calendar.secret]))
    assert "private" in response["Cache-Control"]
    parsed = Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0"
    assert parsed.walk("VTIMEZONE"), "the zone of the TZID is described in the calendar"
    (entry,) = parsed.walk("VEVENT")
    assert str(entry["UID"]) == f"signup-{confirmed.pk}@frivillig.example.dk"
    assert entry["DTSTAMP"].dt.tzinfo is not None
    start = entry["DTSTART"].dt
    assert start.tzinfo is not None and start == mine.starts_at
    assert start.utcoffset() == mine.starts_at.astimezone(ZoneInfo("Europe/Copenhagen")).utcoffset()
    assert entry["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert entry["DTEND"].dt == mine.ends_at
    assert "Oprydning" in entry["SUMMARY"] and "Aalborg Karneval" in entry["SUMMARY"]
    assert entry["LOCATION"] == "Scenen, 9000 Aalborg C"
    assert entry["URL"] == "https://frivillig.example.dk" + reverse("portal:my_shifts")
    assert entry["STATUS"] == "CONFIRMED"


def test_it_forgets_the_old_feed_address_when_the_secret_is_replaced(client, volunteer):
    old = calendars.calendar_for(volunteer).secret
    assert calendars.calendar_for(volunteer).secret == old  # made once
    new = calendars.replace_secret(user=volunteer).secret
    assert new != old
    get_ics(client, reverse("portal:personal_ics", args=[old]), status=404)
    get_ics(client, reverse("portal:personal_ics", args=[new]))
    assert VolunteerCalendar.objects.count() == 1


def test_it_gives_one_shift_by_its_checkin_code_while_the_sign_up_lives(
    client, volunteer, make_shift, make_user
):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    waiting = signup.sign_up(volunteer=volunteer, shift=shift).signup
    url = reverse("portal:shift_ics", args=[waiting.checkin_code])

    response = get_ics(client, url)
    assert response["Content-Disposition"].startswith("attachment;")
    (entry,) = entries(response.content)
    assert entry["STATUS"] == "TENTATIVE"
    assert str(entry["UID"]) == f"signup-{waiting.pk}@frivillig.example.dk"

    signup.cancel(signup=waiting, volunteer=volunteer)
    get_ics(client, url, status=404)
    get_ics(client, reverse("portal:shift_ics", args=["not-a-code"]), status=404)


def test_it_writes_a_confirmed_single_shift_in_the_volunteers_language(volunteer, make_shift):
    from frivillig.accounts.models import VolunteerProfile

    VolunteerProfile.objects.filter(user=volunteer).update(language="en")
    done = signup.sign_up(volunteer=volunteer, shift=make_shift()).signup
    (entry,) = entries(calendars.signup_ics(calendars.signup_for_code(done.checkin_code)))
    assert entry["STATUS"] == "CONFIRMED"
    assert "Team: Oprydning" in entry["DESCRIPTION"]


def test_it_lists_the_open_shifts_of_an_event(client, make_event, make_shift):
    event = make_event()
    open_shift = make_shift(event=event, capacity=3)
    cancelled = make_shift(event=event, start_hour=16)
    signup.cancel_shift(shift=cancelled, by=None)
    response = get_ics(client, reverse("portal:event_ics", args=[event.slug]))
    (entry,) = entries(response.content)
    assert str(entry["UID"]) == f"shift-{open_shift.pk}@frivillig.example.dk"
    assert entry["URL"] == "https://frivillig.example.dk" + reverse(
        "portal:event", args=[event.slug]
    )
    assert "3 af 3" in entry["DESCRIPTION"]  # Danish, the portal's default
    assert entry["LOCATION"] == "9000 Aalborg C"


def test_it_keeps_a_hidden_events_feed_behind_its_secret(client, make_event, make_shift):
    hidden = make_event(visibility=EventVisibility.HIDDEN, address="Skolegade 1")
    make_shift(event=hidden)
    url = reverse("portal:event_ics", args=[hidden.slug])
    get_ics(client, url, status=404)
    get_ics(client, url + "?s=wrong", status=404)
    (entry,) = entries(get_ics(client, f"{url}?s={hidden.secret}").content)
    assert entry["URL"].endswith(f"?s={hidden.secret}")
    assert entry["LOCATION"] == "Skolegade 1, 9000 Aalborg C"


def test_it_keeps_the_feeds_flat_as_the_shifts_grow(
    client, volunteer, make_event, make_shift, django_assert_max_num_queries
):
    event = make_event(days=3)
    team = event.teams.get()
    calendar = calendars.calendar_for(volunteer)
    for day in range(3):
        for hour in (8, 12, 16):
            shift = make_shift(team=team, day=day, start_hour=hour, hours=2)
            signup.sign_up(volunteer=volunteer, shift=shift)
    with django_assert_max_num_queries(3):
        get_ics(client, reverse("portal:personal_ics", args=[calendar.secret]))
    with django_assert_max_num_queries(3):
        get_ics(client, reverse("portal:event_ics", args=[event.slug]))


def test_it_leaves_ended_shifts_out_of_the_event_feed(make_event, now):
    event = make_event(start_in_days=0)
    team = event.teams.get()
    start = now - timedelta(hours=5)
    planning.add_shift(team=team, starts_at=start, ends_at=start + timedelta(hours=1), capacity=1)
    assert entries(calendars.event_feed(event)) == []
