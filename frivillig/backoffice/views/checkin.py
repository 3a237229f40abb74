"""Check-in on the day, from a phone: today's shifts, one shift's people, and the QR code.

Team leads check people in without being staff of the organisation, so these pages cannot use
access.organisation_view (it would 404 a lead without a membership). `checkin_view` is the same
door with a wider key: staff with MANAGE_EVENTS in the organisation (or above it) reach every
shift below it; a lead reaches the shifts of the teams they lead in that organisation. Anyone
else, and any other organisation's shift, gets a 404."""

from datetime import datetime, time, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.accounts.services import record_personal_data_reads
from frivillig.events import checkin
from frivillig.events.models import Attendance, Shift, ShiftSignup, ShiftStatus, SignupStatus, Team
from frivillig.organisations import permissions
from frivillig.organisations.models import Organisation

# What the check-in pages write in PersonalDataRead.what.
READ_WHAT = "checkin"
# A lead reloads the list after every tap; one read per person in this time is enough.
READ_AGAIN_AFTER = timedelta(minutes=30)
MAX_QUERY_LENGTH = 100

CHECK_IN, CHECK_OUT, NO_SHOW, UNDO, RECORD_HOURS = "in", "out", "no_show", "undo", "hours"
STEPS = {
    CHECK_IN: checkin.check_in,
    CHECK_OUT: checkin.check_out,
    NO_SHOW: checkin.mark_no_show,
    UNDO: checkin.undo,
}


def checkable_shifts(user, organisation, *, manages: bool):
    """The shifts `user` may check people in for, within `organisation`'s pages."""
    led = Q(organisation=organisation, team__in=Team.objects.filter(leads=user))
    if not manages:
        return Shift.objects.filter(led)
    below = permissions.organisations_for_user(user, permissions.MANAGE_EVENTS).filter(
        path__startswith=organisation.path
    )
    # A subquery, not a join on the leads: a join would repeat a shift once per lead.
    return Shift.objects.filter(Q(organisation__in=below) | led)


def checkin_view(view):
    """access.organisation_view for check-in (see the module's docstring)."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = (
            permissions.organisations_for_user(request.user, permissions.MANAGE_EVENTS)
            .filter(slug=slug)
            .first()
        )
        manages = organisation is not None
        if not manages:
            organisation = Organisation.objects.filter(
                slug=slug, shifts__team__leads=request.user
            ).first()
        if organisation is None:
            raise Http404
        request.organisation = organisation
        request.shifts = checkable_shifts(request.user, organisation, manages=manages)
        return view(request, *args, **kwargs)

    wrapper.capability = permissions.MANAGE_EVENTS
    wrapper.organisation_scoped = True
    return wrapper


def _with_counts(shifts):
    return shifts.annotate(
        people=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        arrived=Count(
            "signups",
            filter=Q(
                signups__status=SignupStatus.CONFIRMED,
                signups__attendance__in=[Attendance.CHECKED_IN, Attendance.CHECKED_OUT],
            ),
        ),
    )


@checkin_view
def checkin_today(request):
    """Today's and tomorrow's shifts; one that began yesterday and is still going counts as
    today's (a night shift)."""
    today = timezone.localdate()
    start_of = [
        timezone.make_aware(datetime.combine(today + timedelta(days=n), time.min)) for n in range(3)
    ]
    shifts = list(
        _with_counts(
            request.shifts.filter(
                status=ShiftStatus.OPEN, ends_at__gt=start_of[0], starts_at__lt=start_of[2]
            )
        )
        .select_related("event", "team")
        .order_by("starts_at", "event__name", "team__name", "pk")
    )
    days = [
        {"date": today, "label": _("Today"), "shifts": []},
        {"date": today + timedelta(days=1), "label": _("Tomorrow"), "shifts": []},
    ]
    for shift in shifts:
        days[0 if shift.starts_at < start_of[1] else 1]["shifts"].append(shift)
    return render(request, "backoffice/checkin/today.html", {"days": days})


def _person_filter(words: str) -> Q:
    """Every word must be in the first or the last name, so "vera fri" finds Vera Frivillig."""
    condition = Q()
    for word in words.split()[:5]:
        condition &= Q(volunteer__first_name__icontains=word) | Q(
            volunteer__last_name__icontains=word
        )
    return condition


def _list_url(request, shift, query: str, signup_pk=None) -> str:
    url = reverse("backoffice:checkin_shift", args=[request.organisation.slug, shift.pk])
    if query:
        url += "?" + urlencode({"q": query})
    if signup_pk:
        url += f"#person-{signup_pk}"
    return url


@checkin_view
def checkin_shift(request, pk):
    shift = get_object_or_404(request.shifts.select_related("event", "team", "organisation"), pk=pk)
    signups = shift.signups.filter(status=SignupStatus.CONFIRMED)
    if request.method == "POST":
        return _take_step(request, shift, signups)

    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    counts = signups.aggregate(
        people=Count("pk"),
        arrived=Count(
            "pk", filter=Q(attendance__in=[Attendance.CHECKED_IN, Attendance.CHECKED_OUT])
        ),
        absent=Count("pk", filter=Q(attendance=Attendance.NO_SHOW)),
        # Whom record_hours_from_shifts would give hours to.
        without_hours=Count("pk", filter=Q(hours__isnull=True) & ~Q(attendance=Attendance.NO_SHOW)),
    )
    people = list(
        signups.filter(_person_filter(query))
        .select_related("volunteer")
        .order_by("volunteer__first_name", "volunteer__last_name", "pk")
    )
    record_personal_data_reads(
        staff=request.user,
        volunteers=[signup.volunteer for signup in people],
        organisation=shift.organisation,
        what=READ_WHAT,
        unless_within=READ_AGAIN_AFTER,
    )
    return render(
        request,
        "backoffice/checkin/shift.html",
        {
            "shift": shift,
            "people": people,
            "counts": counts,
            "query": query,
            "is_over": shift.ends_at <= timezone.now(),
        },
    )


def _take_step(request, shift, signups):
    """One tap: check in, check out, did not come, undo, or hours for everyone unmarked."""
    step = request.POST.get("step", "")
    query = request.POST.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if step == RECORD_HOURS:
        if shift.ends_at > timezone.now():
            messages.error(request, _("Hours can be recorded when the shift is over."))
        else:
            count = checkin.record_hours_from_shifts(shift)
            messages.success(
                request,
                ngettext(
                    "Hours recorded for %(count)d person.",
                    "Hours recorded for %(count)d people.",
                    count,
                )
                % {"count": count},
            )
        return redirect(_list_url(request, shift, query))
    if step not in STEPS or not request.POST.get("signup", "").isdigit():
        return redirect(_list_url(request, shift, query))
    signup = get_object_or_404(signups.select_related("volunteer"), pk=request.POST["signup"])
    try:
        STEPS[step](signup)
    except checkin.CheckInError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _done(step, signup.volunteer))
    return redirect(_list_url(request, shift, query, signup.pk))


def _done(step: str, person) -> str:
    words = {
        CHECK_IN: _("%(name)s is checked in."),
        CHECK_OUT: _("%(name)s is checked out."),
        NO_SHOW: _("%(name)s is marked as not coming."),
        UNDO: _("The registration for %(name)s is undone."),
    }
    return words[step] % {"name": person}


def checkin_by_code(request, code):
    """The QR code on a volunteer's confirmation. Only someone who may check the person in
    learns that the code is real; the volunteer and everyone else get a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    signup = (
        ShiftSignup.objects.filter(checkin_code=code, status=SignupStatus.CONFIRMED)
        .select_related("volunteer", "shift__event", "shift__team", "shift__organisation")
        .first()
    )
    if signup is None or not permissions.can_check_in(request.user, signup.shift):
        raise Http404
    here = reverse("backoffice:checkin_by_code", args=[code])
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step in (CHECK_IN, CHECK_OUT):
            try:
                STEPS[step](signup)
            except checkin.CheckInError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _done(step, signup.volunteer))
        return redirect(here)
    record_personal_data_reads(
        staff=request.user,
        volunteers=[signup.volunteer],
        organisation=signup.shift.organisation,
        what=READ_WHAT,
        unless_within=READ_AGAIN_AFTER,
    )
    return render(
        request,
        "backoffice/checkin/code.html",
        {"signup": signup, "shift": signup.shift, "here": here},
    )
