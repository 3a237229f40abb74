"""The demo's events: a carnival worth clicking through, a hidden event and an exercise."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import TestCase, override_settings

from frivillig.events import demo
from frivillig.events.models import Event, EventVisibility, Shift, ShiftSignup, SignupStatus
from frivillig.organisations import permissions

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
# Tasks (e-mails) run at once, so an e-mail the demo let through would be in the outbox.
TASKS_AT_ONCE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)


def seed(**options) -> str:
    out = io.StringIO()
    with FAST_HASHING:
        call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def output(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        # Run what would be sent on commit, so that an e-mail queued by the demo shows up.
        with TASKS_AT_ONCE, TestCase.captureOnCommitCallbacks(execute=True):
            printed = seed()
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def carnival(output, db):
    return Event.objects.get(slug=demo.CARNIVAL_SLUG)


def test_it_loads_a_three_day_carnival_with_five_teams(carnival):
    assert carnival.name == "Aalborg Karneval 2027"
    assert carnival.organisation.slug == "karneval-i-aalborg"
    assert carnival.place.slug == "aalborg-c"
    assert {"kultur", "idraet-og-fritid"} <= set(carnival.areas.values_list("slug", flat=True))
    assert (carnival.starts_on.isoformat(), carnival.ends_on.isoformat()) == (
        "2027-05-27",
        "2027-05-29",
    )
    assert set(carnival.teams.values_list("name", flat=True)) == {
        "Oprydning",
        "Sikkerhed",
        "Førstehjælp",
        "Information",
        "Bar",
    }
    assert carnival in Event.objects.listed()


def test_it_gives_the_carnival_hundreds_of_shifts_on_every_day(carnival):
    shifts = Shift.objects.filter(event=carnival)
    assert shifts.count() >= 300
    assert not shifts.exclude(organisation=carnival.organisation).exists()
    days = {s.date() for s in shifts.values_list("starts_at", flat=True)}
    assert len(days) >= 3
    per_team = shifts.values("team__name").annotate(n=Count("pk"))
    assert all(row["n"] >= 60 for row in per_team)


def test_its_counters_match_the_sign_ups_and_some_shifts_have_a_waitlist(carnival):
    shifts = Shift.objects.filter(event=carnival).annotate(
        confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
    )
    assert not shifts.exclude(taken=F("confirmed")).exists()
    full_with_queue = shifts.filter(taken=F("capacity"), waiting__gt=0)
    assert full_with_queue.count() >= 3
    assert shifts.filter(taken__gt=0, taken__lt=F("capacity")).count() >= 20


def test_the_demo_volunteer_has_places_and_a_waitlist_place(carnival):
    mine = ShiftSignup.objects.filter(event=carnival, volunteer__email=demo.VOLUNTEER_EMAIL)
    assert mine.filter(status=SignupStatus.CONFIRMED).count() >= 2
    assert mine.filter(status=SignupStatus.WAITLISTED).count() == 1


def test_the_team_lead_can_sign_in_and_check_people_in(output, carnival):
    assert demo.TEAM_LEAD.email in output and demo.TEAM_LEAD.password in output
    assert demo.ORGANISER.email in output and "team lead" in output
    lead = get_user_model().objects.get(email=demo.TEAM_LEAD.email)
    with FAST_HASHING:
        assert lead.check_password(demo.TEAM_LEAD.password)
    assert set(lead.led_teams.values_list("name", flat=True)) == {"Førstehjælp", "Sikkerhed"}
    first_aid = Shift.objects.filter(event=carnival, team__name="Førstehjælp").first()
    assert permissions.can_check_in(lead, first_aid)
    organiser = get_user_model().objects.get(email=demo.ORGANISER.email)
    assert permissions.user_can(organiser, carnival.organisation, permissions.MANAGE_EVENTS)


def test_it_has_a_hidden_event_behind_a_secret_link(output, db):
    hidden = Event.objects.get(slug=demo.PARTY_SLUG)
    assert hidden.visibility == EventVisibility.HIDDEN
    assert hidden not in Event.objects.listed()
    assert hidden.is_open_to(hidden.secret) and not hidden.is_open_to(None)
    assert f"?s={hidden.secret}" in output
    assert hidden.shifts.exists()


def test_it_has_an_emergency_preparedness_event(output, db):
    exercise = Event.objects.get(slug=demo.EXERCISE_SLUG)
    assert exercise.areas.filter(slug="beredskab").exists()
    assert exercise.shifts.count() >= 4


def test_it_sends_nobody_anything(output, db):
    assert mail.outbox == []


def test_it_creates_nothing_twice(output, db):
    before = (Event.objects.count(), Shift.objects.count(), ShiftSignup.objects.count())
    seed(verbosity=0)
    assert (Event.objects.count(), Shift.objects.count(), ShiftSignup.objects.count()) == before


def test_the_api_lists_the_carnival(output, client):
    body = client.get("/api/v1/events").json()
    assert demo.CARNIVAL_SLUG in [e["slug"] for e in body["results"]]
    shifts = client.get(f"/api/v1/events/{demo.CARNIVAL_SLUG}/shifts").json()
    assert shifts["count"] >= 300
