"""Who is told what when a sign-up changes. Called inside the service's transaction; the
e-mails leave after commit (notifications.emails)."""

from django.urls import reverse

from frivillig.notifications.emails import send_to_user


def _context(signup, **extra):
    shift = signup.shift
    return {
        "signup": signup,
        "shift": shift,
        "event": shift.event,
        "team": shift.team,
        "my_shifts_url": reverse("portal:my_shifts"),
        "ics_url": reverse("portal:shift_ics", args=[signup.checkin_code]),
        **extra,
    }


def _tell(signup, template, **extra):
    send_to_user(signup.volunteer, template=template, context=_context(signup, **extra))


def signed_up(signup):
    _tell(signup, "shift_confirmed")


def waitlisted(signup):
    _tell(signup, "shift_waitlisted")


def promoted(signup):
    _tell(signup, "shift_promoted")


def cancelled_by_volunteer(signup):
    _tell(signup, "shift_cancelled_by_volunteer")


def removed_by_organisation(signup):
    _tell(signup, "shift_removed")


def shift_cancelled(signup, message=""):
    _tell(signup, "shift_cancelled", message=message)


def shift_changed(signup, changes):
    """`changes` is a list of (label, old, new) in plain words."""
    _tell(signup, "shift_changed", changes=changes)


def reminder(signup):
    _tell(signup, "shift_reminder")
