"""Large events for volunteers: find an event, tick one or more shifts and sign up in one go,
see "Mine vagter" with a QR code per place, cancel in one step, and take the shifts along in
a calendar.

The sign-up POST is the hot path when a popular event opens: it reads the chosen shifts (with
their event) in one query and hands them to the service; everything else is the service's.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frivillig.events import calendars, qr, queries, rules
from frivillig.events import signup as signups
from frivillig.events.models import (
    LIVE_SIGNUP,
    Event,
    EventKind,
    EventVisibility,
    Shift,
    ShiftSignup,
    SignupStatus,
)
from frivillig.translation import localized, localized_language

# More boxes than any real event page offers: a bigger POST is not a person.
MAX_SHIFTS_PER_SUBMISSION = 50


# --- Finding the event ---------------------------------------------------------------------


def get_event_for_visitor(slug: str, secret: str | None) -> Event:
    """A published event the visitor may see, or a 404 (also for a hidden event without its
    secret, so a guessed slug says nothing)."""
    event = queries.event_for_visitor(slug).first()
    if event is None or not event.is_open_to(secret):
        raise Http404
    return event


def _secret(event: Event, given: str | None) -> str:
    """The secret to carry along in links and forms: only a hidden event needs it."""
    return (given or "") if event.visibility == EventVisibility.HIDDEN else ""


def _event_path(event: Event, secret: str = "") -> str:
    path = reverse("portal:event", args=[event.slug])
    return f"{path}?{urlencode({'s': secret})}" if secret else path


def _login_url(next_path: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_path})}"


def _day_label(day: date) -> str:
    return f"{capfirst(date_format(day, 'l'))} {date_format(day, 'DATE_FORMAT')}"


# --- The event page ------------------------------------------------------------------------


class ShiftFilterForm(forms.Form):
    team = forms.TypedChoiceField(
        label=gettext_lazy("Team"), required=False, coerce=int, empty_value=None
    )
    day = forms.ChoiceField(label=gettext_lazy("Day"), required=False)
    free = forms.BooleanField(label=gettext_lazy("Only shifts with free places"), required=False)

    def __init__(self, *args, teams, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [
            (team.pk, localized(team, "name")) for team in teams
        ]
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), _day_label(day)) for day in days
        ]

    def shift_filter(self) -> queries.ShiftFilter:
        # A value that no longer fits (an old link) is dropped; the rest still filter.
        self.is_valid()
        data = self.cleaned_data
        day = data.get("day")
        return queries.ShiftFilter(
            team_id=data.get("team"),
            day=date.fromisoformat(day) if day else None,
            only_free=bool(data.get("free")),
        )


@dataclass(frozen=True)
class ShiftRow:
    shift: Shift
    team_name: str
    opens_at: datetime | None
    state: str  # "open", "not_yet", "started" or "closed"
    held: ShiftSignup | None

    @property
    def can_tick(self) -> bool:
        return self.state == "open" and self.held is None

    @property
    def has_box(self) -> bool:
        """A box to tick, disabled until sign-up opens; none once it can never be ticked."""
        return self.held is None and self.state in ("open", "not_yet")


@dataclass(frozen=True)
class Day:
    day: date
    label: str
    rows: list[ShiftRow]


def _days(event: Event, shifts, held: dict, now: datetime) -> list[Day]:
    closed = event.signup_closes_at is not None and now >= event.signup_closes_at
    days: dict[date, list[ShiftRow]] = {}
    for shift in shifts:
        opens_at = shift.team.signup_opens_at or event.signup_opens_at
        if shift.starts_at <= now:
            state = "started"
        elif closed:
            state = "closed"
        elif opens_at and now < opens_at:
            state = "not_yet"
        else:
            state = "open"
        row = ShiftRow(shift, localized(shift.team, "name"), opens_at, state, held.get(shift.pk))
        days.setdefault(timezone.localdate(shift.starts_at), []).append(row)
    return [Day(day, _day_label(day), rows) for day, rows in days.items()]


class EventKindFilterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *EventKind.choices]

    def chosen_kind(self) -> str:
        # A value that does not fit (an old or edited link) shows every kind.
        return self.cleaned_data.get("kind", "") if self.is_valid() else ""


def _for_display(events) -> list[Event]:
    events = list(events)
    for event in events:
        event.display_name = localized(event, "name")
        event.display_name_lang = localized_language(event, "name")
    return events


def event_list(request):
    form = EventKindFilterForm(request.GET)
    kind = form.chosen_kind()
    events = queries.listed_events()
    if kind:
        events = events.filter(kind=kind)
    return render(
        request,
        "portal/events/list.html",
        {"events": _for_display(events), "form": form, "kind": kind, "nav": "events"},
    )


def course_list(request):
    """Courses and network meetings across areas, from the central volunteer office and the
    organisations; signing up happens on the ordinary event page."""
    events = queries.listed_events().filter(kind__in=[EventKind.COURSE, EventKind.NETWORK])
    return render(
        request, "portal/events/courses.html", {"events": _for_display(events), "nav": "events"}
    )


def event_detail(request, slug):
    given = request.GET.get("s")
    event = get_event_for_visitor(slug, given)
    secret = _secret(event, given)
    now = timezone.now()
    teams = list(event.teams.all())
    form = ShiftFilterForm(request.GET, teams=teams, days=queries.event_days(event))
    shift_filter = form.shift_filter()
    shifts = list(queries.event_shifts(event, shift_filter, now))
    held = queries.held_in_event(request.user, event)
    days = _days(event, shifts, held, now)
    path = _event_path(event, secret)
    return render(
        request,
        "portal/events/detail.html",
        {
            "event": event,
            "event_name": localized(event, "name"),
            "event_name_lang": localized_language(event, "name"),
            "event_description": localized(event, "description"),
            "event_description_lang": localized_language(event, "description"),
            "areas": list(event.areas.all()),
            "teams": [(team, localized(team, "name")) for team in teams],
            "form": form,
            "days": days,
            "filtered": bool(shift_filter.team_id or shift_filter.day or shift_filter.only_free),
            "can_tick_any": any(row.has_box for day in days for row in day.rows),
            "secret": secret,
            "event_path": path,
            "login_url": _login_url(path),
            "ics_url": reverse("portal:event_ics", args=[event.slug])
            + (f"?{urlencode({'s': secret})}" if secret else ""),
            "signup_closed": event.signup_closes_at is not None and now >= event.signup_closes_at,
            "signup_not_yet": event.signup_opens_at is not None and now < event.signup_opens_at,
            "nav": "events",
        },
    )


@dataclass(frozen=True)
class Answer:
    shift: Shift
    team_name: str
    outcome: signups.Outcome


def _shift_ids(values) -> list[int]:
    ids = []
    for value in values[:MAX_SHIFTS_PER_SUBMISSION]:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


@require_http_methods(["GET", "POST"])
def event_signup(request, slug):
    """Sign up for the ticked shifts, each with its own answer."""
    secret = request.POST.get("s") or request.GET.get("s") or ""
    if request.method != "POST":
        event = get_event_for_visitor(slug, secret)
        return redirect(_event_path(event, _secret(event, secret)))
    if not request.user.is_authenticated:
        event = get_event_for_visitor(slug, secret)
        return redirect(_login_url(_event_path(event, _secret(event, secret))))
    ids = _shift_ids(request.POST.getlist("shift"))
    # One query for the shifts and their event; a shift of another event is simply not found.
    shifts = (
        list(
            Shift.objects.filter(event__slug=slug, pk__in=ids).select_related(
                "event", "team", "place"
            )
        )
        if ids
        else []
    )
    event = shifts[0].event if shifts else get_event_for_visitor(slug, secret)
    if not event.is_open_to(secret):
        raise Http404
    path = _event_path(event, _secret(event, secret))
    if not shifts:
        messages.error(request, _("Tick at least one shift to sign up."))
        return redirect(path)
    outcomes = signups.sign_up_many(
        volunteer=request.user, shifts=shifts, waitlist=bool(request.POST.get("waitlist"))
    )
    # Show each answer with the shift as loaded here (team and town included).
    loaded = {shift.pk: shift for shift in shifts}
    answers = [
        Answer(loaded[o.shift.pk], localized(loaded[o.shift.pk].team, "name"), o) for o in outcomes
    ]
    return render(
        request,
        "portal/events/signup_done.html",
        {
            "event": event,
            "event_name": localized(event, "name"),
            "event_path": path,
            "answers": answers,
            "any_ok": any(outcome.ok for outcome in outcomes),
            "nav": "events",
        },
    )


# --- Calendars -----------------------------------------------------------------------------


def _ics(body: bytes, filename: str, *, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=calendars.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


def event_ics(request, slug):
    event = get_event_for_visitor(slug, request.GET.get("s"))
    return _ics(calendars.event_feed(event), f"{event.slug}.ics")


def personal_ics(request, secret):
    calendar = calendars.calendar_by_secret(secret)
    if calendar is None:
        raise Http404
    response = _ics(calendars.personal_feed(calendar), "vagter.ics")
    # Personal data behind a secret address: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=300"
    return response


def shift_ics(request, code):
    signup = calendars.signup_for_code(code)
    if signup is None:
        raise Http404
    starts = timezone.localtime(signup.shift.starts_at)
    response = _ics(
        calendars.signup_ics(signup), f"vagt-{starts:%Y-%m-%d-%H%M}.ics", attachment=True
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Mine vagter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MyShift:
    signup: ShiftSignup
    qr_svg: str = ""
    cancel_refusal: str = ""

    @property
    def shift(self) -> Shift:
        return self.signup.shift


def _cancel_refusal(signup: ShiftSignup, now: datetime) -> str:
    if signup.status != SignupStatus.CONFIRMED:
        return ""  # leaving a waitlist is always possible
    try:
        rules.check_can_cancel(signup.shift, now)
    except rules.SignupNotAllowed as refusal:
        return str(refusal)
    return ""


def _shift_title(shift: Shift) -> str:
    return f"{localized(shift.team, 'name')}, {localized(shift.event, 'name')}"


@never_cache
@login_required
def my_shifts(request):
    now = timezone.now()
    upcoming = []
    for signup in queries.upcoming_signups(request.user, now):
        qr_svg = ""
        if signup.status == SignupStatus.CONFIRMED:
            qr_svg = qr.checkin_svg(
                signup.checkin_code,
                label=_("QR code for checking in to %(shift)s")
                % {"shift": _shift_title(signup.shift)},
            )
        upcoming.append(MyShift(signup, qr_svg, _cancel_refusal(signup, now)))
    past = list(queries.past_signups(request.user, now))
    return render(
        request,
        "portal/events/my_shifts.html",
        {
            "confirmed": [s for s in upcoming if s.signup.status == SignupStatus.CONFIRMED],
            "waitlisted": [s for s in upcoming if s.signup.status == SignupStatus.WAITLISTED],
            "past": past,
            "past_hours": sum(s.hours for s in past if s.hours is not None),
            "nav": "my_page",
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cancel_signup(request, pk):
    """GET asks "are you sure?"; POST cancels. No reason is asked for (the strategy's
    "unforced")."""
    signup = get_object_or_404(
        ShiftSignup.objects.select_related(
            "shift__team", "shift__place", "shift__event__place", "shift__event__organisation"
        ),
        pk=pk,
        volunteer=request.user,
    )
    if signup.status not in LIVE_SIGNUP:
        messages.info(request, _("This sign-up is already cancelled."))
        return redirect("portal:my_shifts")
    title = _shift_title(signup.shift)
    refusal = _cancel_refusal(signup, timezone.now())
    status = 200
    if request.method == "POST" and not refusal:
        was_waitlisted = signup.status == SignupStatus.WAITLISTED
        try:
            signups.cancel(signup=signup, volunteer=request.user)
        except rules.SignupNotAllowed as error:
            refusal, status = str(error), 409
        else:
            if was_waitlisted:
                done = _("You have left the waitlist for %(shift)s.")
            else:
                done = _("Your shift %(shift)s is cancelled. Thank you for letting us know.")
            messages.success(request, done % {"shift": title})
            return redirect("portal:my_shifts")
    elif request.method == "POST":
        status = 409
    return render(
        request,
        "portal/events/cancel.html",
        {"signup": signup, "shift": signup.shift, "refusal": refusal, "nav": "my_page"},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """The address of the personal feed, and a new one on request (which revokes the old)."""
    if request.method == "POST":
        calendars.replace_secret(user=request.user)
        messages.success(
            request,
            _("Your calendar has a new address. The old address no longer works."),
        )
        return redirect("portal:calendar_settings")
    calendar = calendars.calendar_for(request.user)
    feed_url = calendars.personal_feed_url(calendar)
    return render(
        request,
        "portal/events/calendar_settings.html",
        {
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
            "confirm_replace": "ny" in request.GET,
            "nav": "my_page",
        },
    )
