"""Who is told what when a sign-up changes.

Called inside the service's transaction, a notice only queues a task after commit, with the
sign-up's id: the e-mail is rendered by the task worker, not in the request. In a sign-up
rush that keeps the request to its few SQL statements (rendering three templates cost a
quarter of the request's CPU), and a rollback still sends nothing."""

from functools import partial

from django.db import transaction
from django.urls import reverse
from django_tasks import task

from frivillig.notifications.emails import deliver_to_user, is_suppressed


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


@task()
def deliver(*, signup_id: int, template: str, extra: dict) -> None:
    from frivillig.events.models import ShiftSignup

    signup = (
        ShiftSignup.objects.select_related(
            "volunteer__profile",
            "shift__event__organisation",
            "shift__event__place",
            "shift__team",
            "shift__place",
        )
        .filter(pk=signup_id)
        .first()
    )
    if signup is not None:
        deliver_to_user(signup.volunteer, template=template, context=_context(signup, **extra))


def _tell(signup, template, **extra):
    if is_suppressed():
        return
    transaction.on_commit(
        partial(deliver.enqueue, signup_id=signup.pk, template=template, extra=extra)
    )


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
    _tell(signup, "shift_changed", changes=[list(change) for change in changes])


def reminder(signup):
    _tell(signup, "shift_reminder")
