"""The demo conversation: loaded after the rest of the demo, three messages, the last from the
association and unread by the demo volunteer; loading twice changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from frivillig.dialog.messaging import demo, queries
from frivillig.dialog.messaging.models import Thread
from frivillig.engagements.demo import VOLUNTEER_LOGIN

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    private = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with private, FAST_HASHING, django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", stdout=io.StringIO())
            mail.outbox = []
            logins = demo.load()
        yield logins
        transaction.set_rollback(True)


def test_the_demo_volunteer_has_an_unread_answer_from_her_association(loaded, db):
    assert loaded == []
    volunteer = get_user_model().objects.get(email=VOLUNTEER_LOGIN[0])
    thread = Thread.objects.get(volunteer=volunteer)
    assert thread.organisation.memberships.filter(user__email=demo.ASSOCIATION_LOGIN).exists()
    messages = list(thread.messages.order_by("created_at"))
    assert [m.from_organisation for m in messages] == [False, True, True]
    assert thread.unread_for_volunteer and not thread.unread_for_organisation
    assert queries.unread_count_for_volunteer(volunteer) == 1
    assert mail.outbox == []


def test_loading_twice_changes_nothing(loaded, db):
    assert demo.load() == []
    assert Thread.objects.count() == 1
