"""Agreements in the API: the municipality's framework and the verification of a signed
document for anyone, and an organisation's agreements for its own systems (API token).

The public part shows what the portal shows: the published framework, and for a document's
code and hash only what `agreements.services.verify` lets out (organisations, version, status,
dates; never a person's name).

The organisation's part is read-only (signing is a person's act, done in the back office or on
"Min side") and starts every query from the token's scope (organisation.py), so another
organisation's agreement is a 404. Reading one individual agreement is logged as a read of the
volunteer's personal data, like reading an engagement."""

from datetime import date, datetime
from typing import Literal

from django import forms
from django.core.validators import RegexValidator
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from frivillig.accounts.services import record_personal_data_read
from frivillig.agreements import services
from frivillig.agreements.models import (
    AgreementStatus,
    AgreementTemplate,
    CooperationAgreement,
    CooperationStatus,
    FrameworkVersion,
    IndividualAgreement,
)
from frivillig.api.auth import api_token_auth
from frivillig.api.organisation import _scope, _status_filter
from frivillig.api.public import ApiError, _invalid, _paginate
from frivillig.api.schemas import (
    ErrorOut,
    OrganisationRef,
    PageOut,
    ValidationErrorOut,
    VolunteerRef,
)

router = Router(tags=["Agreements"])
org_router = Router(tags=["Organisation (API token)"], auth=api_token_auth)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


# Schemas -----------------------------------------------------------------------------------

AgreementStatusValue = Literal[
    "draft", "awaiting_volunteer", "awaiting_organisation", "signed", "superseded", "ended"
]
CooperationStatusValue = Literal["draft", "awaiting", "active", "superseded", "ended"]
LanguageValue = Literal["da", "en"]


class FrameworkRef(Schema):
    version: str
    title: str
    adopted_on: date


class FrameworkVersionOut(FrameworkRef):
    current: bool = Field(description="The version new agreements are made under.")


class FrameworkOut(FrameworkRef):
    definition: str = Field(description="The strategy's definition of a volunteer.")
    openness: str = Field(description="Openness and access.")
    agreements: str = Field(description="Agreements and expectations.")
    body: str = Field(description="The full text, or the foreword; may be empty.")
    versions: list[FrameworkVersionOut] = Field(
        description="Every published version, newest first."
    )


class VerificationOut(Schema):
    kind: str = Field(description="The kind of document, in the language of the request.")
    organisation_names: list[str] = Field(description="The organisations that are parties.")
    version: int
    framework: str = Field(description="The framework the document was made under.")
    status: str = Field(description="The document's status, in the language of the request.")
    signed_dates: list[datetime] = Field(description="When each party signed, so far.")
    matches: bool = Field(
        description="Whether `sha256` is the hash of the text that was signed: false means "
        "that the copy in hand is not the signed text."
    )


class TemplateOut(Schema):
    id: int
    name: str
    language: LanguageValue
    organisation: OrganisationRef | None = Field(
        description="Null for the municipality's default templates."
    )
    introduction: str
    training: str
    expenses: str
    volunteer_expectations: list[str] = Field(
        description="What the organisation can expect of the volunteer."
    )
    organisation_expectations: list[str] = Field(
        description="What the volunteer can expect of the organisation."
    )
    confidentiality: str
    child_certificate: str
    ending: str
    created_at: datetime

    @staticmethod
    def resolve_volunteer_expectations(obj) -> list[str]:
        return _lines(obj.volunteer_expectations)

    @staticmethod
    def resolve_organisation_expectations(obj) -> list[str]:
        return _lines(obj.organisation_expectations)


class TemplatePage(PageOut):
    results: list[TemplateOut]


def _hash(obj) -> str | None:
    return obj.sha256 or None


class AgreementOut(Schema):
    id: int
    version: int
    status: AgreementStatusValue
    organisation: OrganisationRef
    volunteer: VolunteerRef
    engagement_id: int | None
    language: LanguageValue
    code: str = Field(description="The verification code printed on the document.")
    sha256: str | None = Field(description="SHA-256 of the signed text; null for a draft.")
    previous_id: int | None = Field(description="The version this one replaces, if any.")
    sent_at: datetime | None
    volunteer_signed_at: datetime | None
    organisation_signed_at: datetime | None
    ended_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_sha256(obj) -> str | None:
        return _hash(obj)


class AgreementDetailOut(AgreementOut):
    framework: FrameworkRef
    next_id: int | None = Field(description="The newer version that replaces this one, if any.")
    task: str
    time_and_place: str
    contact_person: str
    introduction: str
    training: str
    expenses: str
    insurance: str
    confidentiality: str
    child_certificate_required: bool
    child_certificate: str
    volunteer_expectations: list[str]
    organisation_expectations: list[str]
    ending: str
    organisation_signer_name: str
    rendered_text: str | None = Field(
        description="The exact text sent for signing, whose hash is `sha256`; null for a draft."
    )

    @staticmethod
    def resolve_next_id(obj) -> int | None:
        newer = IndividualAgreement.objects.filter(previous=obj).values_list("pk", flat=True)
        return newer.first()

    @staticmethod
    def resolve_volunteer_expectations(obj) -> list[str]:
        return _lines(obj.volunteer_expectations)

    @staticmethod
    def resolve_organisation_expectations(obj) -> list[str]:
        return _lines(obj.organisation_expectations)

    @staticmethod
    def resolve_rendered_text(obj) -> str | None:
        return obj.rendered_text or None


class AgreementPage(PageOut):
    results: list[AgreementOut]


class CooperationOut(Schema):
    id: int
    version: int
    status: CooperationStatusValue
    title: str
    municipal_unit: OrganisationRef
    partner: OrganisationRef
    starts_on: date
    review_on: date
    due_for_review: bool = Field(
        description="Active, with the review date less than two months away (or passed)."
    )
    ended_on: date | None
    code: str = Field(description="The verification code printed on the document.")
    sha256: str | None = Field(description="SHA-256 of the signed text; null for a draft.")
    previous_id: int | None = Field(description="The version this one replaces, if any.")
    sent_at: datetime | None
    unit_signed_at: datetime | None
    partner_signed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_sha256(obj) -> str | None:
        return _hash(obj)


class CooperationDetailOut(CooperationOut):
    framework: FrameworkRef
    next_id: int | None = Field(description="The newer version that replaces this one, if any.")
    purpose: str
    volunteer_tasks: str = Field(description="What volunteers do.")
    staff_tasks: str = Field(description="What staff do.")
    unit_provides: str
    partner_provides: str
    unit_contact: str
    partner_contact: str
    unit_signer_name: str
    partner_signer_name: str
    rendered_text: str | None = Field(
        description="The exact text sent for signing, whose hash is `sha256`; null for a draft."
    )

    @staticmethod
    def resolve_next_id(obj) -> int | None:
        newer = CooperationAgreement.objects.filter(previous=obj).values_list("pk", flat=True)
        return newer.first()

    @staticmethod
    def resolve_rendered_text(obj) -> str | None:
        return obj.rendered_text or None


class CooperationPage(PageOut):
    results: list[CooperationOut]


# Query parameters: plain strings for the document; the views validate them with forms, so a
# mistake is a 400 with a message per parameter, like the rest of the API.


class PageParams(Schema):
    page: str | None = Field(None, description="Page number, from 1.")


class VerifyParams(Schema):
    code: str | None = Field(None, description="The code printed on the document.")
    sha256: str | None = Field(
        None, description="SHA-256 of the text in hand, 64 hexadecimal characters."
    )


class AgreementParams(Schema):
    status: str | None = Field(
        None,
        description="Only agreements with this status: 'draft', 'awaiting_volunteer', "
        "'awaiting_organisation', 'signed', 'superseded' or 'ended'.",
    )
    engagement: str | None = Field(None, description="Only agreements for this engagement id.")
    page: str | None = Field(None, description="Page number, from 1.")


class CooperationParams(Schema):
    status: str | None = Field(
        None,
        description="Only agreements with this status: 'draft', 'awaiting', 'active', "
        "'superseded' or 'ended'.",
    )
    page: str | None = Field(None, description="Page number, from 1.")


class VerifyForm(forms.Form):
    code = forms.CharField(max_length=40)
    sha256 = forms.CharField(
        max_length=80,
        validators=[
            RegexValidator(
                r"^\s*[0-9a-fA-F]{64}\s*$",
                gettext_lazy("Write the SHA-256 as 64 hexadecimal characters."),
            )
        ],
    )


class EngagementFilterForm(forms.Form):
    engagement = forms.IntegerField(required=False, min_value=1)


# Public ------------------------------------------------------------------------------------


@router.get(
    "/framework",
    response={200: FrameworkOut, 404: ErrorOut},
    summary="The municipality's framework for volunteering",
)
def get_framework(request):
    """The current published version of the municipality's volunteer strategy, the framework
    every local and individual agreement is made under, and the list of published versions."""
    versions = list(FrameworkVersion.objects.filter(published=True).order_by("-adopted_on", "-pk"))
    if not versions:
        raise ApiError(404, _("The municipality has not published its framework yet."))
    current = versions[0]
    fields = ("version", "title", "adopted_on", "definition", "openness", "agreements", "body")
    return {
        **{name: getattr(current, name) for name in fields},
        "versions": [
            {
                "version": v.version,
                "title": v.title,
                "adopted_on": v.adopted_on,
                "current": v.pk == current.pk,
            }
            for v in versions
        ],
    }


@router.get(
    "/agreements/verify",
    response={200: VerificationOut, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Verify a signed agreement",
)
def verify_agreement(request, params: Query[VerifyParams]):
    """Look up an agreement sent for signing by the code printed on it, and say whether
    `sha256` is the hash of its signed text. Shows no person's name or contact details."""
    form = VerifyForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    result = services.verify(code=form.cleaned_data["code"], sha256=form.cleaned_data["sha256"])
    if result is None:
        raise ApiError(404, _("No agreement has this code."))
    return result


# The organisation's (token) ----------------------------------------------------------------

ORG_ERRORS = {401: ErrorOut, 404: ErrorOut}


@org_router.get(
    "/agreement-templates",
    response={200: TemplatePage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Agreement templates",
)
def list_templates(request, params: Query[PageParams]):
    """The municipality's default templates for individual agreements (`organisation` null),
    and those of the organisation, of those above it, and of those below it."""
    organisation = request.auth.organisation
    qs = (
        AgreementTemplate.objects.filter(
            Q(organisation__isnull=True)
            | Q(organisation__in=_scope(request))
            | Q(organisation_id__in=organisation.ancestor_ids())
        )
        .select_related("organisation")
        .order_by(F("organisation_id").asc(nulls_first=True), "name", "pk")
    )
    return _paginate(request, qs)


def _agreements(request: HttpRequest):
    return IndividualAgreement.objects.filter(organisation__in=_scope(request)).select_related(
        "organisation", "volunteer"
    )


@org_router.get(
    "/agreements",
    response={200: AgreementPage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Individual agreements",
)
def list_agreements(request, params: Query[AgreementParams]):
    """The volunteers' agreements with the organisation and those below it, every version,
    newest first. Names only: the text is in each agreement, where reading it is logged."""
    qs = _agreements(request).order_by("-created_at", "-pk")
    status = _status_filter(request, AgreementStatus.choices)
    if status:
        qs = qs.filter(status=status)
    form = EngagementFilterForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    if form.cleaned_data["engagement"] is not None:
        qs = qs.filter(engagement_id=form.cleaned_data["engagement"])
    return _paginate(request, qs)


@org_router.get(
    "/agreements/{int:agreement_id}",
    response={200: AgreementDetailOut, **ORG_ERRORS},
    summary="One individual agreement, with its text",
)
def get_agreement(request, agreement_id: int):
    """Reading this is logged as a read of the volunteer's personal data."""
    agreement = _agreements(request).select_related("framework").filter(pk=agreement_id).first()
    if agreement is None:
        raise ApiError(404, _("There is no agreement with id %(id)d.") % {"id": agreement_id})
    record_personal_data_read(
        staff=None,
        volunteer=agreement.volunteer,
        organisation=agreement.organisation,
        what="api:agreement",
    )
    return agreement


def _cooperations(request: HttpRequest):
    scope = _scope(request)
    return CooperationAgreement.objects.filter(
        Q(municipal_unit__in=scope) | Q(partner__in=scope)
    ).select_related("municipal_unit", "partner")


@org_router.get(
    "/cooperation-agreements",
    response={200: CooperationPage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Local cooperation agreements",
)
def list_cooperations(request, params: Query[CooperationParams]):
    """Cooperation agreements in which the organisation, or one below it, is the municipal
    unit or the partner, every version, soonest review first."""
    qs = _cooperations(request).order_by("review_on", "pk")
    status = _status_filter(request, CooperationStatus.choices)
    if status:
        qs = qs.filter(status=status)
    return _paginate(request, qs)


@org_router.get(
    "/cooperation-agreements/{int:cooperation_id}",
    response={200: CooperationDetailOut, **ORG_ERRORS},
    summary="One local cooperation agreement, with its text",
)
def get_cooperation(request, cooperation_id: int):
    cooperation = (
        _cooperations(request).select_related("framework").filter(pk=cooperation_id).first()
    )
    if cooperation is None:
        raise ApiError(
            404,
            _("There is no cooperation agreement with id %(id)d.") % {"id": cooperation_id},
        )
    return cooperation
