"""On the day: check in, check out, no-shows and hours.

Hours go on the sign-up itself (the volunteer's record of the shift): from the check-in and
check-out times when both are known, otherwise from the shift's own times. A no-show has no
hours, and marking one is a fact for the lead's planning, never a sanction.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.events.models import Attendance, ShiftSignup, SignupStatus


class CheckInError(Exception):
    """The step cannot be taken; the message is for the lead."""


def _hours(start: datetime, end: datetime) -> Decimal:
    seconds = max((end - start).total_seconds(), 0)
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _locked(signup: ShiftSignup) -> ShiftSignup:
    signup = (
        ShiftSignup.objects.select_for_update(of=("self",), no_key=True)
        .select_related("shift")
        .get(pk=signup.pk)
    )
    if signup.status != SignupStatus.CONFIRMED:
        raise CheckInError(_("This person does not have a place on the shift."))
    return signup


@transaction.atomic
def check_in(signup: ShiftSignup, *, now: datetime | None = None) -> ShiftSignup:
    signup = _locked(signup)
    signup.attendance = Attendance.CHECKED_IN
    signup.checked_in_at = now or timezone.now()
    signup.checked_out_at = None
    signup.hours = None
    signup.save(update_fields=["attendance", "checked_in_at", "checked_out_at", "hours"])
    return signup


@transaction.atomic
def check_out(signup: ShiftSignup, *, now: datetime | None = None) -> ShiftSignup:
    signup = _locked(signup)
    if signup.attendance != Attendance.CHECKED_IN:
        raise CheckInError(_("Check the person in before checking them out."))
    signup.attendance = Attendance.CHECKED_OUT
    signup.checked_out_at = now or timezone.now()
    signup.hours = _hours(signup.checked_in_at, signup.checked_out_at)
    signup.save(update_fields=["attendance", "checked_out_at", "hours"])
    return signup


@transaction.atomic
def mark_no_show(signup: ShiftSignup) -> ShiftSignup:
    signup = _locked(signup)
    signup.attendance = Attendance.NO_SHOW
    signup.checked_in_at = signup.checked_out_at = None
    signup.hours = None
    signup.save(update_fields=["attendance", "checked_in_at", "checked_out_at", "hours"])
    return signup


@transaction.atomic
def undo(signup: ShiftSignup) -> ShiftSignup:
    """A wrong tap on a phone must be easy to take back."""
    signup = _locked(signup)
    signup.attendance = Attendance.UNKNOWN
    signup.checked_in_at = signup.checked_out_at = None
    signup.hours = None
    signup.save(update_fields=["attendance", "checked_in_at", "checked_out_at", "hours"])
    return signup


def record_hours_from_shifts(shift) -> int:
    """After a shift: everyone with a place who was not marked absent and has no hours yet
    gets the shift's length (checked-in people who were never checked out included)."""
    length = _hours(shift.starts_at, shift.ends_at)
    return (
        ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED, hours__isnull=True)
        .exclude(attendance=Attendance.NO_SHOW)
        .update(hours=length)
    )
