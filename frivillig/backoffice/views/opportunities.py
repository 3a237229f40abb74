"""Opportunities: list, create and edit with a preview, publish, pause and close."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.backoffice.access import get_in_scope, organisation_view
from frivillig.backoffice.forms import OpportunityForm, OpportunityStatusFilter
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.catalog import services as catalog
from frivillig.catalog.models import Opportunity, OpportunityStatus
from frivillig.engagements.models import ApplicationStatus
from frivillig.organisations.permissions import MANAGE_OPPORTUNITIES
from frivillig.portal import presenters

SECTION = "opportunities"
# The buttons of the form and of its preview: nothing is saved until SAVE.
PREVIEW, EDIT_MORE, SAVE = "preview", "edit", "save"


def _scoped(request):
    return Opportunity.objects.filter(organisation__in=request.scope)


def _public_context(opportunity, areas):
    """What the public page shows, for the preview and the detail page."""
    return {
        "opportunity": opportunity,
        "areas": areas,
        "requirements": presenters.requirements(opportunity),
        "offers": presenters.offers(opportunity),
        "suitability": presenters.suitability(opportunity),
        "time_commitment": presenters.time_commitment(opportunity),
    }


@organisation_view()
def opportunity_list(request):
    form = OpportunityStatusFilter(request.GET or None)
    opportunities = (
        _scoped(request)
        .select_related("organisation", "place")
        .annotate(
            pending_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.PENDING)
            )
        )
        .order_by("-updated_at", "-pk")
    )
    if form.is_valid() and form.cleaned_data["status"]:
        opportunities = opportunities.filter(status=form.cleaned_data["status"])
    return render_page(
        request,
        "backoffice/opportunities/list.html",
        {
            "form": form,
            "page": paginate(request, opportunities),
            "several_organisations": request.scope.count() > 1,
        },
        section=SECTION,
    )


@organisation_view()
def opportunity_detail(request, pk):
    opportunity = get_in_scope(
        request, Opportunity.objects.select_related("organisation", "place"), pk=pk
    )
    return render_page(
        request,
        "backoffice/opportunities/detail.html",
        {
            **_public_context(opportunity, list(opportunity.areas.all())),
            "is_public": Opportunity.objects.visible().filter(pk=opportunity.pk).exists(),
        },
        section=SECTION,
    )


def _form_flow(request, opportunity, *, is_new):
    """The form, its preview and the save, in one place for create and edit. The preview
    carries every value in hidden fields, so "Edit more" returns to the form as it was."""
    template = "backoffice/opportunities/form.html"
    if request.method != "POST":
        initial = (
            {
                "contact_name": request.user.get_full_name(),
                "contact_email": request.user.email,
                "place": request.organisation.place_id,
            }
            if is_new
            else None
        )
        form = OpportunityForm(instance=opportunity, initial=initial, with_qualifications=True)
        return render_page(request, template, {"form": form, "is_new": is_new}, section=SECTION)

    form = OpportunityForm(request.POST, instance=opportunity, with_qualifications=True)
    step = request.POST.get("step", PREVIEW)
    if step == EDIT_MORE or not form.is_valid():
        return render_page(
            request,
            template,
            {"form": form, "is_new": is_new},
            section=SECTION,
            status=200 if step == EDIT_MORE or not form.errors else 400,
        )
    if step != SAVE:
        return render_page(
            request,
            "backoffice/opportunities/preview.html",
            {
                **_public_context(form.instance, form.cleaned_data["areas"]),
                "form": form,
                "is_new": is_new,
            },
            section=SECTION,
        )
    try:
        if is_new:
            opportunity = catalog.create_opportunity(
                organisation=request.organisation,
                areas=form.cleaned_data["areas"],
                **form.service_fields(),
            )
        else:
            opportunity = catalog.update_opportunity(
                opportunity=opportunity,
                areas=form.cleaned_data["areas"],
                **form.service_fields(),
            )
    except catalog.CatalogError as error:
        messages.error(request, str(error))
        return render_page(
            request, template, {"form": form, "is_new": is_new}, section=SECTION, status=400
        )
    if is_new:
        messages.success(
            request,
            _("The opportunity is saved as a draft. Publish it when you are ready."),
        )
    else:
        messages.success(request, _("Your changes are saved."))
    return redirect("backoffice:opportunity_detail", request.organisation.slug, opportunity.pk)


@organisation_view(MANAGE_OPPORTUNITIES)
def opportunity_create(request):
    return _form_flow(request, Opportunity(organisation=request.organisation), is_new=True)


@organisation_view(MANAGE_OPPORTUNITIES)
def opportunity_edit(request, pk):
    opportunity = get_in_scope(
        request, Opportunity.objects.select_related("organisation", "place"), pk=pk
    )
    return _form_flow(request, opportunity, is_new=False)


def _back_to(request, opportunity):
    return redirect("backoffice:opportunity_detail", request.organisation.slug, opportunity.pk)


@organisation_view(MANAGE_OPPORTUNITIES)
@require_POST
def opportunity_publish(request, pk):
    opportunity = get_in_scope(request, Opportunity.objects.all(), pk=pk)
    try:
        catalog.publish_opportunity(opportunity=opportunity)
    except catalog.CatalogError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The opportunity is published."))
    return _back_to(request, opportunity)


@organisation_view(MANAGE_OPPORTUNITIES)
@require_POST
def opportunity_pause(request, pk):
    opportunity = get_in_scope(request, Opportunity.objects.all(), pk=pk)
    try:
        catalog.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)
    except catalog.CatalogError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The opportunity is paused: it is hidden on the portal until you publish it again."),
        )
    return _back_to(request, opportunity)


@organisation_view(MANAGE_OPPORTUNITIES)
def opportunity_close(request, pk):
    """Closing is final, so it asks first (GET) and closes on the POST."""
    opportunity = get_in_scope(request, Opportunity.objects.select_related("organisation"), pk=pk)
    if request.method == "POST":
        try:
            catalog.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.CLOSED)
        except catalog.CatalogError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The opportunity is closed."))
        return _back_to(request, opportunity)
    return render_page(
        request,
        "backoffice/opportunities/close.html",
        {"opportunity": opportunity},
        section=SECTION,
    )
