"""What the public API returns. Fields are named once here, so the list and the detail of a thing
cannot drift apart, and nothing internal (search documents, approval flags, people's private
contact details) can leak by accident: a field that is not declared here is never serialised."""

from datetime import date, datetime

from django.conf import settings
from ninja import Field, Schema

from frivillig.catalog.queries import SUITABILITY_FIELDS


def portal_url(obj) -> str:
    """The page on the public portal; absolute, because API clients live on other sites."""
    return settings.SITE_URL + obj.get_absolute_url()


# Errors ------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description="Messages per query parameter, in the language of the request."
    )


# Pagination --------------------------------------------------------------------------------


class PageOut(Schema):
    count: int = Field(description="Number of results on all pages together.")
    page: int
    pages: int
    next: str | None = Field(description="Absolute URL of the next page, or null.")
    previous: str | None = Field(description="Absolute URL of the previous page, or null.")


# Areas and places --------------------------------------------------------------------------


class AreaOut(Schema):
    slug: str
    name_da: str
    name_en: str
    description_da: str
    description_en: str
    opportunity_count: int = Field(description="Opportunities visible on the portal now.")


class PlaceRef(Schema):
    slug: str
    name: str
    postal_code: str
    setting: str = Field(description="'by' (city) or 'land' (countryside).")


class PlaceOut(PlaceRef):
    latitude: float
    longitude: float


# Organisations -----------------------------------------------------------------------------


class OrganisationRef(Schema):
    slug: str
    name: str


class OrganisationOut(OrganisationRef):
    url: str
    kind: str
    is_municipal: bool
    description_da: str
    description_en: str
    website: str
    place: PlaceRef | None

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url(obj)


class OrganisationDetailOut(OrganisationOut):
    address: str
    opportunity_count: int = Field(description="Opportunities visible on the portal now.")


class OrganisationPage(PageOut):
    results: list[OrganisationOut]


# Opportunities -----------------------------------------------------------------------------


class RequirementsOut(Schema):
    min_age: int | None
    requires_child_certificate: bool
    requires_driving_licence: bool
    languages: str
    skills: str


class SuitabilityOut(Schema):
    """Keyed like the `suitable` search filter, so a client can round-trip them."""

    young: bool
    seniors: bool
    families: bool
    english: bool
    wheelchair: bool


class OffersOut(Schema):
    training: bool
    expenses: bool
    insurance: bool


class OpportunityOut(Schema):
    slug: str
    url: str
    title: str
    title_en: str
    description: str
    description_en: str
    target_group: str
    target_group_en: str
    organisation: OrganisationRef
    areas: list[str] = Field(description="Slugs of the opportunity's areas.")
    place: PlaceRef | None
    is_flexible_location: bool
    latitude: float | None
    longitude: float | None
    distance_km: float | None = Field(
        description="Distance from the centre of `postal_code`, when one was given."
    )
    kind: str
    hours_per_month: int | None
    hours_total: int | None
    start_date: date | None
    end_date: date | None
    volunteers_wanted: int
    is_urgent: bool
    requirements: RequirementsOut
    suitable: SuitabilityOut
    offers: OffersOut
    contact_name: str
    published_at: datetime | None

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url(obj)

    @staticmethod
    def resolve_areas(obj) -> list[str]:
        # .all() so that the prefetch from `for_list` is used: no query per row.
        return [area.slug for area in obj.areas.all()]

    @staticmethod
    def resolve_distance_km(obj) -> float | None:
        distance = getattr(obj, "distance", None)
        return None if distance is None else round(distance, 1)

    @staticmethod
    def resolve_requirements(obj) -> dict:
        return {
            "min_age": obj.min_age,
            "requires_child_certificate": obj.requires_child_certificate,
            "requires_driving_licence": obj.requires_driving_licence,
            "languages": obj.languages,
            "skills": obj.skills,
        }

    @staticmethod
    def resolve_suitable(obj) -> dict:
        return {key: getattr(obj, name) for key, name in SUITABILITY_FIELDS.items()}

    @staticmethod
    def resolve_offers(obj) -> dict:
        return {
            "training": obj.offers_training,
            "expenses": obj.covers_expenses,
            "insurance": obj.offers_insurance,
        }


class OpportunityDetailOut(OpportunityOut):
    """The detail adds what the portal page shows anyway: the address and the contact's
    work e-mail and phone. The list leaves them out so that bulk harvesting gets no contact
    list of people."""

    address: str
    contact_email: str
    contact_phone: str


class OpportunityPage(PageOut):
    results: list[OpportunityOut]


# Query parameters --------------------------------------------------------------------------
# Declared as plain strings for the OpenAPI document only: the views validate request.GET with
# the same Django forms as the portal, so both reject the same input with the same messages,
# and ninja must not reject anything first with a different (422) answer.


class OpportunitySearchParams(Schema):
    q: str | None = Field(None, description="Free text, at most 200 characters.")
    area: list[str] | None = Field(None, description="Area slug; repeat for several areas.")
    town: str | None = Field(None, description="Place slug.")
    postal_code: str | None = Field(
        None, description="Four digits; a postal code of a town in the municipality."
    )
    distance: str | None = Field(
        None, description="Whole kilometres (1-100) from the centre of `postal_code`."
    )
    setting: str | None = Field(None, description="'by' (city) or 'land' (countryside).")
    kind: list[str] | None = Field(
        None, description="'recurring', 'one_off' or 'event'; repeatable."
    )
    commitment: str | None = Field(None, description="'light', 'medium' or 'heavy'.")
    suitable: list[str] | None = Field(
        None,
        description="'young', 'seniors', 'families', "
        "'english' or 'wheelchair'; "
        "repeatable; all must hold.",
    )
    no_child_certificate: str | None = Field(
        None, description="'true' to leave out opportunities that require a child certificate."
    )
    sort: str | None = Field(
        None, description="'relevance', 'newest', 'nearest' (needs `postal_code`) or 'soonest'."
    )
    page: str | None = Field(None, description="Page number, from 1.")


class OrganisationSearchParams(Schema):
    q: str | None = Field(None, description="Part of the organisation's name.")
    kind: str | None = Field(
        None, description="'department', 'unit', 'institution', 'association' or 'partner'."
    )
    area: str | None = Field(
        None, description="Area slug: organisations with a visible opportunity in that area."
    )
    page: str | None = Field(None, description="Page number, from 1.")
