"""Stories for feedback: a volunteer whose engagement has ended, an event that ended
yesterday, and a quick way to fill an organisation with anonymous answers."""

import pytest
from django.utils import timezone

from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackKind, FeedbackRequest
from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.events.models import ShiftSignup, SignupStatus


@pytest.fixture
def make_engagement(make_opportunity):
    def make(volunteer, *, opportunity=None, ended=True, **opportunity_fields):
        opportunity = opportunity or make_opportunity(**opportunity_fields)
        return Engagement.objects.create(
            opportunity=opportunity,
            organisation=opportunity.organisation,
            volunteer=volunteer,
            status=EngagementStatus.ENDED if ended else EngagementStatus.ACTIVE,
            ended_at=timezone.now() if ended else None,
        )

    return make


@pytest.fixture
def make_request(make_engagement):
    """An open request about an ended engagement (made directly, without an e-mail)."""

    def make(volunteer, **fields):
        engagement = make_engagement(volunteer, **fields)
        return FeedbackRequest.objects.create(
            volunteer=volunteer, organisation=engagement.organisation, engagement=engagement
        )

    return make


@pytest.fixture
def make_answers(areas):
    """`n` anonymous answers for `organisation` (satisfaction 4, 3 of 4 would recommend)."""

    def make(organisation, n, *, kind=FeedbackKind.ENGAGEMENT, area="aeldre", text="Godt"):
        month = timezone.localdate().replace(day=1)
        for i in range(n):
            answer = FeedbackAnswer.objects.create(
                organisation=organisation,
                kind=kind,
                satisfaction=4,
                would_recommend=i % 4 != 3,
                text=f"{text} {i}" if text else "",
                answered_on=month,
            )
            answer.areas.set([areas[area]])

    return make


@pytest.fixture
def sign_up():
    def make(shift, volunteer, *, status=SignupStatus.CONFIRMED, **fields):
        return ShiftSignup.objects.create(
            shift=shift,
            event=shift.event,
            volunteer=volunteer,
            status=status,
            confirmed_at=timezone.now() if status == SignupStatus.CONFIRMED else None,
            **fields,
        )

    return make
