"""Creating and changing events, teams and shifts (the organiser's side).

Changes that touch people (a new time, fewer or more places, a cancelled shift) go through
events.signup, which owns the shift lock and the waitlist; e-mails leave on commit."""

import uuid
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frivillig.events import notices, rules
from frivillig.events import signup as signups
from frivillig.events.models import (
    LIVE_SIGNUP,
    Event,
    EventStatus,
    Shift,
    ShiftSignup,
    ShiftStatus,
    Team,
)
from frivillig.notifications.emails import recipient_language
from frivillig.text import danish_slug


class PlanningError(Exception):
    """A change the organiser cannot make; str(error) says why, in their language."""


def _clean(instance, **kwargs) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise PlanningError(" ".join(error.messages)) from None


def _unique_slug(name: str) -> str:
    return f"{danish_slug(name, 100) or 'arrangement'}-{uuid.uuid4().hex[:6]}"


@transaction.atomic
def create_event(*, organisation, areas=(), **fields) -> Event:
    event = Event(organisation=organisation, **fields)
    event.slug = event.slug or _unique_slug(event.name)
    event.full_clean(exclude=["areas"])
    event.save()
    if areas:
        event.areas.set(areas)
    return event


def publish_event(*, event: Event) -> Event:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.status = EventStatus.PUBLISHED
    return event


@transaction.atomic
def add_team(*, event: Event, name: str, leads=(), **fields) -> Team:
    team = Team(event=event, name=name, **fields)
    team.full_clean()
    team.save()
    if leads:
        team.leads.set(leads)
    return team


def add_shift(*, team: Team, starts_at, ends_at, capacity: int, **fields) -> Shift:
    shift = Shift(
        event_id=team.event_id,
        team=team,
        organisation_id=team.event.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        **fields,
    )
    shift.full_clean()
    shift.save()
    return shift


def local(date, hour: int, minute: int = 0):
    """A wall-clock time in the municipality on `date`."""
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(date, time(hour, minute)))


# Changing -----------------------------------------------------------------------------------


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first and the last moment of a local calendar day (23 or 25 hours at DST)."""
    return local(day, 0), local(day + timedelta(days=1), 0)


def shifts_on(event: Event, day: date):
    start, end = _day_bounds(day)
    return Shift.objects.filter(event=event, starts_at__gte=start, starts_at__lt=end)


@transaction.atomic
def update_event(*, event: Event, areas=None, **fields) -> Event:
    """New values for an event. The days cannot shrink past shifts that are already planned."""
    for name, value in fields.items():
        setattr(event, name, value)
    _clean(event, exclude=["areas"])
    first, after = _day_bounds(event.starts_on)[0], _day_bounds(event.ends_on)[1]
    outside = (
        Shift.objects.filter(event=event)
        .exclude(status=ShiftStatus.CANCELLED)
        .exclude(starts_at__gte=first, starts_at__lt=after)
    )
    if outside.exists():
        raise PlanningError(
            _(
                "Some shifts lie outside the new days. Move or cancel them before you change "
                "the first or last day."
            )
        )
    event.save()
    if areas is not None:
        event.areas.set(areas)
    return event


@transaction.atomic
def update_team(*, team: Team, leads=None, **fields) -> Team:
    for name, value in fields.items():
        setattr(team, name, value)
    _clean(team)
    team.save()
    if leads is not None:
        team.leads.set(leads)
    return team


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "l j. F Y, H.i")


def _place_name(shift: Shift) -> str:
    return shift.place.name if shift.place_id else shift.event.place.name


def _changes(before: Shift, after: Shift) -> list[tuple[str, str, str]]:
    """What changed for the people on the shift, as (label, old, new) in the active language."""
    changes = []
    if before.starts_at != after.starts_at:
        changes.append((_("Starts"), _when(before.starts_at), _when(after.starts_at)))
    if before.ends_at != after.ends_at:
        changes.append((_("Ends"), _when(before.ends_at), _when(after.ends_at)))
    if before.place_id != after.place_id:
        changes.append((_("Town"), _place_name(before), _place_name(after)))
    if before.location != after.location:
        changes.append(
            (_("Meeting point"), before.location or _("(none)"), after.location or _("(none)"))
        )
    return changes


SHIFT_FIELDS = {
    "team",
    "starts_at",
    "ends_at",
    "place",
    "location",
    "min_age",
    "requires_child_certificate",
    "requires_driving_licence",
    "requirements_note",
}


def update_shift(*, shift: Shift, capacity: int | None = None, **fields) -> Shift:
    """New values for a shift. Everyone with a place or on the waitlist hears about a new time
    or place, each in their own language; a new number of places goes through the waitlist."""
    unknown = set(fields) - SHIFT_FIELDS
    if unknown:
        raise TypeError(f"update_shift() cannot change {sorted(unknown)}")
    with transaction.atomic():
        # The same lock as sign-up and cancel take, so nobody signs up for the old time while
        # the new one is being written. Only the shift row: the event and town are just read.
        current = (
            Shift.objects.select_for_update(of=("self",))
            .select_related("event", "place")
            .get(pk=shift.pk)
        )
        if current.status == ShiftStatus.CANCELLED:
            raise PlanningError(_("This shift is cancelled and cannot be changed."))
        before = Shift(**{f.attname: getattr(current, f.attname) for f in Shift._meta.fields})
        before.event = current.event
        for name, value in fields.items():
            setattr(current, name, value)
        if current.team_id != before.team_id and current.team.event_id != current.event_id:
            raise PlanningError(_("Choose a team of this event."))
        if current.ends_at <= current.starts_at:
            raise PlanningError(_("The shift must end after it starts."))
        _clean(current, exclude=["capacity"])
        if fields:
            current.save(update_fields=list(fields))
        told = list(
            ShiftSignup.objects.filter(shift=current, status__in=LIVE_SIGNUP).select_related(
                "volunteer__profile"
            )
        )
        if capacity is not None and capacity != current.capacity:
            try:
                current = signups.change_capacity(shift=current, capacity=capacity)
            except rules.SignupNotAllowed as refusal:
                raise PlanningError(str(refusal)) from None
        current = Shift.objects.select_related("event", "team", "place").get(pk=current.pk)
        for signup in told:
            with translation.override(recipient_language(signup.volunteer)):
                changes = _changes(before, current)
            if changes:
                signup.shift = current
                notices.shift_changed(signup, changes)
    return current


def _copy(shift: Shift, starts_at, ends_at, team=None) -> Shift:
    return Shift(
        event_id=shift.event_id,
        team=team or shift.team,
        organisation_id=shift.organisation_id,
        starts_at=starts_at,
        ends_at=ends_at,
        place_id=shift.place_id,
        location=shift.location,
        capacity=shift.capacity,
        min_age=shift.min_age,
        requires_child_certificate=shift.requires_child_certificate,
        requires_driving_licence=shift.requires_driving_licence,
        requirements_note=shift.requirements_note,
    )


def _moved(moment, days: int):
    """The same wall-clock time `days` later, so that 10.00 stays 10.00 across a DST change."""
    wall = timezone.localtime(moment)
    return local(wall.date() + timedelta(days=days), wall.hour, wall.minute)


def _check_day(event: Event, day: date) -> None:
    if not event.starts_on <= day <= event.ends_on:
        raise PlanningError(
            _("%(day)s is not one of the event's days.") % {"day": date_format(day, "j. F Y")}
        )


def _existing(event: Event) -> set[tuple[int, datetime, datetime]]:
    return set(
        Shift.objects.filter(event=event)
        .exclude(status=ShiftStatus.CANCELLED)
        .values_list("team_id", "starts_at", "ends_at")
    )


@transaction.atomic
def copy_day(*, event: Event, from_date: date, to_date: date) -> list[Shift]:
    """Copy every shift of one day to another day of the event, with no one signed up.
    A shift the other day already has (same team and times) is not made twice, so sending
    the form again does no harm."""
    _check_day(event, to_date)
    if from_date == to_date:
        raise PlanningError(_("Choose two different days."))
    source = list(shifts_on(event, from_date).exclude(status=ShiftStatus.CANCELLED))
    if not source:
        raise PlanningError(_("There are no shifts to copy on that day."))
    days = (to_date - from_date).days
    existing = _existing(event)
    new = []
    for shift in source:
        copy = _copy(shift, _moved(shift.starts_at, days), _moved(shift.ends_at, days))
        if (copy.team_id, copy.starts_at, copy.ends_at) not in existing:
            new.append(copy)
    return Shift.objects.bulk_create(new)


@transaction.atomic
def generate_grid(
    *, event: Event, teams, days, slots: list[tuple[time, time]], capacity: int, **fields
) -> list[Shift]:
    """Every team x every day x every time slot, in one statement. A slot that ends at or
    before it starts runs past midnight. Shifts that already exist are skipped."""
    teams, days, slots = list(teams), sorted(set(days)), list(slots)
    if not teams or not days or not slots:
        raise PlanningError(_("Choose at least one team, one day and one time slot."))
    if any(team.event_id != event.pk for team in teams):
        raise PlanningError(_("Choose a team of this event."))
    for day in days:
        _check_day(event, day)
    if capacity < 1:
        raise PlanningError(_("A shift needs at least one place."))
    existing = _existing(event)
    template = Shift(
        event=event, organisation_id=event.organisation_id, capacity=capacity, **fields
    )
    new = []
    for day in days:
        for start, end in slots:
            starts_at = local(day, start.hour, start.minute)
            ends_at = local(day + timedelta(days=1 if end <= start else 0), end.hour, end.minute)
            for team in teams:
                if (team.pk, starts_at, ends_at) not in existing:
                    new.append(_copy(template, starts_at, ends_at, team=team))
    return Shift.objects.bulk_create(new)
