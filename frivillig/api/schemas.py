"""What the public API returns. Fields are named once here, so the list and the detail of a thing
cannot drift apart, and nothing internal (search documents, approval flags, people's private
contact details) can leak by accident: a field that is not declared here is never serialised."""

from datetime import date, datetime
from typing import Literal

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


# The organisation's API (token) ------------------------------------------------------------
# Opportunities are read and written in one flat shape with the same field names, so that a
# client can GET an opportunity, change a field and PATCH it back.

OpportunityKindValue = Literal["recurring", "one_off", "event"]
OpportunityStatusValue = Literal["draft", "published", "paused", "closed"]
ApplicationStatusValue = Literal["pending", "accepted", "declined", "withdrawn"]
EngagementStatusValue = Literal["active", "paused", "ended"]


class OpportunityFieldsOut(Schema):
    title: str
    title_en: str
    description: str
    description_en: str
    areas: list[str] = Field(description="Slugs of the opportunity's areas.")
    place: str | None = Field(description="Slug of the town, or null.")
    address: str
    is_flexible_location: bool
    kind: OpportunityKindValue
    hours_per_month: int | None
    hours_total: int | None
    start_date: date | None
    end_date: date | None
    volunteers_wanted: int
    is_urgent: bool
    target_group: str
    target_group_en: str
    min_age: int | None
    requires_child_certificate: bool
    requires_driving_licence: bool
    languages: str
    skills: str
    suits_young: bool
    suits_seniors: bool
    suits_families: bool
    suits_english_speakers: bool
    wheelchair_accessible: bool
    offers_training: bool
    covers_expenses: bool
    offers_insurance: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    publish_from: datetime | None
    publish_until: datetime | None

    @staticmethod
    def resolve_areas(obj) -> list[str]:
        return [area.slug for area in obj.areas.all()]

    @staticmethod
    def resolve_place(obj) -> str | None:
        return obj.place.slug if obj.place_id else None


class OrgOpportunityOut(OpportunityFieldsOut):
    id: int
    slug: str
    url: str = Field(description="The page on the public portal (visible once published).")
    status: OpportunityStatusValue
    organisation: OrganisationRef
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url(obj)


class OrgOpportunityPage(PageOut):
    results: list[OrgOpportunityOut]


# Bodies are documented here and validated by the views with the back office's rules, so that
# every mistake comes back as a 400 with messages per field rather than ninja's 422.


class OpportunityPatchIn(Schema):
    """Any of the opportunity's fields; only those sent change."""

    title: str = Field(None, max_length=160)
    title_en: str = Field(None, max_length=160)
    description: str = Field(None)
    description_en: str = Field(None)
    areas: list[str] = Field(None, description="Area slugs; at least one.")
    place: str | None = Field(None, description="Town slug; required unless flexible.")
    address: str = Field(None, max_length=200)
    is_flexible_location: bool = Field(None)
    kind: OpportunityKindValue = Field(None)
    hours_per_month: int | None = Field(None, ge=0, le=32767)
    hours_total: int | None = Field(None, ge=0, le=32767)
    start_date: date | None = Field(None)
    end_date: date | None = Field(None, description="On or after `start_date`.")
    volunteers_wanted: int = Field(None, ge=1, le=999)
    is_urgent: bool = Field(None)
    target_group: str = Field(None, max_length=200)
    target_group_en: str = Field(None, max_length=200)
    min_age: int | None = Field(None, ge=0, le=100)
    requires_child_certificate: bool = Field(None)
    requires_driving_licence: bool = Field(None)
    languages: str = Field(None, max_length=200)
    skills: str = Field(None, max_length=300)
    suits_young: bool = Field(None)
    suits_seniors: bool = Field(None)
    suits_families: bool = Field(None)
    suits_english_speakers: bool = Field(None)
    wheelchair_accessible: bool = Field(None)
    offers_training: bool = Field(None)
    covers_expenses: bool = Field(None)
    offers_insurance: bool = Field(None)
    contact_name: str = Field(None, max_length=200)
    contact_email: str = Field(None, max_length=254)
    contact_phone: str = Field(None, max_length=30)
    publish_from: datetime | None = Field(None)
    publish_until: datetime | None = Field(None, description="On or after `publish_from`.")


OPPORTUNITY_EXAMPLE = {
    "title": "Besøgsven for en ældre borger i Nibe",
    "description": "Kom på besøg hos en ældre borger en gang om ugen: en kop kaffe, en gåtur.",
    "areas": ["aeldre"],
    "place": "nibe",
    "kind": "recurring",
    "hours_per_month": 4,
    "target_group": "Ensomme ældre",
    "contact_name": "Karen Kontakt",
    "contact_email": "karen@example.dk",
}


class OpportunityCreateIn(OpportunityPatchIn):
    """A new opportunity. It is saved as a draft: publish it with `.../publish`."""

    title: str = Field(..., max_length=160)
    description: str
    areas: list[str] = Field(..., description="Area slugs; at least one.")
    kind: OpportunityKindValue
    target_group: str = Field(..., max_length=200)
    contact_name: str = Field(..., max_length=200)
    organisation: str | None = Field(
        None,
        description="Slug of the token's organisation or one below it; the token's own "
        "organisation when left out.",
    )


class OpportunityRef(Schema):
    id: int
    slug: str
    title: str


class VolunteerRef(Schema):
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.get_full_name()


def _profile_value(user, name: str, default):
    profile = getattr(user, "profile", None)
    return getattr(profile, name) if profile is not None else default


class VolunteerContactOut(VolunteerRef):
    """What the organisation needs to reach the volunteer. Reading it is logged."""

    email: str
    phone: str
    postal_code: str
    languages: str
    skills: str
    has_driving_licence: bool

    @staticmethod
    def resolve_phone(obj) -> str:
        return _profile_value(obj, "phone", "")

    @staticmethod
    def resolve_postal_code(obj) -> str:
        return _profile_value(obj, "postal_code", "")

    @staticmethod
    def resolve_languages(obj) -> str:
        return _profile_value(obj, "languages", "")

    @staticmethod
    def resolve_skills(obj) -> str:
        return _profile_value(obj, "skills", "")

    @staticmethod
    def resolve_has_driving_licence(obj) -> bool:
        return _profile_value(obj, "has_driving_licence", False)


class OrgApplicationOut(Schema):
    id: int
    status: ApplicationStatusValue
    opportunity: OpportunityRef
    organisation: OrganisationRef
    volunteer: VolunteerRef
    created_at: datetime
    answered_at: datetime | None
    engagement_id: int | None = Field(description="The engagement made by accepting, if any.")

    @staticmethod
    def resolve_engagement_id(obj) -> int | None:
        engagement = getattr(obj, "engagement", None)
        return engagement.pk if engagement is not None else None


class OrgApplicationDetailOut(OrgApplicationOut):
    volunteer: VolunteerContactOut
    message: str
    availability: str
    answer: str
    question: str
    question_asked_at: datetime | None


class OrgApplicationPage(PageOut):
    results: list[OrgApplicationOut]


class OrgEngagementOut(Schema):
    id: int
    status: EngagementStatusValue
    opportunity: OpportunityRef
    organisation: OrganisationRef
    volunteer: VolunteerRef
    application_id: int | None
    started_at: datetime
    paused_at: datetime | None
    ended_at: datetime | None


class OrgEngagementDetailOut(OrgEngagementOut):
    volunteer: VolunteerContactOut


class OrgEngagementPage(PageOut):
    results: list[OrgEngagementOut]


class OrgListParams(Schema):
    status: str | None = Field(None, description="Only items with this status.")
    page: str | None = Field(None, description="Page number, from 1.")


class DeclineIn(Schema):
    message: str = Field(
        ..., min_length=1, max_length=2000, description="Sent to the volunteer by e-mail."
    )


class MessageIn(Schema):
    message: str = Field(
        "", max_length=2000, description="Sent to the volunteer by e-mail; may be empty."
    )


class QuestionIn(Schema):
    question: str = Field(
        ..., min_length=1, max_length=2000, description="Sent to the volunteer by e-mail."
    )


# The volunteer's own data (session) --------------------------------------------------------


class ProfileOut(Schema):
    phone: str
    postal_code: str
    birth_year: int | None
    interests: list[str] = Field(description="Slugs of the areas of interest.")
    available_weekdays: bool
    available_evenings: bool
    available_weekends: bool
    wants_one_off: bool
    wants_recurring: bool
    languages: str
    skills: str
    has_driving_licence: bool
    open_to_contact: bool
    language: Literal["da", "en"]

    @staticmethod
    def resolve_interests(obj) -> list[str]:
        return [area.slug for area in obj.interests.all()]


class MeOut(Schema):
    email: str
    first_name: str
    last_name: str
    profile: ProfileOut | None

    @staticmethod
    def resolve_profile(obj):
        return getattr(obj, "profile", None)


class MyOpportunityRef(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url(obj)


class MyApplicationOut(Schema):
    id: int
    status: ApplicationStatusValue
    opportunity: MyOpportunityRef
    organisation: OrganisationRef
    message: str
    availability: str
    created_at: datetime
    answered_at: datetime | None
    answer: str
    question: str
    question_asked_at: datetime | None


class MyEngagementOut(Schema):
    id: int
    status: EngagementStatusValue
    opportunity: MyOpportunityRef
    organisation: OrganisationRef
    started_at: datetime
    paused_at: datetime | None
    ended_at: datetime | None


class NoteIn(Schema):
    note: str = Field(
        "",
        max_length=2000,
        description="An optional note to the organisation. No reason is ever required.",
    )
