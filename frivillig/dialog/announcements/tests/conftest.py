"""Helpers for the announcement stories: people engaged on an opportunity, people with a
place on a shift, and an API token."""

import pytest
from django.utils import timezone

from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.events.models import ShiftSignup, SignupStatus


@pytest.fixture
def engage():
    def make(person, opportunity, status=EngagementStatus.ACTIVE):
        return Engagement.objects.create(
            opportunity=opportunity,
            organisation=opportunity.organisation,
            volunteer=person,
            status=status,
            ended_at=timezone.now() if status == EngagementStatus.ENDED else None,
        )

    return make


@pytest.fixture
def place_on():
    def make(person, shift, status=SignupStatus.CONFIRMED):
        return ShiftSignup.objects.create(
            shift=shift,
            event=shift.event,
            volunteer=person,
            status=status,
            confirmed_at=timezone.now() if status == SignupStatus.CONFIRMED else None,
            cancelled_at=timezone.now() if status == SignupStatus.CANCELLED else None,
        )

    return make


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Besøgsven i Nibe")


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Run a service and the delivery it queues after commit (tasks run at once in tests)."""
    from frivillig.dialog.announcements import services

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send(**kwargs)

    return run
