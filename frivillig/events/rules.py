"""May this person take this shift? Small checks that raise typed errors, so the portal can
explain a refusal and the service refuses the same way whichever surface asked.

The per-person rules look at the shifts the person already holds in the event; the sign-up
service calls them while it holds the lock on the person, so two quick submissions cannot
both squeeze past a limit.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.events.models import EventStatus, Shift, ShiftStatus


class SignupNotAllowed(Exception):
    """The person cannot take the shift; str(error) says why, kindly, in their language."""


class NotOpenYet(SignupNotAllowed):
    pass


class Closed(SignupNotAllowed):
    pass


class NotEligible(SignupNotAllowed):
    pass


class PersonalLimit(SignupNotAllowed):
    pass


class NotQualified(SignupNotAllowed):
    """The shift requires a qualification (a child certificate, first aid) not recorded as
    valid for the person."""


class AlreadySignedUp(SignupNotAllowed):
    pass


class ShiftFull(SignupNotAllowed):
    pass


class CancelTooLate(SignupNotAllowed):
    pass


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j. F \\k\\l. H.i")


def opens_at(shift: Shift) -> datetime | None:
    return shift.team.signup_opens_at or shift.event.signup_opens_at


def check_open(shift: Shift, now: datetime | None = None) -> None:
    now = now or timezone.now()
    event = shift.event
    if event.status != EventStatus.PUBLISHED or shift.status != ShiftStatus.OPEN:
        raise Closed(_("This shift is not open for sign-up."))
    if shift.starts_at <= now:
        raise Closed(_("This shift has already started."))
    opening = opens_at(shift)
    if opening and now < opening:
        raise NotOpenYet(_("Sign-up opens %(when)s.") % {"when": _when(opening)})
    if event.signup_closes_at and now >= event.signup_closes_at:
        raise Closed(
            _("The sign-up deadline was %(when)s.") % {"when": _when(event.signup_closes_at)}
        )


def check_person(shift: Shift, profile) -> None:
    """Requirements of the shift against what the person has told us about themselves."""
    if shift.min_age:
        birth_year = getattr(profile, "birth_year", None)
        if birth_year is None:
            raise NotEligible(
                _(
                    "This shift is for people aged %(age)d or older. Add your birth year on "
                    "“My profile” so that we can see that you may take it."
                )
                % {"age": shift.min_age}
            )
        if timezone.localdate().year - birth_year < shift.min_age:
            raise NotEligible(
                _("This shift is for people aged %(age)d or older.") % {"age": shift.min_age}
            )
    if shift.requires_driving_licence and not getattr(profile, "has_driving_licence", False):
        raise NotEligible(
            _(
                "This shift needs a driving licence. If you have one, tick “driving licence” "
                "on “My profile”."
            )
        )


def check_qualifications(shift: Shift, volunteer) -> None:
    """Requirements that staff record (engagements.qualifications), not the person. Most
    shifts require nothing: `load_shift` annotates whether the shift has any required types,
    so the hot path asks the database nothing more."""
    from frivillig.engagements import qualifications

    listed = getattr(shift, "has_required_qualifications", None)
    if not shift.requires_child_certificate and listed is False:
        return
    types = qualifications.required_types(shift=shift)
    if not types:
        return
    # The shift's organisation, read through the event that load_shift already joined.
    lacking = qualifications.missing(volunteer, shift.event.organisation, types)
    if lacking:
        raise NotQualified(qualifications.explain(lacking, for_staff=False))


def check_limits(shift: Shift, held: list[Shift]) -> None:
    """The event's per-person rules, given the shifts the person already holds there."""
    event = shift.event
    if event.max_shifts_per_person and len(held) >= event.max_shifts_per_person:
        raise PersonalLimit(
            ngettext(
                "You can take at most %(n)d shift at this event.",
                "You can take at most %(n)d shifts at this event.",
                event.max_shifts_per_person,
            )
            % {"n": event.max_shifts_per_person}
        )
    if event.max_hours_per_person:
        hours = sum((s.ends_at - s.starts_at for s in held), shift.ends_at - shift.starts_at)
        if hours > timedelta(hours=event.max_hours_per_person):
            raise PersonalLimit(
                ngettext(
                    "You can take at most %(n)d hour of shifts at this event.",
                    "You can take at most %(n)d hours of shifts at this event.",
                    event.max_hours_per_person,
                )
                % {"n": event.max_hours_per_person}
            )
    rest = timedelta(minutes=event.min_rest_minutes)
    for other in held:
        if other.starts_at < shift.ends_at and shift.starts_at < other.ends_at:
            raise PersonalLimit(
                _("This shift overlaps your shift %(shift)s.") % {"shift": _label(other)}
            )
        if rest and (
            timedelta(0) <= shift.starts_at - other.ends_at < rest
            or timedelta(0) <= other.starts_at - shift.ends_at < rest
        ):
            raise PersonalLimit(
                ngettext(
                    "You need at least %(n)d minute of rest between shifts; this one is too "
                    "close to %(shift)s.",
                    "You need at least %(n)d minutes of rest between shifts; this one is too "
                    "close to %(shift)s.",
                    event.min_rest_minutes,
                )
                % {"n": event.min_rest_minutes, "shift": _label(other)}
            )


def check_can_cancel(shift: Shift, now: datetime | None = None) -> None:
    now = now or timezone.now()
    deadline = shift.starts_at - timedelta(hours=shift.event.cancel_hours_before)
    if now >= deadline:
        raise CancelTooLate(
            _(
                "The shift starts soon, so it can no longer be cancelled here. Please tell the "
                "organiser directly; that is all it takes."
            )
        )


def _label(shift: Shift) -> str:
    return f"{shift.team.name} {_when(shift.starts_at)}"
