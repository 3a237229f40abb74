"""A message from the coordinator to everyone with a place on a day, a team or a shift.

The surface shows `recipients(...).count()` for confirmation before it calls `send`; each
person gets the e-mail in their own language, and replies go to the coordinator."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from frivillig.events.models import Event, ShiftSignup, ShiftStatus, SignupStatus
from frivillig.events.planning import PlanningError, shifts_on
from frivillig.notifications.emails import send_to_user


def recipients(event: Event, *, day: date | None = None, team=None, shift=None):
    """People with a confirmed place on an open shift of `event`, narrowed to a day, a team or
    a shift; everyone once, however many shifts they hold."""
    places = ShiftSignup.objects.filter(
        event=event, status=SignupStatus.CONFIRMED, shift__status=ShiftStatus.OPEN
    )
    if day is not None:
        places = places.filter(shift__in=shifts_on(event, day))
    if team is not None:
        places = places.filter(shift__team=team)
    if shift is not None:
        places = places.filter(shift=shift)
    return (
        get_user_model()
        .objects.filter(pk__in=places.values("volunteer_id"))
        .select_related("profile")
        .order_by("pk")
    )


def send(
    *,
    event: Event,
    sender,
    subject: str,
    message: str,
    day: date | None = None,
    team=None,
    shift=None,
) -> int:
    """Queue the e-mail to every recipient (they leave on commit). Returns how many."""
    subject, message = " ".join(subject.split()), message.strip()
    if not subject or not message:
        raise PlanningError(_("Write both a subject and a message."))
    people = list(recipients(event, day=day, team=team, shift=shift))
    if not people:
        raise PlanningError(_("Nobody has a place there yet, so there is no one to write to."))
    context = {
        "event": event,
        "organisation": event.organisation,
        "sender": sender,
        "subject": subject,
        "message": message,
        "my_shifts_url": reverse("portal:my_shifts"),
    }
    reply_to = [sender.email] if sender.email else None
    with transaction.atomic():
        for person in people:
            send_to_user(person, template="shift_broadcast", context=context, reply_to=reply_to)
    return len(people)
