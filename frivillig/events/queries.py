"""Reads for the portal: events anyone may find, an event's shifts with their free places, and
a volunteer's own sign-ups. Each function costs a fixed number of queries however many rows
it returns (the portal's tests hold them to that)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from frivillig.events.models import (
    LIVE_SIGNUP,
    Event,
    Shift,
    ShiftSignup,
    ShiftStatus,
    SignupStatus,
)

PROMOTION_NOTICE_DAYS = 14


def listed_events(now: datetime | None = None) -> QuerySet[Event]:
    """Listed events with their town, areas and the free places on shifts still to come."""
    now = now or timezone.now()
    upcoming = Q(shifts__status=ShiftStatus.OPEN, shifts__starts_at__gt=now)
    return (
        Event.objects.listed()
        .select_related("place", "organisation")
        .prefetch_related("areas")
        .annotate(
            free_places=Coalesce(
                Sum(F("shifts__capacity") - F("shifts__taken"), filter=upcoming),
                Value(0),
                output_field=IntegerField(),
            ),
            shift_count=Count("shifts", filter=upcoming),
        )
    )


def event_for_visitor(slug: str) -> QuerySet[Event]:
    """The event behind a public page; the caller decides with Event.is_open_to whether the
    visitor may see it (a hidden event needs its secret)."""
    return Event.objects.select_related("place", "organisation").filter(slug=slug)


def event_days(event: Event) -> list[date]:
    """The event's days, from its dates alone (no query)."""
    return [
        event.starts_on + timedelta(days=n)
        for n in range((event.ends_on - event.starts_on).days + 1)
    ]


@dataclass(frozen=True)
class ShiftFilter:
    team_id: int | None = None
    day: date | None = None
    only_free: bool = False


def event_shifts(
    event: Event, shift_filter: ShiftFilter = ShiftFilter(), now: datetime | None = None
) -> QuerySet[Shift]:
    """The open shifts of `event` that have not ended, in time order, with team and town."""
    now = now or timezone.now()
    shifts = (
        Shift.objects.filter(event=event, status=ShiftStatus.OPEN, ends_at__gt=now)
        .select_related("team", "place")
        .order_by("starts_at", "team__name", "pk")
    )
    if shift_filter.team_id:
        shifts = shifts.filter(team_id=shift_filter.team_id)
    if shift_filter.day:
        tz = timezone.get_current_timezone()
        start = datetime.combine(shift_filter.day, datetime.min.time(), tzinfo=tz)
        shifts = shifts.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    if shift_filter.only_free:
        shifts = shifts.filter(taken__lt=F("capacity"))
    return shifts


def _position() -> Case:
    """A waitlisted sign-up's place in its queue (1 is next), as signup.waitlist_position
    counts it, for many rows in one query; None for any other sign-up."""
    ahead = (
        ShiftSignup.objects.filter(shift_id=OuterRef("shift_id"), status=SignupStatus.WAITLISTED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("shift_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Case(
        When(status=SignupStatus.WAITLISTED, then=Subquery(ahead, output_field=IntegerField())),
        default=None,
        output_field=IntegerField(),
    )


def held_in_event(volunteer, event: Event) -> dict[int, ShiftSignup]:
    """The person's live sign-ups in `event` by shift id, with waitlist positions."""
    if not volunteer.is_authenticated:
        return {}
    signups = ShiftSignup.objects.filter(
        volunteer=volunteer, event=event, status__in=LIVE_SIGNUP
    ).annotate(position=_position())
    return {s.shift_id: s for s in signups}


def _my_signups(volunteer) -> QuerySet[ShiftSignup]:
    # Through the shift only, so that signup.shift.event (what the rules read) is loaded.
    return ShiftSignup.objects.filter(volunteer=volunteer).select_related(
        "shift__team", "shift__place", "shift__event__place", "shift__event__organisation"
    )


def upcoming_signups(volunteer, now: datetime | None = None) -> QuerySet[ShiftSignup]:
    """Confirmed places and waitlist places on shifts that have not ended."""
    now = now or timezone.now()
    return (
        _my_signups(volunteer)
        .filter(status__in=LIVE_SIGNUP, shift__ends_at__gt=now)
        .annotate(position=_position())
        .order_by("shift__starts_at", "pk")
    )


def past_signups(volunteer, now: datetime | None = None) -> QuerySet[ShiftSignup]:
    """Shifts the person held that are over, newest first."""
    now = now or timezone.now()
    return (
        _my_signups(volunteer)
        .filter(status=SignupStatus.CONFIRMED, shift__ends_at__lte=now)
        .order_by("-shift__starts_at", "-pk")
    )


def recently_promoted(volunteer, now: datetime | None = None) -> QuerySet[ShiftSignup]:
    """Places the person got from a waitlist lately, for a notice on "Min side"."""
    now = now or timezone.now()
    return (
        ShiftSignup.objects.filter(
            volunteer=volunteer,
            status=SignupStatus.CONFIRMED,
            promoted_at__gte=now - timedelta(days=PROMOTION_NOTICE_DAYS),
            shift__ends_at__gt=now,
        )
        .select_related("shift__team", "shift__event")
        .order_by("shift__starts_at")
    )


def personal_feed_signups(volunteer, now: datetime | None = None) -> QuerySet[ShiftSignup]:
    """Confirmed shifts for the personal calendar: the last 90 days and everything to come."""
    now = now or timezone.now()
    return (
        _my_signups(volunteer)
        .filter(status=SignupStatus.CONFIRMED, shift__ends_at__gte=now - timedelta(days=90))
        .exclude(shift__status=ShiftStatus.CANCELLED)
        .order_by("shift__starts_at", "pk")
    )
