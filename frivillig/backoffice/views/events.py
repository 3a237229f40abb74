"""Events: plan teams and shifts, follow how full they are, take care of the people on them,
print the roster and write to everyone on a day, team or shift.

Every query starts from the organisation (request.scope), so another organisation's event,
team, shift or sign-up is a 404."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frivillig.backoffice.access import get_in_scope, organisation_view
from frivillig.backoffice.event_forms import (
    BroadcastForm,
    CancelShiftForm,
    CopyDayForm,
    EventForm,
    GridForm,
    RosterFilterForm,
    ShiftForm,
    TeamForm,
    day_label,
)
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.events import broadcast, planning, roster
from frivillig.events import signup as signups
from frivillig.events.models import (
    LIVE_SIGNUP,
    Event,
    EventStatus,
    EventVisibility,
    Shift,
    ShiftSignup,
    ShiftStatus,
    SignupStatus,
    Team,
)
from frivillig.organisations.permissions import MANAGE_EVENTS

SECTION = "events"
# The query parameter of the secret link to a hidden event (portal.views.events reads "s").
HIDDEN_LINK_PARAMETER = "s"


def _page(request, template, context=None, *, status=200):
    return render_page(
        request,
        template,
        {"can_manage_events": request.can(MANAGE_EVENTS), **(context or {})},
        section=SECTION,
        status=status,
    )


def _event(request, pk):
    return get_in_scope(request, Event.objects.select_related("organisation", "place"), pk=pk)


def _team(request, pk):
    return get_object_or_404(
        Team.objects.filter(event__organisation__in=request.scope).select_related(
            "event__organisation"
        ),
        pk=pk,
    )


def _shift(request, pk):
    return get_in_scope(
        request, Shift.objects.select_related("event__place", "team", "place"), pk=pk
    )


def _signup(request, pk):
    return get_object_or_404(
        ShiftSignup.objects.filter(shift__organisation__in=request.scope).select_related(
            "shift__event", "shift__team", "volunteer"
        ),
        pk=pk,
    )


def _to_event(request, event, anchor=""):
    url = reverse("backoffice:event_detail", args=[request.organisation.slug, event.pk])
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _to_shift(request, shift):
    return redirect("backoffice:event_shift_detail", request.organisation.slug, shift.pk)


def secret_link(request, event) -> str:
    path = reverse("portal:event", args=[event.slug])
    return request.build_absolute_uri(f"{path}?{HIDDEN_LINK_PARAMETER}={event.secret}")


# Events -------------------------------------------------------------------------------------


@organisation_view()
def event_list(request):
    open_shifts = Q(shifts__status=ShiftStatus.OPEN)
    events = (
        Event.objects.filter(organisation__in=request.scope)
        .select_related("organisation", "place")
        .annotate(
            shift_count=Count("shifts", filter=open_shifts),
            places=Coalesce(Sum("shifts__capacity", filter=open_shifts), 0),
            filled=Coalesce(Sum("shifts__taken", filter=open_shifts), 0),
        )
        .order_by("-starts_on", "name", "pk")
    )
    return _page(
        request,
        "backoffice/events/list.html",
        {"page": paginate(request, events), "several_organisations": request.scope.count() > 1},
    )


def _event_form(request, event, *, is_new):
    template = "backoffice/events/form.html"
    if request.method != "POST":
        initial = (
            {"place": request.organisation.place_id, "contact_email": request.user.email}
            if is_new
            else None
        )
        form = EventForm(instance=event, initial=initial)
        return _page(request, template, {"form": form, "is_new": is_new})
    form = EventForm(request.POST, instance=event)
    if form.is_valid():
        try:
            if is_new:
                event = planning.create_event(
                    organisation=request.organisation,
                    areas=form.cleaned_data["areas"],
                    **form.service_fields(),
                )
            else:
                event = planning.update_event(
                    event=event, areas=form.cleaned_data["areas"], **form.service_fields()
                )
        except (planning.PlanningError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            if is_new:
                messages.success(
                    request,
                    _("The event is saved as a draft. Add teams and shifts, then publish it."),
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return _to_event(request, event)
    return _page(request, template, {"form": form, "is_new": is_new}, status=400)


@organisation_view(MANAGE_EVENTS)
def event_create(request):
    return _event_form(request, Event(organisation=request.organisation), is_new=True)


@organisation_view(MANAGE_EVENTS)
def event_edit(request, pk):
    return _event_form(request, _event(request, pk), is_new=False)


@organisation_view(MANAGE_EVENTS)
@require_POST
def event_publish(request, pk):
    event = _event(request, pk)
    if event.status == EventStatus.CANCELLED:
        messages.error(request, _("A cancelled event cannot be published."))
    else:
        planning.publish_event(event=event)
        messages.success(request, _("The event is published."))
    return _to_event(request, event)


def _shifts_by_day(event):
    shifts = (
        Shift.objects.filter(event=event)
        .select_related("team", "place")
        .annotate(waitlisted=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)))
        .order_by("starts_at", "team__name", "pk")
    )
    return [
        (day, day_label(day), list(group))
        for day, group in groupby(shifts, key=lambda s: timezone.localtime(s.starts_at).date())
    ]


@organisation_view()
def event_detail(request, pk):
    event = _event(request, pk)
    teams = event.teams.prefetch_related(
        Prefetch("leads", queryset=get_user_model().objects.order_by("first_name", "email"))
    )
    return _page(
        request,
        "backoffice/events/detail.html",
        {
            "event": event,
            "areas": list(event.areas.all()),
            "teams": list(teams),
            "fill_by_team": roster.fill_by_team(event),
            "fill_by_day": [(fill, day_label(fill.label)) for fill in roster.fill_by_day(event)],
            "days": _shifts_by_day(event),
            "is_hidden": event.visibility == EventVisibility.HIDDEN,
            "secret_link": secret_link(request, event),
            "is_draft": event.status == EventStatus.DRAFT,
            "copy_form": CopyDayForm(event=event),
        },
    )


# Teams --------------------------------------------------------------------------------------


def _team_form(request, event, team):
    is_new = team.pk is None
    form = TeamForm(
        request.POST if request.method == "POST" else None,
        instance=team,
        event=event,
        organisation=request.organisation,
    )
    if form.is_valid():
        try:
            if is_new:
                team = planning.add_team(
                    event=event, leads=form.chosen_leads(), **form.service_fields()
                )
            else:
                team = planning.update_team(
                    team=team, leads=form.chosen_leads(), **form.service_fields()
                )
        except (planning.PlanningError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("The team is added.") if is_new else _("Your changes to the team are saved."),
            )
            return _to_event(request, event, "teams")
    return _page(
        request,
        "backoffice/events/team_form.html",
        {"form": form, "event": event, "team": team, "is_new": is_new},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_EVENTS)
def event_team_create(request, pk):
    event = _event(request, pk)
    return _team_form(request, event, Team(event=event))


@organisation_view(MANAGE_EVENTS)
def event_team_edit(request, pk):
    team = _team(request, pk)
    return _team_form(request, team.event, team)


# Shifts -------------------------------------------------------------------------------------


@organisation_view(MANAGE_EVENTS)
def event_shift_create(request, pk):
    event = _event(request, pk)
    if not event.teams.exists():
        messages.info(request, _("Add a team first: every shift belongs to a team."))
        return _to_event(request, event, "teams")
    initial = {"team": request.GET.get("team"), "day": request.GET.get("day")}
    form = ShiftForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            shift = planning.add_shift(
                team=fields.pop("team"), capacity=form.cleaned_data["capacity"], **fields
            )
        except (planning.PlanningError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The shift is added."))
            return _to_event(request, event, f"day-{timezone.localtime(shift.starts_at):%Y-%m-%d}")
    return _page(
        request,
        "backoffice/events/shift_form.html",
        {"form": form, "event": event, "shift": None},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_EVENTS)
def event_shift_edit(request, pk):
    shift = _shift(request, pk)
    event = shift.event
    if shift.status == ShiftStatus.CANCELLED:
        messages.info(request, _("This shift is cancelled and cannot be changed."))
        return _to_shift(request, shift)
    form = ShiftForm(request.POST or None, event=event, shift=shift)
    if request.method == "POST" and form.is_valid():
        try:
            planning.update_shift(
                shift=shift, capacity=form.cleaned_data["capacity"], **form.service_fields()
            )
        except planning.PlanningError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your changes are saved. If the time or place changed, everyone on the "
                    "shift and its waitlist has been told by e-mail."
                ),
            )
            return _to_shift(request, shift)
    return _page(
        request,
        "backoffice/events/shift_form.html",
        {"form": form, "event": event, "shift": shift},
        status=400 if form.errors or request.method == "POST" else 200,
    )


def _people(shift):
    return (
        ShiftSignup.objects.filter(shift=shift, status__in=LIVE_SIGNUP)
        .select_related("volunteer__profile")
        .order_by("created_at", "pk")
    )


@organisation_view()
def event_shift_detail(request, pk):
    shift = _shift(request, pk)
    people = list(_people(shift))
    confirmed = [s for s in people if s.status == SignupStatus.CONFIRMED]
    waitlist = [s for s in people if s.status == SignupStatus.WAITLISTED]
    for person in people:
        person.phone = getattr(getattr(person.volunteer, "profile", None), "phone", "") or ""
    roster.record_reads(
        staff=request.user,
        organisation=request.organisation,
        volunteer_ids=[s.volunteer_id for s in people],
        what="shift",
    )
    return _page(
        request,
        "backoffice/events/shift_detail.html",
        {
            "shift": shift,
            "event": shift.event,
            "confirmed": confirmed,
            "waitlist": waitlist,
            "is_cancelled": shift.status == ShiftStatus.CANCELLED,
        },
    )


@organisation_view(MANAGE_EVENTS)
def event_shift_cancel(request, pk):
    """Cancelling ends every place on the shift, so it asks first."""
    shift = _shift(request, pk)
    if shift.status == ShiftStatus.CANCELLED:
        messages.info(request, _("This shift is already cancelled."))
        return _to_shift(request, shift)
    form = CancelShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        affected = ShiftSignup.objects.filter(shift=shift, status__in=LIVE_SIGNUP).count()
        signups.cancel_shift(shift=shift, by=request.user, message=form.cleaned_data["message"])
        messages.success(
            request,
            ngettext(
                "The shift is cancelled, and %(n)d person has been told by e-mail.",
                "The shift is cancelled, and %(n)d people have been told by e-mail.",
                affected,
            )
            % {"n": affected},
        )
        return _to_event(request, shift.event, "shifts")
    return _page(
        request,
        "backoffice/events/shift_cancel.html",
        {
            "shift": shift,
            "event": shift.event,
            "form": form,
            "people": ShiftSignup.objects.filter(shift=shift, status__in=LIVE_SIGNUP).count(),
        },
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_EVENTS)
def event_signup_remove(request, pk):
    signup = _signup(request, pk)
    shift = signup.shift
    if signup.status not in LIVE_SIGNUP:
        messages.info(request, _("This person is no longer on the shift."))
        return _to_shift(request, shift)
    if request.method == "POST":
        signups.remove_by_organisation(signup=signup, by=request.user)
        messages.success(
            request,
            _("%(name)s is taken off the shift and has been told by e-mail.")
            % {"name": signup.volunteer.get_full_name() or signup.volunteer.email},
        )
        return _to_shift(request, shift)
    return _page(
        request,
        "backoffice/events/signup_remove.html",
        {"signup": signup, "shift": shift, "event": shift.event},
    )


@organisation_view(MANAGE_EVENTS)
def event_copy_day(request, pk):
    event = _event(request, pk)
    form = CopyDayForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            created = planning.copy_day(
                event=event,
                from_date=form.cleaned_data["from_date"],
                to_date=form.cleaned_data["to_date"],
            )
        except planning.PlanningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)d shift is copied.", "%(n)d shifts are copied.", len(created))
                % {"n": len(created)},
            )
            return _to_event(request, event, "shifts")
    return _page(
        request,
        "backoffice/events/copy_day.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_EVENTS)
def event_grid(request, pk):
    event = _event(request, pk)
    if not event.teams.exists():
        messages.info(request, _("Add a team first: every shift belongs to a team."))
        return _to_event(request, event, "teams")
    form = GridForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = planning.generate_grid(
                event=event,
                teams=data["teams"],
                days=data["days"],
                slots=data["slots"],
                capacity=data["capacity"],
            )
        except planning.PlanningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)d shift is created.", "%(n)d shifts are created.", len(created))
                % {"n": len(created)},
            )
            return _to_event(request, event, "shifts")
    return _page(
        request,
        "backoffice/events/grid.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


# Writing to people --------------------------------------------------------------------------

COMPOSE, CONFIRM, SEND = "compose", "confirm", "send"


def _open_shifts(event):
    return list(
        Shift.objects.filter(event=event, status=ShiftStatus.OPEN)
        .select_related("team")
        .order_by("starts_at", "team__name", "pk")
    )


@organisation_view(MANAGE_EVENTS)
def event_broadcast(request, pk):
    """Compose, then see how many people it goes to, then send: nothing leaves before that."""
    event = _event(request, pk)
    form = BroadcastForm(
        request.POST or None,
        event=event,
        teams=list(event.teams.all()),
        shifts=_open_shifts(event),
        initial={"to": request.GET.get("to", "all")},
    )
    step = request.POST.get("step", CONFIRM) if request.method == "POST" else COMPOSE
    context = {"form": form, "event": event}
    if step == COMPOSE or not form.is_valid():
        return _page(
            request,
            "backoffice/events/broadcast.html",
            context,
            status=400 if form.errors else 200,
        )
    audience = form.audience()
    if step == SEND:
        try:
            sent = broadcast.send(
                event=event,
                sender=request.user,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                **audience,
            )
        except planning.PlanningError as error:
            form.add_error(None, str(error))
            return _page(request, "backoffice/events/broadcast.html", context, status=400)
        messages.success(
            request,
            ngettext(
                "The message is sent to %(n)d person.",
                "The message is sent to %(n)d people.",
                sent,
            )
            % {"n": sent},
        )
        return _to_event(request, event)
    count = broadcast.recipients(event, **audience).count()
    if not count:
        form.add_error("to", _("Nobody has a place there yet, so there is no one to write to."))
        return _page(request, "backoffice/events/broadcast.html", context, status=400)
    return _page(
        request,
        "backoffice/events/broadcast_confirm.html",
        {**context, "count": count, "audience": form.audience_label()},
    )


# The roster ---------------------------------------------------------------------------------


def _roster(request, pk):
    event = _event(request, pk)
    form = RosterFilterForm(
        request.GET or None, event=event, teams=list(event.teams.all()), shifts=_open_shifts(event)
    )
    rows = roster.rows(event, **form.filters())
    roster.record_reads(
        staff=request.user,
        organisation=request.organisation,
        volunteer_ids=[row.signup.volunteer_id for row in rows],
        what="roster",
    )
    return event, form, rows


@organisation_view()
def event_roster(request, pk):
    event, form, rows = _roster(request, pk)
    query = request.GET.urlencode()
    return _page(
        request,
        "backoffice/events/roster.html",
        {
            "event": event,
            "form": form,
            "days": [
                (day, day_label(day), list(group))
                for day, group in groupby(rows, key=lambda row: row.day)
            ],
            "count": len(rows),
            "query": f"?{query}" if query else "",
        },
    )


def _filename(event, extension):
    return f"vagtliste-{event.slug}.{extension}"


@organisation_view()
def event_roster_csv(request, pk):
    event, _form, rows = _roster(request, pk)
    response = HttpResponse(roster.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(event, "csv")}"'
    return response


@organisation_view()
def event_roster_pdf(request, pk):
    event, form, rows = _roster(request, pk)
    pdf = roster.pdf_bytes(
        template="backoffice/events/roster_pdf.html",
        context={
            "event": event,
            "organisation": request.organisation,
            "filters": form.filters(),
            "days": [
                (day, day_label(day), list(group))
                for day, group in groupby(rows, key=lambda row: row.day)
            ],
            "count": len(rows),
            "printed_at": timezone.localtime(),
        },
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(event, "pdf")}"'
    return response
