"""The signed-in volunteer's shifts under /api/v1/me/shifts, with the portal's session.

Signing up is the hot path of a big event's opening minute (bench/signup_rush.py), so the POST
does nothing the sign-up service does not need: the session, the user, and sign_up's own
statements. Every refusal is a 409 with a stable `code` beside the translated message, so an
app can react (offer the waitlist on "full") without parsing text.

Another person's sign-up answers 404, like one that does not exist; so does a shift of an
event that is not published, or of a hidden event unless the request carries its secret."""

import json
from datetime import datetime
from typing import Literal

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from frivillig.api.auth import volunteer_session
from frivillig.api.public import ApiError
from frivillig.api.schemas import ErrorOut, ValidationErrorOut
from frivillig.events import rules, signup
from frivillig.events.models import Shift, ShiftSignup, SignupStatus

router = Router(tags=["My shifts (signed in)"], auth=volunteer_session)

ERRORS = {401: ErrorOut, 403: ErrorOut}

# Most specific first: NotOpenYet is a refusal of its own kind, but to an app it is "closed".
REFUSAL_CODES = [
    (rules.ShiftFull, "full"),
    (rules.AlreadySignedUp, "already"),
    (rules.NotOpenYet, "closed"),
    (rules.Closed, "closed"),
    (rules.NotEligible, "not_eligible"),
    (rules.PersonalLimit, "limit"),
    (rules.CancelTooLate, "too_late"),
]

RefusalCode = Literal[
    "full", "already", "closed", "not_eligible", "limit", "too_late", "not_allowed"
]


class SignupIn(Schema):
    waitlist: bool = Field(
        True,
        description="When the shift is full: true puts you on its waitlist, false refuses "
        "with the code 'full'.",
    )
    secret: str = Field(
        "", description="The secret of the event's link; needed only for a hidden event."
    )


class SignupOut(Schema):
    status: Literal["confirmed", "waitlisted"]
    signup_id: int
    waitlist_position: int | None = Field(
        description="Your place in the queue (1 is next), or null when you have a place."
    )


class RefusalOut(Schema):
    detail: str
    code: RefusalCode


class MyShiftRef(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    team: str
    event: str
    event_slug: str
    location: str


class MySignupOut(Schema):
    id: int
    status: Literal["confirmed", "waitlisted", "cancelled"]
    waitlist_position: int | None
    created_at: datetime
    shift: MyShiftRef

    @staticmethod
    def resolve_shift(obj):
        shift = obj.shift
        return {
            "id": shift.pk,
            "starts_at": shift.starts_at,
            "ends_at": shift.ends_at,
            "team": shift.team.name,
            "event": shift.event.name,
            "event_slug": shift.event.slug,
            "location": shift.location,
        }


class Refusal(ApiError):
    """A rule said no: 409 with the rule's own message and its code."""

    def __init__(self, error: rules.SignupNotAllowed):
        super().__init__(409, str(error))
        self.code = next((c for kind, c in REFUSAL_CODES if isinstance(error, kind)), "not_allowed")

    def as_dict(self) -> dict:
        return {"detail": self.detail, "code": self.code}


def _body(request: HttpRequest) -> SignupIn:
    """The JSON body, read by hand: a form here would cost more than the sign-up's SQL."""
    raw = request.body.strip()
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, _('The body must be a JSON object, e.g. {"waitlist": true}.'), {})
    errors = {
        key: [_("There is no such field.")] for key in data if key not in SignupIn.model_fields
    }
    if not isinstance(data.get("waitlist", True), bool):
        errors["waitlist"] = [_("Send true or false.")]
    if not isinstance(data.get("secret", ""), str):
        errors["secret"] = [_("Send a text.")]
    if errors:
        raise ApiError(400, _("Some of the fields are not valid."), errors)
    return SignupIn(**data)


def _no_shift(shift_id: int) -> ApiError:
    return ApiError(404, _("There is no shift with id %(id)d.") % {"id": shift_id})


def _waitlist_position():
    """Your place in the queue, counted in SQL for every row of a list at once."""
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
    return Subquery(ahead)


@router.get("", response={200: list[MySignupOut], **ERRORS}, summary="My shifts")
def my_shifts(request):
    """Your places and waitlist places, soonest shift first, then those you cancelled."""
    signups = (
        ShiftSignup.objects.filter(volunteer=request.user)
        .select_related("shift__team", "shift__event")
        .annotate(queue=_waitlist_position())
        .order_by("shift__starts_at", "id")
    )
    for row in signups:
        # The subquery counts only waitlisted rows; a held or cancelled place has no queue.
        row.waitlist_position = row.queue if row.status == SignupStatus.WAITLISTED else None
    return signups


@router.post(
    "/{int:shift_id}/signup",
    response={
        201: SignupOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        **ERRORS,
    },
    summary="Sign up for a shift",
)
def sign_up(request, shift_id: int):
    """A place on the shift, or its waitlist when it is full and `waitlist` is true.

    409 names the rule that refused: `full`, `already` (you hold a place or a waitlist place),
    `closed` (not open yet, past the deadline, started or cancelled), `not_eligible` (age or
    driving licence; add them on your profile) or `limit` (the event's most shifts or hours
    per person, an overlap, or too little rest)."""
    body = _body(request)
    try:
        shift = signup.load_shift(shift_id)
    except Shift.DoesNotExist:
        raise _no_shift(shift_id) from None
    # Event.is_open_to compares with compare_digest, which refuses non-ASCII text; no real
    # secret is non-ASCII (token_urlsafe), so such a guess is simply wrong.
    secret = body.secret if body.secret.isascii() else None
    if not shift.event.is_open_to(secret or None):
        raise _no_shift(shift_id)
    try:
        outcome = signup.sign_up(
            volunteer=request.user, shift=shift, waitlist=body.waitlist, loaded=True
        )
    except rules.SignupNotAllowed as error:
        raise Refusal(error) from None
    position = signup.waitlist_position(outcome.signup) if outcome.status == "waitlisted" else None
    return Status(
        201,
        {
            "status": outcome.status,
            "signup_id": outcome.signup.pk,
            "waitlist_position": position,
        },
    )


@router.delete(
    "/signups/{int:signup_id}",
    response={200: MySignupOut, 404: ErrorOut, 409: RefusalOut, **ERRORS},
    summary="Cancel my sign-up",
)
def cancel(request, signup_id: int):
    """Give up a place or leave the waitlist: one action, no reason asked. A held place can be
    cancelled until the event's deadline before the shift (409 `too_late` after it)."""
    mine = ShiftSignup.objects.filter(pk=signup_id, volunteer=request.user).first()
    if mine is None:
        raise ApiError(404, _("You have no sign-up with id %(id)d.") % {"id": signup_id})
    try:
        signup.cancel(signup=mine, volunteer=request.user)
    except rules.SignupNotAllowed as error:
        raise Refusal(error) from None
    cancelled = ShiftSignup.objects.select_related("shift__team", "shift__event").get(pk=mine.pk)
    cancelled.waitlist_position = None
    return cancelled
