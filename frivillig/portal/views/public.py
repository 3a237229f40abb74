"""The public portal: the municipality's single entry point to volunteering. No log-in."""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers

from frivillig.catalog.forms import SearchForm
from frivillig.catalog.models import Area, Opportunity, Place
from frivillig.catalog.queries import (
    OpportunityFilters,
    Sort,
    areas_with_counts,
    hydrate_list,
    nearest_ids,
    newest_opportunities,
    one_per_joint_effort,
    search_opportunities,
    urgent_opportunities,
)
from frivillig.organisations.models import Organisation
from frivillig.portal import presenters
from frivillig.portal.pagination import BadPage, get_page


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "form": SearchForm(),
            "areas": areas_with_counts(),
            "urgent": urgent_opportunities(),
            "newest": newest_opportunities(),
            "opportunity_count": Opportunity.objects.visible().count(),
            "organisation_count": Organisation.objects.approved().count(),
        },
    )


def _results_context(request, filters: OpportunityFilters):
    results = search_opportunities(filters)
    if not filters.organisation_id:
        # An organisation's own page still lists all of its opportunities.
        results = one_per_joint_effort(results)
    options = {"hydrate": hydrate_list}
    if filters.effective_sort == Sort.NEAREST:
        options["fetch_ids"] = partial(nearest_ids, results, filters.origin, filters.distance_km)
    page = get_page(results, request.GET.get("page"), **options)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "query_string": query.urlencode(),
        "filters": filters,
        "show_distance": filters.origin is not None,
    }


def search(request):
    form = SearchForm(data=request.GET or None)
    context = {"form": form, "nav": "search", "page": None}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.to_filters() if form.is_bound else OpportunityFilters()
        try:
            context.update(_results_context(request, filters))
        except BadPage as error:
            context["page_error"], status = str(error), error.status
    if request.headers.get("HX-Request"):
        # htmx swaps only successful responses; the fragment carries its own error message.
        template, status = "portal/_results.html", 200
        context["htmx"] = True
    else:
        template = "portal/search.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.visible()
        .select_related("organisation", "place")
        .prefetch_related("areas"),
        slug=slug,
    )
    joint = []
    if opportunity.joint_effort_id:
        joint = list(
            Opportunity.objects.visible()
            .filter(joint_effort_id=opportunity.joint_effort_id)
            .exclude(pk=opportunity.pk)
            .select_related("organisation", "joint_effort")
            .only("slug", "title", "title_en", "organisation__name", "joint_effort__title")
            .order_by("pk")
        )
    return render(
        request,
        "portal/opportunity.html",
        {
            "opportunity": opportunity,
            "requirements": presenters.requirements(opportunity),
            "offers": presenters.offers(opportunity),
            "suitability": presenters.suitability(opportunity),
            "time_commitment": presenters.time_commitment(opportunity),
            "json_ld": presenters.json_ld(opportunity, settings.SITE_URL),
            "joint": joint,
            "nav": "search",
        },
    )


def organisation_list(request):
    visible = Opportunity.objects.visible()
    organisations = (
        Organisation.objects.approved()
        .select_related("place")
        .annotate(open_count=Count("opportunities", filter=Q(opportunities__in=visible)))
        .order_by("name")
    )
    letter = request.GET.get("q", "")[:100].strip()
    if letter:
        organisations = organisations.filter(name__icontains=letter)
    try:
        page = get_page(
            organisations, request.GET.get("page"), per_page=40, paginator_class=Paginator
        )
    except BadPage as error:
        return render(
            request,
            "portal/organisations.html",
            {"page_error": str(error), "nav": "organisations", "q": letter},
            status=error.status,
        )
    return render(
        request, "portal/organisations.html", {"page": page, "nav": "organisations", "q": letter}
    )


def _listing(request, template, filters, extra):
    try:
        context = _results_context(request, filters)
        status = 200
    except BadPage as error:
        context, status = {"page_error": str(error), "page": None}, error.status
    context.update(extra)
    return render(request, template, context, status=status)


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.approved().select_related("place", "parent"), slug=slug
    )
    return _listing(
        request,
        "portal/organisation.html",
        OpportunityFilters(organisation_id=organisation.pk),
        {"organisation": organisation, "nav": "organisations"},
    )


def area_detail(request, slug):
    area = get_object_or_404(Area, slug=slug)
    return _listing(
        request, "portal/area.html", OpportunityFilters(areas=(area.slug,)), {"area": area}
    )


def place_detail(request, slug):
    place = get_object_or_404(Place, slug=slug)
    return _listing(
        request, "portal/place.html", OpportunityFilters(town=place.slug), {"place": place}
    )
