"""The coordinator's call-outs: list, create with a preview of who will be asked, the live
count of yeses, and close. Every page needs MANAGE_EVENTS; another organisation's call-out is
a 404 (backoffice.access)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from frivillig.accounts.models import VolunteerProfile
from frivillig.backoffice.access import get_in_scope, organisation_view
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.callouts import matching, services
from frivillig.callouts.forms import CallOutForm
from frivillig.callouts.models import Answer, CallOut, CallOutStatus, skill_labels
from frivillig.organisations.permissions import MANAGE_EVENTS

SECTION = "callouts"
PREVIEW, EDIT_MORE, SEND = "preview", "edit", "send"


def _page(request, template, context=None, **kwargs):
    return render_page(
        request,
        template,
        {"can_manage_events": request.can(MANAGE_EVENTS), **(context or {})},
        section=SECTION,
        **kwargs,
    )


def _scoped(request):
    return CallOut.objects.filter(organisation__in=request.scope)


def _get(request, pk):
    return get_in_scope(request, _scoped(request).select_related("organisation", "place"), pk=pk)


@organisation_view(MANAGE_EVENTS)
def callout_list(request):
    callouts = (
        _scoped(request)
        .select_related("organisation", "place")
        .annotate(invited_count=Count("responses"))
        .order_by("-starts_at", "-pk")
    )
    return _page(
        request,
        "callouts/backoffice/list.html",
        {"page": paginate(request, callouts), "several_organisations": request.scope.count() > 1},
    )


@organisation_view(MANAGE_EVENTS)
def callout_create(request):
    """The form, then a preview that says how many volunteers will be e-mailed, then send.
    The preview carries every value in hidden fields, so "Edit more" keeps them."""
    template = "callouts/backoffice/form.html"
    if request.method != "POST":
        form = CallOutForm(initial={"place": request.organisation.place_id})
        return _page(request, template, {"form": form})
    form = CallOutForm(request.POST)
    step = request.POST.get("step", PREVIEW)
    if step == EDIT_MORE or not form.is_valid():
        status = 200 if step == EDIT_MORE or not form.errors else 400
        return _page(request, template, {"form": form}, status=status)
    data = form.cleaned_data
    if step != SEND:
        return _page(
            request,
            "callouts/backoffice/preview.html",
            {
                "form": form,
                "matches": matching.count_matching(
                    place=data["place"], radius_km=data["radius_km"], skills=data["skills"]
                ),
                "skill_labels": skill_labels(",".join(data["skills"])),
            },
        )
    try:
        callout = services.create_callout(
            organisation=request.organisation, created_by=request.user, **data
        )
    except services.CallOutError as error:
        messages.error(request, str(error))
        return _page(request, template, {"form": form}, status=400)
    invited = callout.responses.count()
    if invited:
        message = ngettext(
            "The call-out is sent to %(count)d volunteer.",
            "The call-out is sent to %(count)d volunteers.",
            invited,
        ) % {"count": invited}
    else:
        message = _("The call-out is saved, but no volunteer matched, so nobody was e-mailed.")
    messages.success(request, message)
    return redirect("backoffice:callout_detail", request.organisation.slug, callout.pk)


def _live_context(callout, shown=None):
    return {"callout": callout, "shown": shown, "is_live": callout.status != CallOutStatus.CLOSED}


@organisation_view(MANAGE_EVENTS)
def callout_detail(request, pk):
    callout = _get(request, pk)
    yes = list(
        callout.responses.filter(answer=Answer.ACCEPTED)
        .select_related("volunteer")
        .order_by("answered_at", "pk")
    )
    phones = dict(
        VolunteerProfile.objects.filter(user__in=[r.volunteer_id for r in yes]).values_list(
            "user_id", "phone"
        )
    )
    for response in yes:
        response.phone = phones.get(response.volunteer_id, "")
    services.record_reads(
        staff=request.user,
        volunteers=[r.volunteer for r in yes],
        organisation=request.organisation,
    )
    counts = {
        row["answer"]: row["n"]
        for row in callout.responses.order_by().values("answer").annotate(n=Count("pk"))
    }
    return _page(
        request,
        "callouts/backoffice/detail.html",
        {
            **_live_context(callout, shown=len(yes)),
            "accepted": yes,
            "invited_count": sum(counts.values()),
            "declined_count": counts.get(Answer.DECLINED, 0),
            "pending_count": counts.get(Answer.PENDING, 0),
        },
    )


@organisation_view(MANAGE_EVENTS)
@require_GET
@never_cache
def callout_live(request, pk):
    """The count alone, polled by htmx every few seconds. No names: polling must not read
    personal data (nor log a read) every five seconds."""
    callout = _get(request, pk)
    try:
        shown = int(request.GET.get("shown", ""))
    except ValueError:
        shown = None
    return render(request, "callouts/backoffice/_live.html", _live_context(callout, shown))


@organisation_view(MANAGE_EVENTS)
def callout_close(request, pk):
    """Closing is final, so it asks first (GET) and closes on the POST."""
    callout = _get(request, pk)
    if request.method == "POST":
        try:
            services.close(callout=callout)
        except services.CallOutError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The call-out is closed."))
        return redirect("backoffice:callout_detail", request.organisation.slug, callout.pk)
    return _page(request, "callouts/backoffice/close.html", {"callout": callout})
