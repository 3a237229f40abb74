"""The public, read-only open-data endpoints. No authentication: everything here is already on
the public portal.

Each view validates with a Django form (the opportunity search uses the portal's own
`SearchForm`, so the portal and the API accept and reject exactly the same input with the same
translated messages), calls the catalogue's query functions and serialises through
`schemas.py`."""

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from frivillig.api.schemas import (
    AreaOut,
    ErrorOut,
    OpportunityDetailOut,
    OpportunityPage,
    OpportunitySearchParams,
    OrganisationDetailOut,
    OrganisationPage,
    OrganisationSearchParams,
    PlaceOut,
    ValidationErrorOut,
)
from frivillig.catalog.forms import SearchForm
from frivillig.catalog.models import Area, Place
from frivillig.catalog.queries import (
    MAX_QUERY_LENGTH,
    OpportunityFilters,
    areas_with_counts,
    for_list,
    search_opportunities,
)
from frivillig.organisations.models import Organisation, OrganisationKind

router = Router(tags=["Open data"])


class ApiError(Exception):
    """Ends a request with a JSON error; `detail` (and `errors`) are already translated."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors

    def as_dict(self) -> dict:
        body = {"detail": self.detail}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def _invalid(form: forms.Form) -> ApiError:
    errors = {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }
    return ApiError(400, _("Some of the query parameters are not valid."), errors)


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "").strip() or "1"
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise ApiError(
            400,
            _("Some of the query parameters are not valid."),
            {"page": [_("Write the page as a whole number from 1.")]},
        )
    return number


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _paginate(request: HttpRequest, qs) -> dict:
    """One page of `qs` in the envelope every list shares. Costs a COUNT and one query for the
    rows (plus whatever `qs` prefetches), whatever the page size."""
    number = _page_number(request)
    paginator = Paginator(qs, settings.CATALOG_PAGE_SIZE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            404,
            _("Page %(page)d does not exist; the last page is %(pages)d.")
            % {"page": number, "pages": paginator.num_pages},
        ) from None
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": page.object_list,
    }


# Areas and places --------------------------------------------------------------------------


@router.get("/areas", response=list[AreaOut], summary="Areas of volunteering")
def list_areas(request):
    """Every area (fagområde), also those without opportunities right now, with the number
    of opportunities visible on the portal."""
    return areas_with_counts()


@router.get("/places", response=list[PlaceOut], summary="Towns of the municipality")
def list_places(request):
    """The towns and districts used for search by town, postal code and distance."""
    return Place.objects.all()


# Organisations -----------------------------------------------------------------------------


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": gettext_lazy(
                "The search text can be at most %(limit_value)d characters long (it has "
                "%(show_value)d)."
            )
        },
    )
    kind = forms.ChoiceField(required=False, choices=[("", ""), *OrganisationKind.choices])
    area = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", ""), *Area.objects.values_list("slug", "slug")]
        for name in ("kind", "area"):
            self.fields[name].error_messages["invalid_choice"] = gettext_lazy(
                "“%(value)s” is not one of the choices."
            )


@router.get(
    "/organisations",
    response={200: OrganisationPage, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Organisations",
)
def list_organisations(request, params: Query[OrganisationSearchParams]):
    """Organisations approved by the municipality, by name."""
    form = OrganisationFilterForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    data = form.cleaned_data
    qs = Organisation.objects.approved().select_related("place").order_by("name", "pk")
    if data["q"]:
        qs = qs.filter(name__icontains=data["q"])
    if data["kind"]:
        qs = qs.filter(kind=data["kind"])
    if data["area"]:
        offering = search_opportunities(OpportunityFilters(areas=(data["area"],)))
        qs = qs.filter(pk__in=offering.values("organisation_id"))
    return _paginate(request, qs)


@router.get(
    "/organisations/{slug:slug}",
    response={200: OrganisationDetailOut, 404: ErrorOut},
    summary="One organisation",
)
def get_organisation(request, slug: str):
    organisation = Organisation.objects.approved().select_related("place").filter(slug=slug).first()
    if organisation is None:
        raise ApiError(404, _("There is no organisation “%(slug)s”.") % {"slug": slug})
    organisation.opportunity_count = search_opportunities(
        OpportunityFilters(organisation_id=organisation.pk)
    ).count()
    return organisation


# Opportunities -----------------------------------------------------------------------------


@router.get(
    "/opportunities",
    response={200: OpportunityPage, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Search volunteer opportunities",
)
def list_opportunities(request, params: Query[OpportunitySearchParams]):
    """The portal's search, with the same parameters, rules and order. `distance_km` is set
    when `postal_code` is given."""
    form = SearchForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    return _paginate(request, for_list(search_opportunities(form.to_filters())))


@router.get(
    "/opportunities/{slug:slug}",
    response={200: OpportunityDetailOut, 404: ErrorOut},
    summary="One volunteer opportunity",
)
def get_opportunity(request, slug: str):
    opportunity = for_list(search_opportunities(OpportunityFilters())).filter(slug=slug).first()
    if opportunity is None:
        raise ApiError(404, _("There is no published opportunity “%(slug)s”.") % {"slug": slug})
    return opportunity
