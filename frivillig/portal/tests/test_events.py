"""Events for volunteers: find an event, tick several shifts and sign up once, see "Mine vagter"
with a QR code per place, cancel in one step. Another person's sign-up is a 404; a hidden
event is a 404 without its secret."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.events import planning, qr, signup
from frivillig.events.models import (
    EventVisibility,
    ShiftSignup,
    SignupStatus,
    VolunteerCalendar,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _language_reset():
    yield
    translation.deactivate()


@pytest.fixture
def event(make_event):
    event = make_event("Aalborg Karneval", days=2, address="Kildeparken")
    planning.add_team(event=event, name="Førstehjælp", description="Plaster og kolde hænder.")
    return event


@pytest.fixture
def cleanup(event):
    return event.teams.get(name="Oprydning")


@pytest.fixture
def first_aid(event):
    return event.teams.get(name="Førstehjælp")


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    class Capture:
        def __enter__(self):
            mail.outbox.clear()
            self._inner = django_capture_on_commit_callbacks(execute=True)
            return self._inner.__enter__()

        def __exit__(self, *exc):
            return self._inner.__exit__(*exc)

    return Capture()


def event_url(event, **query):
    url = reverse("portal:event", args=[event.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def post_signup(client, event, shifts, *, waitlist=True, **extra):
    data = {"shift": [s.pk for s in shifts], **extra}
    if waitlist:
        data["waitlist"] = "1"
    return client.post(reverse("portal:event_signup", args=[event.slug]), data, **EN)


# --- The list and the event page -----------------------------------------------------------


def test_it_lists_listed_events_with_their_free_places(client, make_event, make_shift, event):
    make_shift(event=event, capacity=3)
    make_shift(event=event, capacity=2, start_hour=15)
    make_event("Kladde-festival", publish=False)
    make_event("Hemmelig fest", visibility=EventVisibility.HIDDEN)
    html = client.get(reverse("portal:events"), **EN).content.decode()
    assert "Aalborg Karneval" in html
    assert "5 free places" in html
    assert "Aalborg C" in html
    assert "Sports and leisure" in html
    assert "Kladde-festival" not in html
    assert "Hemmelig fest" not in html


def test_it_shows_a_hidden_event_only_with_its_secret(client, make_event):
    hidden = make_event("Hemmelig fest", visibility=EventVisibility.HIDDEN)
    assert client.get(event_url(hidden)).status_code == 404
    assert client.get(event_url(hidden, s="gaet")).status_code == 404
    response = client.get(event_url(hidden, s=hidden.secret), **EN)
    assert response.status_code == 200
    assert "Hemmelig fest" in response.content.decode()
    # The filters and the log-in link carry the secret along.
    assert f'name="s" value="{hidden.secret}"' in response.content.decode()


def test_it_gives_a_draft_or_cancelled_event_a_404(client, make_event):
    draft = make_event(publish=False)
    assert client.get(event_url(draft)).status_code == 404


def test_it_shows_shifts_by_day_with_free_places_in_words(
    client, event, cleanup, first_aid, make_shift, make_user
):
    make_shift(team=cleanup, capacity=2, location="Hovedindgangen", min_age=18)
    full = make_shift(team=first_aid, capacity=1, day=1)
    signup.sign_up(volunteer=make_user(), shift=full)
    make_shift(team=first_aid, capacity=1, day=1, start_hour=16, requires_driving_licence=True)
    html = client.get(event_url(event), **EN).content.decode()
    assert "Free places: 2 of 2" in html
    assert "Full – waitlist" in html
    assert "1 / 1" not in html and "2 / 1" not in html
    assert "Hovedindgangen" in html
    assert "Age 18 or older" in html
    assert "Driving licence required" in html
    assert html.count('class="shift-day') == 2
    assert "Plaster og kolde hænder." in html


def test_it_filters_by_team_day_and_free_places(
    client, event, cleanup, first_aid, make_shift, make_user
):
    make_shift(team=cleanup, location="Plads A")
    make_shift(team=first_aid, location="Plads B", day=1)
    full = make_shift(team=cleanup, location="Plads C", capacity=1, start_hour=16)
    signup.sign_up(volunteer=make_user(), shift=full)

    def shown(**query):
        html = client.get(event_url(event, **query), **EN).content.decode()
        return {p for p in ("Plads A", "Plads B", "Plads C") if p in html}

    assert shown() == {"Plads A", "Plads B", "Plads C"}
    assert shown(team=first_aid.pk) == {"Plads B"}
    assert shown(day=event.starts_on.isoformat()) == {"Plads A", "Plads C"}
    assert shown(free=1) == {"Plads A", "Plads B"}
    # A value that no longer fits is dropped instead of failing the page.
    assert shown(team="x", day="2001-01-01") == {"Plads A", "Plads B", "Plads C"}


def test_it_asks_anonymous_visitors_to_log_in_and_brings_them_back(client, event, make_shift):
    shift = make_shift(event=event)
    html = client.get(event_url(event), **EN).content.decode()
    assert "Log in to sign up" in html
    assert f"next=%2Farrangementer%2F{event.slug}%2F" in html
    assert 'name="shift"' not in html
    response = post_signup(client, event, [shift])
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not ShiftSignup.objects.exists()


def test_it_shows_when_sign_up_opens_and_disables_ticking_until_then(
    volunteer_client, make_event, make_shift
):
    opens = planning.local(timezone.localdate() + timedelta(days=3), 10)
    event = make_event(signup_opens_at=opens, signup_closes_at=opens + timedelta(days=5))
    shift = make_shift(event=event)
    html = volunteer_client.get(event_url(event), **EN).content.decode()
    day = opens.strftime("%B") + f" {opens.day}"
    assert f"Sign-up opens {day} at 10.00" in html
    assert "Sign-up deadline" in html
    assert f'id="shift-{shift.pk}" aria-describedby="shift-{shift.pk}-meta" disabled' in html
    response = post_signup(volunteer_client, event, [shift])
    assert "Not signed up" in response.content.decode()
    assert not ShiftSignup.objects.exists()


# --- Signing up ----------------------------------------------------------------------------


def test_it_signs_up_for_two_shifts_in_one_submission(
    volunteer_client, volunteer, event, cleanup, first_aid, make_shift, mails
):
    one = make_shift(team=cleanup)
    two = make_shift(team=first_aid, day=1)
    with mails:
        response = post_signup(volunteer_client, event, [two, one])
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Confirmed</span>") == 2
    assert "You have a place on this shift." in html
    assert "See my shifts" in html
    assert ShiftSignup.objects.filter(volunteer=volunteer, status=SignupStatus.CONFIRMED).count()
    assert len(mail.outbox) == 2
    # Back on the event page, the shifts are marked as held and cannot be ticked again.
    page = volunteer_client.get(event_url(event), **EN).content.decode()
    assert page.count("You have a place") == 2
    assert f'id="shift-{one.pk}"' not in page


def test_it_gives_each_shift_its_own_answer(
    volunteer_client, volunteer, event, cleanup, first_aid, make_shift, make_user
):
    open_shift = make_shift(team=cleanup)
    full = make_shift(team=first_aid, capacity=1, day=1)
    overlapping = make_shift(team=first_aid, start_hour=12)
    signup.sign_up(volunteer=make_user(), shift=full)
    html = post_signup(volunteer_client, event, [open_shift, full, overlapping]).content.decode()
    assert "Confirmed</span>" in html
    assert "On the waitlist</span>" in html
    assert "Not signed up</span>" in html
    assert "overlaps your shift" in html
    statuses = dict(ShiftSignup.objects.filter(volunteer=volunteer).values_list("shift", "status"))
    assert statuses == {open_shift.pk: "confirmed", full.pk: "waitlisted"}


def test_it_refuses_a_full_shift_when_the_person_does_not_want_the_waitlist(
    volunteer_client, event, make_shift, make_user
):
    full = make_shift(event=event, capacity=1)
    signup.sign_up(volunteer=make_user(), shift=full)
    html = post_signup(volunteer_client, event, [full], waitlist=False).content.decode()
    assert "This shift is full." in html
    assert ShiftSignup.objects.filter(shift=full).count() == 1


def test_it_ignores_shifts_of_another_event_and_asks_for_a_tick(
    volunteer_client, event, make_shift
):
    elsewhere = make_shift()
    response = post_signup(volunteer_client, event, [elsewhere])
    assert response.status_code == 302
    assert response["Location"] == event_url(event)
    assert not ShiftSignup.objects.exists()
    response = volunteer_client.post(
        reverse("portal:event_signup", args=[event.slug]), {"shift": ["nonsense"]}
    )
    assert response.status_code == 302


def test_it_needs_the_secret_to_sign_up_for_a_hidden_event(
    volunteer_client, make_event, make_shift
):
    hidden = make_event(visibility=EventVisibility.HIDDEN)
    shift = make_shift(event=hidden)
    assert post_signup(volunteer_client, hidden, [shift]).status_code == 404
    response = post_signup(volunteer_client, hidden, [shift], s=hidden.secret)
    assert response.status_code == 200
    assert ShiftSignup.objects.filter(shift=shift).exists()


def test_it_keeps_the_event_page_flat_as_the_shifts_grow(
    volunteer_client, volunteer, event, cleanup, first_aid, make_shift
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert volunteer_client.get(event_url(event)).status_code == 200
        return len(queries)

    signup.sign_up(volunteer=volunteer, shift=make_shift(team=cleanup, place=None))
    make_shift(team=first_aid, day=1)
    few = count()
    for hour in range(6, 20):
        make_shift(team=first_aid if hour % 2 else cleanup, start_hour=hour, hours=1, day=1)
    assert count() == few


def test_it_keeps_the_event_list_flat_as_events_grow(client, make_event, make_shift):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portal:events")).status_code == 200
        return len(queries)

    make_shift(event=make_event())
    few = count()
    for _ in range(6):
        make_shift(event=make_event())
    assert count() == few


def test_it_keeps_the_signup_post_to_the_services_queries(
    volunteer_client, event, cleanup, make_shift
):
    """The view adds the session, the user and one read of the shifts; the rest is the
    service's, per shift."""

    def count(shifts):
        with CaptureQueriesContext(connection) as queries:
            assert post_signup(volunteer_client, event, shifts).status_code == 200
        return len(queries)

    one = count([make_shift(team=cleanup, start_hour=6, hours=1)])
    two = count(
        [
            make_shift(team=cleanup, start_hour=8, hours=1),
            make_shift(team=cleanup, start_hour=10, hours=1),
        ]
    )
    per_shift = two - one
    assert one - per_shift <= 4  # session, user, the shifts and their event, at most one more


# --- Mine vagter ---------------------------------------------------------------------------


def test_it_asks_you_to_sign_in_for_my_shifts(client):
    response = client.get(reverse("portal:my_shifts"))
    assert response.status_code == 302
    assert "next=/min-side/vagter/" in response["Location"]


def test_it_shows_places_waitlist_positions_and_past_hours(
    volunteer_client, volunteer, event, cleanup, first_aid, make_shift, make_user, now
):
    mine = make_shift(team=cleanup, location="Scenen")
    full = make_shift(team=first_aid, capacity=1, day=1)
    signup.sign_up(volunteer=make_user(), shift=full)
    signup.sign_up(volunteer=make_user(), shift=full)
    confirmed = signup.sign_up(volunteer=volunteer, shift=mine).signup
    waiting = signup.sign_up(volunteer=volunteer, shift=full).signup
    past_event = make_event_in_the_past(event.organisation, event.place)
    past_shift = past_event.shifts.get()
    ShiftSignup.objects.create(
        shift=past_shift,
        event=past_event,
        volunteer=volunteer,
        status=SignupStatus.CONFIRMED,
        confirmed_at=now - timedelta(days=10),
        hours="3.50",
    )
    html = volunteer_client.get(reverse("portal:my_shifts"), **EN).content.decode()
    assert "Scenen" in html
    assert 'role="img"' in html and "QR code for checking in to Oprydning" in html
    assert html.count("<svg") == 1  # the waitlist place has no QR code
    assert "Number 2 on the waitlist" in html
    assert reverse("portal:cancel_signup", args=[confirmed.pk]) in html
    assert reverse("portal:cancel_signup", args=[waiting.pk]) in html
    assert reverse("portal:shift_ics", args=[confirmed.checkin_code]) in html
    assert "3.50 hours" in html
    assert reverse("portal:calendar_settings") in html


def make_event_in_the_past(organisation, place):
    event = planning.create_event(
        organisation=organisation,
        name="Sidste års karneval",
        description="Det var en god dag.",
        starts_on=timezone.localdate() - timedelta(days=20),
        ends_on=timezone.localdate() - timedelta(days=20),
        place=place,
    )
    team = planning.add_team(event=event, name="Oprydning")
    planning.publish_event(event=event)
    start = planning.local(event.starts_on, 9)
    planning.add_shift(team=team, starts_at=start, ends_at=start + timedelta(hours=4), capacity=5)
    return event


def test_it_keeps_my_shifts_flat_as_the_shifts_grow(
    volunteer_client, volunteer, event, cleanup, make_shift
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert volunteer_client.get(reverse("portal:my_shifts")).status_code == 200
        return len(queries)

    signup.sign_up(volunteer=volunteer, shift=make_shift(team=cleanup, start_hour=6, hours=1))
    few = count()
    for hour in range(8, 20, 2):
        signup.sign_up(
            volunteer=volunteer, shift=make_shift(team=cleanup, start_hour=hour, hours=1)
        )
    assert count() == few


def test_it_encodes_the_checkin_page_in_the_qr_code(settings):
    settings.SITE_URL = "https://frivillig.example.dk"
    url = qr.checkin_url("abc123")
    assert url.startswith("https://frivillig.example.dk/org/")
    assert url.endswith("/abc123/")
    svg = qr.checkin_svg("abc123", label='Vagt "A" & B')
    assert svg.startswith('<svg role="img" aria-label="Vagt &quot;A&quot; &amp; B"')
    assert "viewBox" in svg


# --- Cancelling ----------------------------------------------------------------------------


def test_it_asks_before_cancelling_and_then_cancels(
    volunteer_client, volunteer, event, make_shift, make_user, mails
):
    shift = make_shift(event=event, capacity=1)
    mine = signup.sign_up(volunteer=volunteer, shift=shift).signup
    waiting = signup.sign_up(volunteer=make_user(), shift=shift).signup
    url = reverse("portal:cancel_signup", args=[mine.pk])
    html = volunteer_client.get(url, **EN).content.decode()
    assert "No reason is needed" in html
    mine.refresh_from_db()
    assert mine.status == SignupStatus.CONFIRMED
    with mails:
        response = volunteer_client.post(url, **EN)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my_shifts")
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == SignupStatus.CANCELLED
    assert waiting.status == SignupStatus.CONFIRMED
    followed = volunteer_client.get(reverse("portal:my_shifts"), **EN).content.decode()
    assert "is cancelled" in followed
    # A second click (another tab) is told kindly.
    assert volunteer_client.post(url).status_code == 302


def test_it_lets_you_leave_a_waitlist(volunteer_client, volunteer, event, make_shift, make_user):
    shift = make_shift(event=event, capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    waiting = signup.sign_up(volunteer=volunteer, shift=shift).signup
    url = reverse("portal:cancel_signup", args=[waiting.pk])
    assert "Yes, leave the waitlist" in volunteer_client.get(url, **EN).content.decode()
    volunteer_client.post(url)
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CANCELLED


def test_it_says_clearly_when_it_is_too_late_to_cancel(volunteer_client, volunteer, make_event):
    soon = make_event(start_in_days=0, cancel_hours_before=48)
    start = timezone.localtime() + timedelta(hours=3)
    shift = planning.add_shift(
        team=soon.teams.get(),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=2,
    )
    mine = signup.sign_up(volunteer=volunteer, shift=shift).signup
    url = reverse("portal:cancel_signup", args=[mine.pk])
    html = volunteer_client.get(url, **EN).content.decode()
    assert "The shift cannot be cancelled here" in html
    assert "Yes, cancel my place" not in html
    assert volunteer_client.post(url).status_code == 409
    mine.refresh_from_db()
    assert mine.status == SignupStatus.CONFIRMED
    my_shifts = volunteer_client.get(reverse("portal:my_shifts"), **EN).content.decode()
    assert "can no longer be cancelled here" in my_shifts


def test_it_gives_another_persons_sign_up_a_404(client, make_user, make_shift):
    shift = make_shift()
    theirs = signup.sign_up(volunteer=make_user(), shift=shift).signup
    client.force_login(make_user())
    url = reverse("portal:cancel_signup", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SignupStatus.CONFIRMED


# --- Calendar settings and "Min side" ------------------------------------------------------


def test_it_shows_the_calendar_address_and_replaces_it_after_asking(volunteer_client, volunteer):
    url = reverse("portal:calendar_settings")
    html = volunteer_client.get(url, **EN).content.decode()
    calendar = VolunteerCalendar.objects.get(user=volunteer)
    old = reverse("portal:personal_ics", args=[calendar.secret])
    assert old in html
    assert "webcal://" in html
    assert "Are you sure?" in volunteer_client.get(url + "?ny=1", **EN).content.decode()
    assert VolunteerCalendar.objects.get(user=volunteer).secret == calendar.secret
    assert volunteer_client.post(url).status_code == 302
    assert volunteer_client.get(old).status_code == 404
    calendar.refresh_from_db()
    assert (
        volunteer_client.get(reverse("portal:personal_ics", args=[calendar.secret])).status_code
        == 200
    )


def test_it_tells_you_on_my_page_about_a_place_from_the_waitlist(
    volunteer_client, volunteer, event, make_shift, make_user
):
    shift = make_shift(event=event, capacity=1)
    first = signup.sign_up(volunteer=make_user(), shift=shift).signup
    signup.sign_up(volunteer=volunteer, shift=shift)
    signup.cancel(signup=first, volunteer=first.volunteer)
    html = volunteer_client.get(reverse("portal:my_page"), **EN).content.decode()
    assert "You got a place from the waitlist" in html
    assert reverse("portal:my_shifts") in html


def test_it_links_to_events_from_the_site_navigation(client, db):
    html = client.get(reverse("portal:home"), **EN).content.decode()
    assert reverse("portal:events") in html
