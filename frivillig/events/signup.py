"""Signing up for shifts, the waitlist, and cancelling.

Locking policy (the only place that changes `Shift.taken`):
- Lock order is always the person, then the shift. A sign-up locks the person's user row
  first, so that two quick submissions by one person cannot both pass the per-person rules.
- A place is taken with one conditional UPDATE (`taken < capacity`): under a rush on a full
  shift nothing is written and nobody waits for a row lock. The sign-up row is inserted in
  the same transaction; if the partial unique constraint refuses it (a double submission),
  the whole transaction, counter included, rolls back.
- Freeing a place locks the shift and hands the place to the first person on the waitlist in
  the same transaction, so a freed place is never visible to a newcomer before the queue.
- Locks are FOR NO KEY UPDATE: they order the writers without blocking the foreign-key
  checks of inserts that merely point at the locked person, shift or event.
- E-mails are queued on commit (notifications.emails), never sent inside the transaction.
On SQLite, `select_for_update` is a no-op; IMMEDIATE transactions serialise the writers.
"""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import VolunteerProfile
from frivillig.accounts.services import record_personal_data_change
from frivillig.engagements.models import QualificationType
from frivillig.events import notices, rules
from frivillig.events.models import (
    LIVE_SIGNUP,
    Shift,
    ShiftSignup,
    ShiftStatus,
    SignupStatus,
)


@dataclass(frozen=True)
class Outcome:
    """The answer for one shift in a submission."""

    shift: Shift
    status: str  # "confirmed", "waitlisted" or "refused"
    message: str
    signup: ShiftSignup | None = None

    @property
    def ok(self) -> bool:
        return self.status != "refused"


def _lock_person(volunteer) -> None:
    get_user_model().objects.select_for_update(no_key=True).filter(pk=volunteer.pk).values_list(
        "pk"
    ).get()


def _held_shifts(volunteer, event_id, exclude_shift_id=None) -> list[SimpleNamespace]:
    """The times (and team names, for a refusal's wording) of the shifts the person holds in
    the event: three columns through one index, not model instances, on the hot path."""
    rows = ShiftSignup.objects.filter(
        volunteer=volunteer, event_id=event_id, status=SignupStatus.CONFIRMED
    )
    if exclude_shift_id:
        rows = rows.exclude(shift_id=exclude_shift_id)
    return [
        SimpleNamespace(starts_at=start, ends_at=end, team=SimpleNamespace(name=team))
        for start, end, team in rows.values_list(
            "shift__starts_at", "shift__ends_at", "shift__team__name"
        )
    ]


def _take_place(shift: Shift) -> bool:
    """One statement: take a place if one is free. Nothing is written when the shift is full."""
    return bool(
        Shift.objects.filter(pk=shift.pk, status=ShiftStatus.OPEN, taken__lt=F("capacity")).update(
            taken=F("taken") + 1
        )
    )


def load_shift(shift_id) -> Shift:
    """A shift with what the rules read (its event and team), in one query. The e-mails are
    rendered by the task worker, which loads what they show itself (events.notices)."""
    # Whether the shift lists required qualifications rides along in the same query, so that
    # rules.check_qualifications costs nothing for the many shifts that require none.
    required = QualificationType.required_by_shifts.through.objects.filter(shift_id=OuterRef("pk"))
    return (
        Shift.objects.select_related("event", "team")
        .annotate(has_required_qualifications=Exists(required))
        .get(pk=shift_id)
    )


def sign_up(
    *,
    volunteer,
    shift: Shift,
    waitlist: bool = True,
    now: datetime | None = None,
    loaded: bool = False,
):
    """Take a place on `shift`, or a place on its waitlist when it is full and `waitlist`.

    `loaded=True` says the caller has just fetched `shift` with load_shift, so it is not read
    twice (the API's hot path); the place itself is always taken by a conditional UPDATE, so a
    stale `taken` in memory cannot overbook.
    Returns an Outcome; raises rules.SignupNotAllowed for a refusal the person can act on.
    """
    now = now or timezone.now()
    if not loaded:
        shift = load_shift(shift.pk)
    rules.check_open(shift, now)
    if shift.min_age or shift.requires_driving_licence:
        # Only these read what the person told us; most shifts need no profile at all.
        rules.check_person(shift, VolunteerProfile.objects.filter(user=volunteer).first())
    rules.check_qualifications(shift, volunteer)
    try:
        with transaction.atomic():
            _lock_person(volunteer)
            # The shift itself is left out: signing up for it twice is the unique
            # constraint's to refuse (below), not an "overlap".
            rules.check_limits(shift, _held_shifts(volunteer, shift.event_id, shift.pk))
            if _take_place(shift):
                signup = ShiftSignup.objects.create(
                    shift=shift,
                    event_id=shift.event_id,
                    volunteer=volunteer,
                    status=SignupStatus.CONFIRMED,
                    created_at=now,
                    confirmed_at=now,
                )
                notices.signed_up(signup)
                return Outcome(shift, "confirmed", _("You have a place on this shift."), signup)
            if not waitlist:
                raise rules.ShiftFull(_("This shift is full."))
            signup = ShiftSignup.objects.create(
                shift=shift,
                event_id=shift.event_id,
                volunteer=volunteer,
                status=SignupStatus.WAITLISTED,
                created_at=now,
            )
            notices.waitlisted(signup)
            return Outcome(
                shift,
                "waitlisted",
                _(
                    "The shift is full, so you are on the waitlist. If a place becomes free, "
                    "it is yours and we will tell you."
                ),
                signup,
            )
    except IntegrityError:
        # The person already holds this shift or waits for it: the partial unique constraint
        # refused the row, and the counter update rolled back with it.
        raise rules.AlreadySignedUp(_("You are already signed up for this shift.")) from None


def sign_up_many(*, volunteer, shifts: list[Shift], waitlist: bool = True) -> list[Outcome]:
    """Several shifts in one submission; each gets its own answer and its own transaction,
    so one full shift does not undo the others."""
    outcomes = []
    for shift in sorted(shifts, key=lambda s: (s.starts_at, s.pk)):
        try:
            outcomes.append(sign_up(volunteer=volunteer, shift=shift, waitlist=waitlist))
        except rules.SignupNotAllowed as refusal:
            outcomes.append(Outcome(shift, "refused", str(refusal)))
    return outcomes


def _promote(shift: Shift, now: datetime) -> ShiftSignup | None:
    """Give a free place on the locked `shift` to the first waitlisted person it suits.

    The place stays counted in `taken`: it passes from one person to the next. Someone whose
    other shifts now clash keeps their waitlist place and is passed over this time.
    """
    queue = (
        # Lock the waitlist rows, never the people: a person is locked only by their own
        # actions, first, which is what keeps the lock order person → shift deadlock-free.
        ShiftSignup.objects.select_for_update(of=("self",), no_key=True)
        .filter(shift=shift, status=SignupStatus.WAITLISTED)
        .select_related("volunteer")
        .order_by("created_at", "id")
    )
    for candidate in queue:
        try:
            rules.check_limits(
                shift, _held_shifts(candidate.volunteer, shift.event_id, exclude_shift_id=shift.pk)
            )
        except rules.PersonalLimit:
            continue
        candidate.status = SignupStatus.CONFIRMED
        candidate.confirmed_at = now
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "confirmed_at", "promoted_at"])
        notices.promoted(candidate)
        return candidate
    return None


def _free_place(shift: Shift, now: datetime) -> ShiftSignup | None:
    promoted = _promote(shift, now)
    if promoted is None:
        Shift.objects.filter(pk=shift.pk).update(taken=F("taken") - 1)
    return promoted


def _locked_shift(shift_id) -> Shift:
    # of=("self",): lock the shift only. Locking the joined event row too would block every
    # sign-up insert in the event (its foreign key check takes a share lock on the event).
    return (
        Shift.objects.select_for_update(of=("self",), no_key=True)
        .select_related("event", "team")
        .get(pk=shift_id)
    )


def cancel(*, signup: ShiftSignup, volunteer, now: datetime | None = None) -> ShiftSignup:
    """The volunteer cancels a place or leaves the waitlist: one action, no reason asked."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_person(volunteer)
        shift = _locked_shift(signup.shift_id)
        signup = ShiftSignup.objects.select_for_update(no_key=True).get(pk=signup.pk)
        if signup.volunteer_id != volunteer.pk:
            raise rules.SignupNotAllowed(_("This sign-up is not yours."))
        if signup.status not in LIVE_SIGNUP:
            raise rules.SignupNotAllowed(_("This sign-up is already cancelled."))
        was_confirmed = signup.status == SignupStatus.CONFIRMED
        if was_confirmed:
            rules.check_can_cancel(shift, now)
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _free_place(shift, now)
        notices.cancelled_by_volunteer(signup)
    return signup


def remove_by_organisation(*, signup: ShiftSignup, by, now: datetime | None = None) -> ShiftSignup:
    """Staff take someone off a shift (they asked by phone, say); no deadline applies."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_person(signup.volunteer)
        shift = _locked_shift(signup.shift_id)
        signup = ShiftSignup.objects.select_for_update(no_key=True).get(pk=signup.pk)
        if signup.status not in LIVE_SIGNUP:
            return signup
        was_confirmed = signup.status == SignupStatus.CONFIRMED
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _free_place(shift, now)
        record_personal_data_change(
            staff=by,
            volunteer=signup.volunteer,
            organisation=shift.event.organisation,
            what="shift",
        )
        notices.removed_by_organisation(signup)
    return signup


def change_capacity(*, shift: Shift, capacity: int, now: datetime | None = None) -> Shift:
    """New number of places. Never below the people already confirmed; new places go to the
    waitlist first."""
    now = now or timezone.now()
    with transaction.atomic():
        shift = _locked_shift(shift.pk)
        if capacity < shift.taken:
            raise rules.SignupNotAllowed(
                _(
                    "%(taken)d people already have a place on this shift; remove someone "
                    "before lowering the number of places below that."
                )
                % {"taken": shift.taken}
            )
        Shift.objects.filter(pk=shift.pk).update(capacity=capacity)
        shift.capacity = capacity
        for _place in range(capacity - shift.taken):
            # Count the place first, then hand it on: _promote keeps `taken` unchanged.
            if not ShiftSignup.objects.filter(shift=shift, status=SignupStatus.WAITLISTED).exists():
                break
            Shift.objects.filter(pk=shift.pk).update(taken=F("taken") + 1)
            if _promote(shift, now) is None:
                Shift.objects.filter(pk=shift.pk).update(taken=F("taken") - 1)
                break
        shift.refresh_from_db()
    return shift


def cancel_shift(*, shift: Shift, by, message: str = "", now: datetime | None = None) -> Shift:
    """The organiser cancels a whole shift: every live sign-up ends and everyone is told."""
    now = now or timezone.now()
    with transaction.atomic():
        shift = _locked_shift(shift.pk)
        if shift.status == ShiftStatus.CANCELLED:
            return shift
        affected = list(
            ShiftSignup.objects.select_for_update(of=("self",), no_key=True)
            .filter(shift=shift, status__in=LIVE_SIGNUP)
            .select_related("volunteer")
        )
        ShiftSignup.objects.filter(pk__in=[s.pk for s in affected]).update(
            status=SignupStatus.CANCELLED, cancelled_at=now
        )
        Shift.objects.filter(pk=shift.pk).update(status=ShiftStatus.CANCELLED, taken=0)
        shift.status, shift.taken = ShiftStatus.CANCELLED, 0
        for signup in affected:
            notices.shift_cancelled(signup, message=message.strip())
    return shift


def waitlist_position(signup: ShiftSignup) -> int | None:
    if signup.status != SignupStatus.WAITLISTED:
        return None
    return (
        ShiftSignup.objects.filter(
            shift_id=signup.shift_id,
            status=SignupStatus.WAITLISTED,
            created_at__lte=signup.created_at,
        )
        .exclude(created_at=signup.created_at, id__gt=signup.id)
        .count()
    )
