"""The demo's consultations: the strategy draft open for comments, and an earlier one that is
answered. Loaded after the other demo loaders, as seed_demo does."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from frivillig.dialog.consultations import demo
from frivillig.dialog.consultations.models import Comment, Consultation, Phase

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
TASKS_AT_ONCE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    private = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with private, django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TASKS_AT_ONCE, FAST_HASHING, TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", stdout=io.StringIO())
            logins = demo.load()
            demo.load()  # a second time changes nothing
        yield logins
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db):
    return loaded_once


def test_it_adds_no_log_ins_and_sends_nothing(loaded):
    assert loaded == []
    assert mail.outbox == []


def test_the_strategy_draft_is_open_with_three_comments(loaded):
    strategy = Consultation.objects.get(title=demo.STRATEGY_TITLE)
    assert strategy.phase == Phase.OPEN
    assert strategy.sections.count() == len(demo.STRATEGY_SECTIONS)
    comments = Comment.objects.filter(section__consultation=strategy)
    assert comments.count() == 3
    assert comments.filter(public=False).exists() and comments.filter(public=True).exists()
    assert comments.filter(on_behalf_of__slug=demo.ASSOCIATION_SLUG).count() == 1


def test_the_earlier_consultation_is_answered(loaded):
    earlier = Consultation.objects.get(title=demo.EARLIER_TITLE)
    assert earlier.phase == Phase.ANSWERED
    assert earlier.response == demo.EARLIER_RESPONSE


def test_the_pages_show_both(loaded, client):
    page = client.get("/hoeringer/").content.decode()
    assert demo.STRATEGY_TITLE in page and demo.EARLIER_TITLE in page
    strategy = Consultation.objects.get(title=demo.STRATEGY_TITLE)
    assert client.get(strategy.get_absolute_url()).status_code == 200
