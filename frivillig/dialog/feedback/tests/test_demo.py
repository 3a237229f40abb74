"""The demo's courses, network meeting and feedback, loaded after the rest of seed_demo."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from frivillig.dialog.feedback import demo, queries
from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackRequest
from frivillig.events.models import Event, EventKind, EventStatus

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
TASKS_AT_ONCE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """seed_demo, then this part's load() (twice: the second must change nothing)."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with FAST_HASHING, TASKS_AT_ONCE, TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", stdout=io.StringIO())
            logins = demo.load()
            counts = (Event.objects.count(), FeedbackAnswer.objects.count())
            demo.load()
            again = (Event.objects.count(), FeedbackAnswer.objects.count())
        yield logins, counts, again, list(mail.outbox)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_publishes_a_course_and_a_network_meeting(loaded):
    course = Event.objects.get(slug=demo.COURSE_SLUG)
    assert course.name == "Førstehjælp for frivillige"
    assert (course.kind, course.status) == (EventKind.COURSE, EventStatus.PUBLISHED)
    assert course.organisation.is_volunteer_office
    [shift] = course.shifts.all()
    assert shift.capacity == 20 and shift.starts_at.date() == course.starts_on
    meeting = Event.objects.get(slug=demo.NETWORK_SLUG)
    assert meeting.kind == EventKind.NETWORK and meeting.status == EventStatus.PUBLISHED


@pytest.mark.django_db
def test_the_demo_shows_results_for_one_and_suppression_for_another(loaded):
    association = FeedbackAnswer.objects.filter(organisation__slug=demo.ASSOCIATION_SLUG)
    few = FeedbackAnswer.objects.filter(organisation__slug=demo.FEW_ANSWERS_SLUG)
    assert not queries.total(association).suppressed
    assert queries.total(few).suppressed and few.exists()


@pytest.mark.django_db
def test_the_demo_gives_no_logins_sends_nothing_and_loads_once(loaded):
    logins, counts, again, outbox = loaded
    assert logins == [] and outbox == []
    assert counts == again
    assert FeedbackRequest.objects.filter(volunteer__email="frivillig@demo.frivillig.dk").exists()
