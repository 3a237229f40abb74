"""Events and shifts in the API: open data for anyone, and the roster for the organiser's token.

The public part shows only what the portal shows: listed events, and a hidden event only to
someone holding its secret link (`?secret=`). Without it a hidden event answers 404 exactly
like one that does not exist, so its existence does not leak.

The organisation's part starts every query from the token's scope (organisation.py), so another
organisation's event is a 404. Reading a roster is logged as a read of every listed person's
personal data, like reading an application or an engagement."""

from datetime import date, datetime
from typing import Literal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from frivillig.accounts.services import record_personal_data_reads
from frivillig.api.auth import api_token_auth
from frivillig.api.organisation import _scope, _status_filter
from frivillig.api.public import ApiError, _invalid, _paginate
from frivillig.api.schemas import (
    ErrorOut,
    OrganisationRef,
    PageOut,
    PlaceRef,
    ValidationErrorOut,
)
from frivillig.events.models import (
    Event,
    EventKind,
    EventStatus,
    EventVisibility,
    Shift,
    ShiftSignup,
    ShiftStatus,
    SignupStatus,
    Team,
)

router = Router(tags=["Events"])
org_router = Router(tags=["Organisation (API token)"], auth=api_token_auth)

OPEN_SHIFTS = Q(shifts__status=ShiftStatus.OPEN)


def _with_places(qs):
    """Open shifts and their free places per row, counted by the database in the same query."""
    return qs.annotate(
        shift_count=Count("shifts", filter=OPEN_SHIFTS),
        free_places=Coalesce(
            Sum(F("shifts__capacity") - F("shifts__taken"), filter=OPEN_SHIFTS), 0
        ),
    )


def event_url(event: Event, secret: str = "") -> str:
    url = settings.SITE_URL + reverse("portal:event", args=[event.slug])
    return f"{url}?{urlencode({'s': secret})}" if secret else url


# Schemas -----------------------------------------------------------------------------------


class TeamRef(Schema):
    id: int
    name: str
    name_en: str


class TeamOut(TeamRef):
    description: str
    signup_opens_at: datetime | None = Field(
        description="When sign-up opens for this team; the event's time when not set."
    )
    shift_count: int = Field(description="Open shifts.")
    free_places: int = Field(description="Free places on the open shifts.")

    @staticmethod
    def resolve_signup_opens_at(obj) -> datetime | None:
        return obj.opens_at


EventKindValue = Literal["event", "course", "network"]


class EventOut(Schema):
    slug: str
    kind: EventKindValue = Field(
        description="'event', 'course' or 'network' (a network meeting). Courses and network "
        "meetings use the same teams, shifts and sign-up: a course day is a shift."
    )
    url: str = Field(
        description="The event's page on the public portal (for a hidden event, with its "
        "secret when the secret was sent)."
    )
    name: str
    name_en: str
    description: str
    description_en: str
    starts_on: date
    ends_on: date
    organisation: OrganisationRef
    place: PlaceRef
    address: str
    areas: list[str] = Field(description="Slugs of the event's areas.")
    signup_opens_at: datetime | None = Field(description="Null: open since publication.")
    signup_closes_at: datetime | None
    shift_count: int = Field(description="Open shifts.")
    free_places: int = Field(description="Free places on the open shifts.")

    @staticmethod
    def resolve_url(obj) -> str:
        return event_url(obj, getattr(obj, "proven_secret", ""))

    @staticmethod
    def resolve_areas(obj) -> list[str]:
        return [area.slug for area in obj.areas.all()]


class EventDetailOut(EventOut):
    contact_email: str
    cancel_hours_before: int = Field(
        description="A volunteer can cancel a place until this many hours before the shift."
    )
    max_shifts_per_person: int | None
    max_hours_per_person: int | None
    min_rest_minutes: int
    teams: list[TeamOut]

    @staticmethod
    def resolve_teams(obj) -> list:
        return obj.teams.all()


class EventPage(PageOut):
    results: list[EventOut]


class ShiftOut(Schema):
    id: int
    team: TeamRef
    starts_at: datetime
    ends_at: datetime
    place: PlaceRef = Field(description="The shift's town; the event's when the shift has none.")
    location: str = Field(description="Meeting point.")
    capacity: int
    taken: int
    free: int
    min_age: int | None
    requires_child_certificate: bool
    requires_driving_licence: bool
    requirements_note: str

    @staticmethod
    def resolve_place(obj):
        return obj.place or obj.event.place


class ShiftPage(PageOut):
    results: list[ShiftOut]


class ShiftFreeOut(Schema):
    id: int
    capacity: int
    taken: int
    free: int
    cancelled: bool


class EventParams(Schema):
    kind: str | None = Field(
        None, description="Only events of this kind: 'event', 'course' or 'network'."
    )
    page: str | None = Field(None, description="Page number, from 1.")


class SecretParams(Schema):
    secret: str | None = Field(None, description="The secret of a hidden event's link.")


class ShiftParams(SecretParams):
    team: str | None = Field(None, description="Only this team's shifts (a team id).")
    day: str | None = Field(None, description="Only shifts starting on this day (YYYY-MM-DD).")
    free_only: str | None = Field(None, description="'true' for shifts with a free place only.")
    page: str | None = Field(None, description="Page number, from 1.")


# The organisation's side.

EventStatusValue = Literal["draft", "published", "cancelled"]
EventVisibilityValue = Literal["public", "hidden"]
AttendanceValue = Literal["unknown", "in", "out", "no_show"]


class OrgEventOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The event's page on the public portal (once published).")
    name: str
    status: EventStatusValue
    visibility: EventVisibilityValue
    starts_on: date
    ends_on: date
    organisation: OrganisationRef
    place: PlaceRef
    shift_count: int = Field(description="Open shifts.")
    free_places: int = Field(description="Free places on the open shifts.")
    waitlisted: int = Field(description="People on a waitlist.")

    @staticmethod
    def resolve_url(obj) -> str:
        return event_url(obj)


class OrgEventPage(PageOut):
    results: list[OrgEventOut]


class RosterPersonOut(Schema):
    name: str
    email: str
    phone: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.get_full_name() or obj.email

    @staticmethod
    def resolve_phone(obj) -> str:
        profile = getattr(obj, "profile", None)
        return profile.phone if profile is not None else ""


class RosterShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    location: str


class RosterEntryOut(Schema):
    id: int = Field(description="The sign-up.")
    volunteer: RosterPersonOut
    team: TeamRef
    shift: RosterShiftOut
    confirmed_at: datetime
    attendance: AttendanceValue
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    hours: float | None = Field(description="Hours recorded for the shift, once known.")

    @staticmethod
    def resolve_team(obj):
        return obj.shift.team

    @staticmethod
    def resolve_attendance(obj) -> str:
        return obj.attendance or "unknown"

    @staticmethod
    def resolve_hours(obj) -> float | None:
        return None if obj.hours is None else float(obj.hours)


class WaitlistEntryOut(Schema):
    id: int = Field(description="The sign-up.")
    volunteer: RosterPersonOut
    team: TeamRef
    shift: RosterShiftOut
    position: int = Field(description="Place in the shift's queue, from 1.")
    created_at: datetime

    @staticmethod
    def resolve_team(obj):
        return obj.shift.team


class RosterOut(Schema):
    event: OrgEventOut
    places: list[RosterEntryOut] = Field(description="People with a place, by shift.")
    waitlist: list[WaitlistEntryOut] = Field(description="People on a waitlist, in order.")


class OrgEventParams(Schema):
    status: str | None = Field(
        None, description="Only events with this status: 'draft', 'published' or 'cancelled'."
    )
    page: str | None = Field(None, description="Page number, from 1.")


class RosterParams(Schema):
    team: str | None = Field(None, description="Only this team's shifts (a team id).")
    day: str | None = Field(None, description="Only shifts starting on this day (YYYY-MM-DD).")


# Filters -----------------------------------------------------------------------------------


class ShiftFilterForm(forms.Form):
    """The filters of a shift list, checked against the event's own teams."""

    team = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    day = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Write the day as YYYY-MM-DD.")},
    )
    free_only = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")],
        error_messages={"invalid_choice": gettext_lazy("Write true or false.")},
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        team_ids = event.teams.values_list("pk", flat=True)
        self.fields["team"].choices = [("", ""), *((str(pk), str(pk)) for pk in team_ids)]
        self.fields["team"].error_messages["invalid_choice"] = gettext_lazy(
            "The event has no team with id “%(value)s”."
        )

    def apply(self, shifts):
        data = self.cleaned_data
        if data["team"] is not None:
            shifts = shifts.filter(team_id=data["team"])
        if data["day"]:
            shifts = shifts.filter(starts_at__date=data["day"])
        if data.get("free_only") in ("true", "1"):
            shifts = shifts.filter(taken__lt=F("capacity"))
        return shifts


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", ""), *((kind, kind) for kind in EventKind.values)],
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not one of the choices.")},
    )

    def apply(self, events):
        if self.cleaned_data["kind"]:
            events = events.filter(kind=self.cleaned_data["kind"])
        return events


def _filtered_shifts(request: HttpRequest, event: Event, shifts):
    form = ShiftFilterForm(data=request.GET, event=event)
    if not form.is_valid():
        raise _invalid(form)
    return form.apply(shifts)


# Public ------------------------------------------------------------------------------------


def _public_events():
    return _with_places(
        Event.objects.select_related("organisation", "place").prefetch_related("areas")
    )


def _open_event(slug: str, secret: str | None, qs=None) -> Event:
    event = (qs if qs is not None else Event.objects.all()).filter(slug=slug).first()
    if event is None or not event.is_open_to(secret):
        raise ApiError(404, _("There is no event “%(slug)s”.") % {"slug": slug})
    return event


@router.get(
    "/events",
    response={200: EventPage, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Events",
)
def list_events(request, params: Query[EventParams]):
    """Published, public events that are not over, soonest first, with the number of open
    shifts and free places. Hidden events are never listed. Filter by `kind` (courses and
    network meetings are events of kind 'course' and 'network')."""
    form = EventFilterForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    qs = _public_events().filter(pk__in=Event.objects.listed()).order_by("starts_on", "name", "pk")
    return _paginate(request, form.apply(qs))


@router.get(
    "/events/{slug:slug}",
    response={200: EventDetailOut, 404: ErrorOut},
    summary="One event, with its teams",
)
def get_event(request, slug: str, params: Query[SecretParams]):
    """A hidden event needs its link's `secret`; without it the answer is 404."""
    teams = _with_places(Team.objects.select_related("event")).order_by("name", "pk")
    qs = _public_events().prefetch_related(Prefetch("teams", queryset=teams))
    event = _open_event(slug, params.secret, qs)
    if event.visibility == EventVisibility.HIDDEN:
        # The caller holds the link already; the portal's page needs it too.
        event.proven_secret = event.secret
    return event


@router.get(
    "/events/{slug:slug}/shifts",
    response={200: ShiftPage, 400: ValidationErrorOut, 404: ErrorOut},
    summary="The shifts of an event",
)
def list_shifts(request, slug: str, params: Query[ShiftParams]):
    """The event's open shifts by time, with places taken and free. Filter by `team` (an id
    from the event's `teams`), by `day`, and with `free_only=true`."""
    event = _open_event(slug, params.secret)
    shifts = (
        Shift.objects.filter(event=event, status=ShiftStatus.OPEN)
        .select_related("team", "place", "event__place")
        .order_by("starts_at", "team__name", "pk")
    )
    return _paginate(request, _filtered_shifts(request, event, shifts))


@router.get(
    "/shifts/{int:shift_id}/free",
    response={200: ShiftFreeOut, 404: ErrorOut},
    summary="Free places on one shift, now",
)
def shift_free(request, shift_id: int, params: Query[SecretParams]):
    """One small query, for pages that show the free places live. A shift of a hidden event
    needs the event's `secret`."""
    shift = (
        Shift.objects.filter(pk=shift_id)
        .select_related("event")
        .only(
            "capacity",
            "taken",
            "status",
            "event__status",
            "event__visibility",
            "event__secret",
        )
        .first()
    )
    if shift is None or not shift.event.is_open_to(params.secret):
        raise ApiError(404, _("There is no shift with id %(id)d.") % {"id": shift_id})
    cancelled = shift.status == ShiftStatus.CANCELLED
    return {
        "id": shift.pk,
        "capacity": shift.capacity,
        "taken": shift.taken,
        "free": 0 if cancelled else shift.free,
        "cancelled": cancelled,
    }


# The organisation's (token) ----------------------------------------------------------------


def _org_events(request: HttpRequest):
    waitlisted = (
        ShiftSignup.objects.filter(event=OuterRef("pk"), status=SignupStatus.WAITLISTED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return _with_places(
        Event.objects.filter(organisation__in=_scope(request)).select_related(
            "organisation", "place"
        )
    ).annotate(waitlisted=Coalesce(Subquery(waitlisted), 0))


ORG_ERRORS = {401: ErrorOut, 404: ErrorOut}


@org_router.get(
    "/events",
    response={200: OrgEventPage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="The organisation's events",
)
def org_list_events(request, params: Query[OrgEventParams]):
    """Every event of the organisation and those below it, in any status, newest first."""
    qs = _org_events(request).order_by("-starts_on", "-pk")
    status = _status_filter(request, EventStatus.choices)
    if status:
        qs = qs.filter(status=status)
    return _paginate(request, qs)


@org_router.get(
    "/events/{int:event_id}/roster",
    response={200: RosterOut, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Who has a place on which shift, and the waitlists",
)
def org_roster(request, event_id: int, params: Query[RosterParams]):
    """Everyone with a place, by shift, with contact details and attendance, and everyone on
    a waitlist in queue order. Filter by `team` and `day`. Reading this is logged as a read
    of each listed person's personal data."""
    event = _org_events(request).filter(pk=event_id).first()
    if event is None:
        raise ApiError(404, _("There is no event with id %(id)d.") % {"id": event_id})
    shifts = _filtered_shifts(request, event, Shift.objects.filter(event=event))
    signups = (
        ShiftSignup.objects.filter(
            shift__in=shifts, status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]
        )
        .select_related("volunteer__profile", "shift__team")
        .order_by("shift__starts_at", "shift__team__name", "shift_id", "created_at", "pk")
    )
    places, waitlist, positions = [], [], {}
    for signup in signups:
        if signup.status == SignupStatus.CONFIRMED:
            places.append(signup)
        else:
            positions[signup.shift_id] = positions.get(signup.shift_id, 0) + 1
            signup.position = positions[signup.shift_id]
            waitlist.append(signup)
    record_personal_data_reads(
        staff=None,
        volunteers={s.volunteer for s in places + waitlist},
        organisation=event.organisation,
        what="api:roster",
    )
    return {"event": event, "places": places, "waitlist": waitlist}
