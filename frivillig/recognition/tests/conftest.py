"""Recognition fixtures: a volunteer engaged with `organisation`, and past shifts with hours."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.events.models import Attendance, EventKind, ShiftSignup, SignupStatus


@pytest.fixture
def engage(make_opportunity):
    def make(volunteer, organisation=None, *, ended=False, **fields):
        opportunity = make_opportunity(**({"organisation": organisation} if organisation else {}))
        return Engagement.objects.create(
            opportunity=opportunity,
            organisation=opportunity.organisation,
            volunteer=volunteer,
            status=EngagementStatus.ENDED if ended else EngagementStatus.ACTIVE,
            ended_at=timezone.now() if ended else None,
            **fields,
        )

    return make


@pytest.fixture
def engagement(engage, volunteer):
    return engage(volunteer)


@pytest.fixture
def worked(make_event, make_shift):
    """A past shift the volunteer worked: `worked(volunteer, hours=..., kind=..., ...)`."""

    def make(
        volunteer,
        *,
        hours="4.00",
        kind=EventKind.EVENT,
        organisation=None,
        days_ago=10,
        status=SignupStatus.CONFIRMED,
        attendance=Attendance.CHECKED_OUT,
        event=None,
    ):
        if event is None:
            fields = {"kind": kind}
            if organisation is not None:
                fields["organisation"] = organisation
            event = make_event(**fields)
        shift = make_shift(event=event)
        # Moved into the past after planning, which only plans ahead.
        shift.starts_at -= timedelta(days=days_ago + 30)
        shift.ends_at -= timedelta(days=days_ago + 30)
        shift.save(update_fields=["starts_at", "ends_at"])
        return ShiftSignup.objects.create(
            shift=shift,
            event=event,
            volunteer=volunteer,
            status=status,
            confirmed_at=timezone.now() if status == SignupStatus.CONFIRMED else None,
            attendance=attendance,
            hours=Decimal(hours) if hours is not None else None,
        )

    return make
