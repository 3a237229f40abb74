"""Every write about call-outs.

Locking policy (the only place that changes `CallOut.accepted_count`):
- Lock order is the answer row, then the call-out row. An answer locks its own row first, so
  two quick clicks on one link cannot count one person twice.
- A place is taken with one conditional UPDATE (`accepted_count < needed AND status = open`),
  as events.signup takes a shift place: under a rush on a filled call-out nothing is written
  and nobody queues for a row lock. The same statement sets the status to filled when the
  last place goes, so status and counter change together. The answer row is saved in the
  same transaction; if anything fails, the counter rolls back with it.
- Freeing a place (a "yes" withdrawn) decrements in one UPDATE and reopens a filled call-out.
- E-mails are queued on commit (notifications.emails), never sent inside the transaction.
On SQLite `select_for_update` is a no-op; IMMEDIATE transactions serialise the writers.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import PersonalDataRead
from frivillig.callouts import matching, notices
from frivillig.callouts.models import (
    Answer,
    CallOut,
    CallOutPreference,
    CallOutResponse,
    CallOutStatus,
    new_token,
    pack_skills,
)

MAX_RADIUS_KM = 200
MAX_NEEDED = 999
# A call-out without an end time is taken to be over this long after it starts: a "yes" to
# yesterday's sandbags helps nobody.
OPEN_WITHOUT_END = timedelta(hours=12)
# Coordinators often write the time that help was needed from, which may just have passed.
START_GRACE = timedelta(hours=1)


class CallOutError(Exception):
    """A refusal with a message for the person who asked."""


class CallOutClosed(CallOutError):
    pass


class CallOutFull(CallOutError):
    pass


@dataclass(frozen=True)
class Outcome:
    response: CallOutResponse
    callout: CallOut
    change: str  # "accepted", "declined", "withdrawn" or "unchanged"


def is_over(callout: CallOut, now: datetime) -> bool:
    return now > (callout.ends_at or callout.starts_at + OPEN_WITHOUT_END)


# Preferences ---------------------------------------------------------------------------------


def save_preference(*, user, opted_in: bool, place=None, skills=()) -> CallOutPreference:
    preference, _created = CallOutPreference.objects.update_or_create(
        user=user,
        defaults={"opted_in": opted_in, "place": place, "skills": pack_skills(skills)},
    )
    return preference


# Creating and closing ------------------------------------------------------------------------


def _check(*, title, starts_at, ends_at, needed, radius_km, now):
    if not title.strip():
        raise CallOutError(_("Write what the help is for."))
    if not 1 <= needed <= MAX_NEEDED:
        raise CallOutError(
            _("The number of people needed must be between 1 and %(max)d.") % {"max": MAX_NEEDED}
        )
    if not 1 <= radius_km <= MAX_RADIUS_KM:
        raise CallOutError(
            _("The radius must be between 1 and %(max)d km.") % {"max": MAX_RADIUS_KM}
        )
    if ends_at is not None and ends_at <= starts_at:
        raise CallOutError(_("The end must be after the start."))
    if (ends_at or starts_at) < now - START_GRACE:
        raise CallOutError(_("The time has already passed."))


def create_callout(
    *,
    organisation,
    created_by,
    title: str,
    description: str,
    place,
    starts_at: datetime,
    needed: int,
    radius_km: int,
    address: str = "",
    ends_at: datetime | None = None,
    skills=(),
    now: datetime | None = None,
) -> CallOut:
    """Create an open call-out and invite every matching volunteer by e-mail (after commit)."""
    now = now or timezone.now()
    _check(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        needed=needed,
        radius_km=radius_km,
        now=now,
    )
    with transaction.atomic():
        callout = CallOut.objects.create(
            organisation=organisation,
            created_by=created_by,
            title=title.strip(),
            description=description.strip(),
            place=place,
            address=address.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            needed=needed,
            radius_km=radius_km,
            skills=pack_skills(skills),
        )
        volunteer_ids = matching.matching_volunteers(
            place=place, radius_km=radius_km, skills=skills
        ).values_list("pk", flat=True)
        CallOutResponse.objects.bulk_create(
            [
                CallOutResponse(callout=callout, volunteer_id=pk, token=new_token())
                for pk in volunteer_ids
            ],
            batch_size=500,
        )
        notices.invite_all(callout)
    return callout


def close(*, callout: CallOut, now: datetime | None = None) -> CallOut:
    """The coordinator stops the call-out: nobody can say yes any more. Those who said yes
    keep their place (the coordinator contacts them if plans change)."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = CallOut.objects.filter(pk=callout.pk).exclude(status=CallOutStatus.CLOSED)
        if not updated.update(status=CallOutStatus.CLOSED, closed_at=now):
            raise CallOutClosed(_("The call-out is already closed."))
    callout.refresh_from_db()
    return callout


# Answering -----------------------------------------------------------------------------------


def _take_place(callout_id) -> bool:
    """One statement: take a place if one is free, and mark the call-out filled when it was
    the last one. SET reads the old row, hence `accepted_count + 1 >= needed`."""
    return bool(
        CallOut.objects.filter(
            pk=callout_id, status=CallOutStatus.OPEN, accepted_count__lt=F("needed")
        ).update(
            accepted_count=F("accepted_count") + 1,
            status=Case(
                When(accepted_count__gte=F("needed") - 1, then=Value(CallOutStatus.FILLED)),
                default=F("status"),
            ),
        )
    )


def _free_place(callout_id) -> None:
    CallOut.objects.filter(pk=callout_id, accepted_count__gt=0).update(
        accepted_count=F("accepted_count") - 1,
        status=Case(
            When(status=CallOutStatus.FILLED, then=Value(CallOutStatus.OPEN)),
            default=F("status"),
        ),
    )


def response_for_token(token: str) -> CallOutResponse | None:
    if not token:
        return None
    return (
        CallOutResponse.objects.select_related("callout__organisation", "callout__place")
        .filter(token=token)
        .first()
    )


def respond(*, token: str, accept: bool, now: datetime | None = None) -> Outcome:
    """The invited person's answer through their link. A yes takes a place if one is left;
    a no after a yes frees the place (and reopens a filled call-out)."""
    now = now or timezone.now()
    with transaction.atomic():
        response = (
            CallOutResponse.objects.select_for_update(of=("self",))
            .select_related("callout")
            .filter(token=token)
            .first()
        )
        if response is None:
            raise CallOutError(_("This link is not valid."))
        callout = response.callout
        change = (_accept if accept else _decline)(response, callout, now)
    callout.refresh_from_db()
    response.callout = callout
    return Outcome(response=response, callout=callout, change=change)


def _accept(response: CallOutResponse, callout: CallOut, now: datetime) -> str:
    if response.answer == Answer.ACCEPTED:
        return "unchanged"
    if callout.status == CallOutStatus.CLOSED or is_over(callout, now):
        raise CallOutClosed(_("The call-out is closed, so no more help is needed. Thank you."))
    if not _take_place(callout.pk):
        callout.refresh_from_db()
        if callout.status == CallOutStatus.CLOSED:
            raise CallOutClosed(_("The call-out is closed, so no more help is needed. Thank you."))
        raise CallOutFull(_("Thank you — enough people have said yes, so we do not need more."))
    response.answer = Answer.ACCEPTED
    response.answered_at = now
    response.save(update_fields=["answer", "answered_at"])
    notices.accepted(response)
    return "accepted"


def _decline(response: CallOutResponse, callout: CallOut, now: datetime) -> str:
    if response.answer == Answer.DECLINED:
        return "unchanged"
    was_accepted = response.answer == Answer.ACCEPTED
    response.answer = Answer.DECLINED
    response.answered_at = now
    response.save(update_fields=["answer", "answered_at"])
    if was_accepted:
        _free_place(callout.pk)
        return "withdrawn"
    return "declined"


# Reads of personal data ----------------------------------------------------------------------


def record_reads(*, staff, volunteers, organisation, what: str = "call-out") -> None:
    """accounts.services.record_personal_data_read for a whole list, in one statement."""
    PersonalDataRead.objects.bulk_create(
        [
            PersonalDataRead(staff=staff, volunteer=v, organisation=organisation, what=what)
            for v in volunteers
        ]
    )
