"""Fixtures for the messaging tests: the volunteer has applied to and volunteers for the
organisation (owner, member and coordinator are its staff; outsider is another
organisation's), and a conversation between them."""

import pytest
from django.utils import timezone

from frivillig.dialog.messaging import services
from frivillig.dialog.messaging.models import Message, Thread
from frivillig.engagements import services as engagements


@pytest.fixture
def application(make_opportunity, volunteer):
    return engagements.apply(volunteer=volunteer, opportunity=make_opportunity("Besøgsven"))


@pytest.fixture
def engagement(make_opportunity, volunteer, owner):
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity("Lektier"))
    return engagements.accept(application=application, by=owner)


@pytest.fixture
def other_volunteer(make_user):
    return make_user("anden@example.dk", first_name="Anna", last_name="Anden")


def age(thread: Thread, seconds: int = 60) -> None:
    """Move a thread's messages into the past, so a new message is not a double submission
    and times can be told apart."""
    earlier = timezone.now() - timezone.timedelta(seconds=seconds)
    Message.objects.filter(thread=thread).update(created_at=earlier)


@pytest.fixture
def thread(volunteer, organisation, engagement, owner):
    """The volunteer wrote to the organisation about her engagement."""
    return services.start_by_volunteer(
        volunteer=volunteer,
        organisation=organisation,
        subject="Spørgsmål om lektiehjælp",
        body="Hej\nKan jeg tage min nevø med?",
        engagement=engagement,
    )


@pytest.fixture
def others_thread(other_volunteer, other_organisation):
    return services.start_by_volunteer(
        volunteer=other_volunteer,
        organisation=other_organisation,
        subject="Andet",
        body="Hej fra en anden",
    )


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """A block after whose end the e-mails it caused have been sent (as after a commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
