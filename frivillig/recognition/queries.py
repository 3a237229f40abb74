"""Reads for recognition: a volunteer's record as the certificate documents it.

Hours come from the events' sign-ups, the one place the platform records hours: a confirmed
place on a shift that has ended, not marked as a no-show, with hours recorded
(events.checkin). Courses (events of kind "course") a person attended are listed as courses;
their hours are training, not volunteering, so they are not counted in the hours."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from frivillig.engagements.models import Engagement
from frivillig.events.models import Attendance, EventKind, ShiftSignup, SignupStatus
from frivillig.recognition.models import Thanks

ENGAGEMENT = "engagement"
EVENT = "event"
COURSE = "course"


@dataclass
class Role:
    """One thing a certificate can document; `key` is what the choice form sends."""

    key: str
    kind: str
    title: str
    organisation: str
    start: object
    end: object = None
    teams: list[str] = field(default_factory=list)
    hours: Decimal = Decimal("0.00")


@dataclass
class Record:
    roles: list[Role]
    courses: list[Role]
    thanks: list[Thanks]

    @property
    def choices(self) -> list[Role]:
        return self.roles + self.courses


def attended_signups(user):
    """Sign-ups that count: a confirmed place on a shift that is over, and the person came."""
    return (
        ShiftSignup.objects.filter(
            volunteer=user, status=SignupStatus.CONFIRMED, shift__ends_at__lte=timezone.now()
        )
        .exclude(attendance=Attendance.NO_SHOW)
        .select_related("shift__team", "event__organisation")
        .order_by("shift__starts_at", "pk")
    )


def _engagement_roles(user) -> list[Role]:
    engagements = (
        Engagement.objects.filter(volunteer=user)
        .select_related("opportunity", "organisation")
        .order_by("started_at", "pk")
    )
    return [
        Role(
            key=f"engagement-{e.pk}",
            kind=ENGAGEMENT,
            title=e.opportunity.title,
            organisation=e.organisation.name,
            start=timezone.localdate(e.started_at),
            end=timezone.localdate(e.ended_at) if e.ended_at else None,
        )
        for e in engagements
    ]


def _event_roles(user) -> tuple[list[Role], list[Role]]:
    by_event: dict[int, Role] = {}
    for signup in attended_signups(user):
        event = signup.event
        is_course = event.kind == EventKind.COURSE
        day = timezone.localdate(signup.shift.starts_at)
        role = by_event.get(event.pk)
        if role is None:
            kind = COURSE if is_course else EVENT
            role = by_event[event.pk] = Role(
                key=f"{kind}-{event.pk}",
                kind=kind,
                title=event.name,
                organisation=event.organisation.name,
                start=day,
                end=day,
            )
        role.end = max(role.end, day)
        if signup.shift.team.name not in role.teams:
            role.teams.append(signup.shift.team.name)
        if not is_course and signup.hours is not None:
            role.hours += signup.hours
    roles = [r for r in by_event.values() if r.kind == EVENT]
    courses = [r for r in by_event.values() if r.kind == COURSE]
    return roles, courses


def record_for(user) -> Record:
    """Everything a certificate for `user` may document, in four queries."""
    event_roles, courses = _event_roles(user)
    thanks = list(
        Thanks.objects.filter(volunteer=user).select_related("organisation").order_by("created_at")
    )
    return Record(roles=_engagement_roles(user) + event_roles, courses=courses, thanks=thanks)


def hours_by_organisation(roles: list[Role]) -> list[tuple[str, Decimal]]:
    sums: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for role in roles:
        if role.kind == EVENT:
            sums[role.organisation] += role.hours
    return sorted(sums.items())
