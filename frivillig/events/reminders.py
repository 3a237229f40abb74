"""Reminders before a shift: one e-mail per configured window (settings.SHIFT_REMINDER_HOURS,
by default 48 and 3 hours before), sent by `manage.py send_shift_reminders` from cron.

`ShiftSignup.reminders_sent` counts the windows already dealt with. It is raised by one
conditional UPDATE (`reminders_sent < n`) before the e-mail is queued, so two runs at the same
moment, or a run that is retried, never send the same reminder twice: the second UPDATE finds
nothing to change and sends nothing. The e-mail leaves after that UPDATE has committed.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frivillig.events import notices
from frivillig.events.models import EventStatus, ShiftSignup, ShiftStatus, SignupStatus


def reminder_windows() -> list[timedelta]:
    """The windows, widest first, so that window n is the n-th one a shift enters."""
    hours = sorted({h for h in settings.SHIFT_REMINDER_HOURS if h > 0}, reverse=True)
    return [timedelta(hours=h) for h in hours]


def _entered(until_start: timedelta, windows: list[timedelta]) -> int:
    return sum(1 for window in windows if until_start <= window)


def send_due_reminders(now: datetime | None = None) -> int:
    """Remind everyone with a place on a shift that has entered a window they have not been
    reminded for. Safe to run as often as you like; returns how many e-mails were queued.

    A run that finds several windows passed at once (the job did not run for a while) sends
    one reminder, not one per window. Windows that had already begun when the person got
    their place are counted without an e-mail: the confirmation has just told them."""
    now = now or timezone.now()
    windows = reminder_windows()
    if not windows:
        return 0
    due = (
        ShiftSignup.objects.filter(
            status=SignupStatus.CONFIRMED,
            reminders_sent__lt=len(windows),
            shift__status=ShiftStatus.OPEN,
            shift__event__status=EventStatus.PUBLISHED,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + windows[0],
        )
        .select_related(
            "volunteer__profile",
            "shift__team",
            "shift__place",
            "shift__event__organisation",
            "shift__event__place",
        )
        .order_by("shift__starts_at", "pk")
    )
    sent = 0
    for signup in list(due):  # read first: the loop writes to these rows
        starts_at = signup.shift.starts_at
        entered = _entered(starts_at - now, windows)
        if signup.reminders_sent >= entered:
            continue
        told_at_confirmation = _entered(starts_at - signup.confirmed_at, windows)
        with transaction.atomic():
            claimed = ShiftSignup.objects.filter(
                pk=signup.pk, status=SignupStatus.CONFIRMED, reminders_sent__lt=entered
            ).update(reminders_sent=entered)
            if claimed and entered > told_at_confirmation:
                notices.reminder(signup)
                sent += 1
    return sent
