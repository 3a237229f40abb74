"""The demo's recognition, loaded after the rest of the demo (as seed_demo will run it)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.recognition import demo
from frivillig.recognition.models import AwardRound, Certificate, Nomination, RoundStatus, Thanks

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
TASKS_AT_ONCE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    private = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with private, django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TASKS_AT_ONCE, TestCase.captureOnCommitCallbacks(execute=True):
            with FAST_HASHING:
                call_command("seed_demo", stdout=io.StringIO())
            # Until seed_demo calls it; running it again must change nothing.
            logins = demo.load()
            demo.load()
        yield logins
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db):
    return loaded_once


def test_it_thanks_the_demo_volunteer_and_issues_her_a_certificate(loaded):
    assert loaded == []
    volunteer = get_user_model().objects.get(email=VOLUNTEER_LOGIN[0])
    thanks = Thanks.objects.get(volunteer=volunteer)
    assert thanks.author.email == demo.ASSOCIATION_LOGIN
    certificate = Certificate.objects.get(user=volunteer)
    assert certificate.is_valid
    assert certificate.content["roles"]
    assert certificate.content["thanks"]


def test_it_opens_the_award_round_with_two_nominations(loaded):
    award_round = AwardRound.objects.get(title=demo.ROUND_TITLE)
    assert award_round.status == RoundStatus.OPEN and award_round.accepts_nominations()
    assert Nomination.objects.filter(round=award_round).count() == 2


def test_it_sends_no_email(loaded):
    assert not [m for m in mail.outbox if "tak" in m.subject.lower()]
