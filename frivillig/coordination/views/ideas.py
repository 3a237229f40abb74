"""The central volunteer office's ideas from citizens: a list with filters, and one page per
idea where the office passes it on to an area or an organisation, or answers the proposer.

Office only: a department or unit coordinator gets a 404. Reading is for all of the office's
staff; acting is for those who may decide (like requests to join)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.coordination.access import municipal_view
from frivillig.dialog.ideas import queries, services
from frivillig.dialog.ideas.forms import DecideForm, OfficeFilterForm, RouteForm
from frivillig.dialog.ideas.models import Idea, IdeaStatus
from frivillig.organisations import permissions

DECIDE = permissions.MANAGE_APPLICATIONS


def _get(pk) -> Idea:
    try:
        return queries.idea_for_office(pk)
    except Idea.DoesNotExist:
        raise Http404 from None


@municipal_view(office_only=True)
def idea_list(request):
    form = OfficeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    ideas = queries.ideas_for_office(
        status=filters.get("status") or None,
        area=filters.get("area"),
        place=filters.get("place"),
    )
    page = Paginator(ideas, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "coordination/ideas/list.html",
        {
            "form": form,
            "page": page,
            "waiting": Idea.objects.filter(status=IdeaStatus.RECEIVED).count(),
        },
    )


def _detail(request, idea, *, route_form=None, decide_form=None, status=200):
    return render(
        request,
        "coordination/ideas/detail.html",
        {
            "idea": idea,
            "timeline": list(idea.events.all()),
            "can_decide": idea.is_open
            and permissions.is_volunteer_office_staff(request.user, DECIDE),
            "route_form": route_form
            or RouteForm(
                prefix="route",
                initial={
                    "area": idea.routed_area_id or idea.area_id,
                    "organisation": idea.routed_organisation_id,
                },
            ),
            "decide_form": decide_form or DecideForm(prefix="decide"),
        },
        status=status,
    )


@municipal_view(office_only=True)
def idea_detail(request, pk):
    return _detail(request, _get(pk))


def _back(idea):
    return redirect("coordination:idea_detail", idea.pk)


@municipal_view(DECIDE, office_only=True)
@require_POST
def idea_route(request, pk):
    idea = _get(pk)
    form = RouteForm(request.POST, prefix="route")
    if not form.is_valid():
        return _detail(request, idea, route_form=form, status=400)
    try:
        services.route(idea=idea, by=request.user, **form.cleaned_data)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The idea is passed on, and the proposer has been told."))
    return _back(idea)


@municipal_view(DECIDE, office_only=True)
@require_POST
def idea_decide(request, pk):
    idea = _get(pk)
    form = DecideForm(request.POST, prefix="decide")
    if not form.is_valid():
        return _detail(request, idea, decide_form=form, status=400)
    try:
        services.decide(
            idea=idea,
            by=request.user,
            taken_up=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The answer is saved, and the proposer has been told."))
    return _back(idea)
