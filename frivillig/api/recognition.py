"""Recognition in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

The public part verifies a certificate by its code (only the frozen snapshot its holder chose
to hand out) and lists the award rounds open for nominations. Nominations are never public."""

from datetime import date, datetime

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import _scope, read_body, request_body, validate
from frivillig.api.public import ApiError
from frivillig.api.schemas import ErrorOut, ValidationErrorOut
from frivillig.engagements.models import Engagement
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, user_can
from frivillig.recognition import services
from frivillig.recognition.models import (
    NAME_MAX,
    REASON_MAX,
    THANKS_MAX,
    AwardRound,
    Certificate,
    CertificateLanguage,
    RoundStatus,
    Thanks,
    normalise_code,
)

router = Router(tags=["Recognition"])
me_router = Router(tags=["Recognition (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Recognition (organisation)"], auth=api_token_auth)

ME_ERRORS = {401: ErrorOut, 403: ErrorOut}
CHANGE = {400: ValidationErrorOut, 404: ErrorOut, 409: ErrorOut, **ME_ERRORS}


# Schemas -----------------------------------------------------------------------------------


class CertificateOut(Schema):
    code: str
    valid: bool = Field(description="Issued by the portal, unchanged and not revoked.")
    revoked: bool
    revoked_at: datetime | None
    issued_at: datetime
    language: str
    sha256: str = Field(description="SHA-256 of the canonical JSON of `content`.")
    content: dict = Field(
        description="The frozen snapshot: name, roles with periods, hours per organisation "
        "and in total, courses and thanks received. Dates are ISO 8601, hours decimal strings."
    )

    @staticmethod
    def resolve_valid(obj) -> bool:
        return obj.is_valid

    @staticmethod
    def resolve_revoked(obj) -> bool:
        return obj.revoked_at is not None


class MyCertificateOut(CertificateOut):
    id: int


class IssueIn(Schema):
    roles: list[str] | None = Field(
        None,
        description="Keys of the roles and courses to include (from GET /me/certificates "
        "`available`); leave out to include all.",
    )
    language: str = Field("da", description="da or en")


class AvailableOut(Schema):
    key: str
    kind: str
    title: str
    organisation: str
    start: date
    end: date | None


class MyCertificatesOut(Schema):
    certificates: list[MyCertificateOut]
    available: list[AvailableOut] = Field(description="What a new certificate can document.")


class ThanksOut(Schema):
    id: int
    organisation: str
    message: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.name


class AwardRoundOut(Schema):
    id: int
    title: str
    description: str
    opens_on: date
    closes_on: date


class NominationIn(Schema):
    nominee_name: str
    nominee_organisation: str = ""
    reason: str


class NominationOut(Schema):
    id: int
    round: int
    nominee_name: str
    nominee_organisation: str
    reason: str
    created_at: datetime

    @staticmethod
    def resolve_round(obj) -> int:
        return obj.round_id


class ThanksIn(Schema):
    engagement: int = Field(description="The id of the volunteer's engagement with you.")
    message: str


class ThanksCreatedOut(Schema):
    id: int
    engagement: int
    organisation: str
    message: str
    created_at: datetime


# Forms (the same limits as the pages) -------------------------------------------------------


def _issue_body(request: HttpRequest) -> tuple[set[str] | None, str]:
    """`roles` is a list of texts, which the shared form validator does not take."""
    body = read_body(request)
    errors = {
        key: [_("There is no such field.")] for key in body if key not in ("roles", "language")
    }
    roles = body.get("roles")
    if roles is not None and not (
        isinstance(roles, list) and all(isinstance(v, str) for v in roles)
    ):
        errors["roles"] = [_("Write a list of texts.")]
    language = body.get("language", CertificateLanguage.DA)
    if language not in CertificateLanguage.values:
        errors["language"] = [_("Choose Danish or English.")]
    if errors:
        raise ApiError(400, _("Some of the fields are not valid."), errors)
    return (set(roles) if roles is not None else None), language


class NominationForm(forms.Form):
    nominee_name = forms.CharField(max_length=NAME_MAX)
    nominee_organisation = forms.CharField(max_length=NAME_MAX, required=False)
    reason = forms.CharField(max_length=REASON_MAX)


class ThanksForm(forms.Form):
    engagement = forms.IntegerField()
    message = forms.CharField(max_length=THANKS_MAX)


def _conflict(action):
    try:
        return action()
    except services.RecognitionError as error:
        raise ApiError(409, str(error)) from None


# Public ------------------------------------------------------------------------------------


@router.get(
    "/certificates/{code}",
    response={200: CertificateOut, 404: ErrorOut},
    summary="Verify a volunteer certificate",
)
def verify_certificate(request, code: str):
    """The snapshot and whether it is valid. Codes are case- and dash-insensitive."""
    certificate = Certificate.objects.filter(code=normalise_code(code[:40])).first()
    if certificate is None:
        raise ApiError(404, _("No certificate has this code."))
    return certificate


@router.get("/award-rounds", response={200: list[AwardRoundOut]}, summary="Award rounds open now")
def open_award_rounds(request):
    today = timezone.localdate()
    return AwardRound.objects.filter(
        status=RoundStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    ).order_by("closes_on", "pk")


# Signed in ---------------------------------------------------------------------------------


@me_router.get("/certificates", response={200: MyCertificatesOut, **ME_ERRORS})
def my_certificates(request):
    from frivillig.recognition import queries

    record = queries.record_for(request.user)
    return {
        "certificates": list(Certificate.objects.filter(user=request.user)),
        "available": record.choices,
    }


@me_router.post(
    "/certificates",
    response={201: MyCertificateOut, **CHANGE},
    summary="Issue a certificate",
    openapi_extra=request_body(IssueIn, required=False),
)
def issue_certificate(request):
    keys, language = _issue_body(request)
    certificate = _conflict(
        lambda: services.issue_certificate(user=request.user, keys=keys, language=language)
    )
    return Status(201, certificate)


@me_router.get("/thanks", response={200: list[ThanksOut], **ME_ERRORS}, summary="My thanks")
def my_thanks(request):
    return Thanks.objects.filter(volunteer=request.user).select_related("organisation")


@me_router.post(
    "/award-rounds/{int:round_id}/nominations",
    response={201: NominationOut, **CHANGE},
    summary="Nominate a volunteer",
    openapi_extra=request_body(NominationIn),
)
def nominate(request, round_id: int):
    award_round = AwardRound.objects.exclude(status=RoundStatus.DRAFT).filter(pk=round_id).first()
    if award_round is None:
        raise ApiError(404, _("There is no award round with id %(id)d.") % {"id": round_id})
    data = validate(NominationForm, request).cleaned_data
    nomination = _conflict(
        lambda: services.nominate(award_round=award_round, nominator=request.user, **data)
    )
    return Status(201, nomination)


# Organisation (token) ----------------------------------------------------------------------


@org_router.post(
    "/thanks",
    response={
        201: ThanksCreatedOut,
        400: ValidationErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    summary="Thank a volunteer",
    openapi_extra=request_body(ThanksIn),
)
def thank(request: HttpRequest):
    """The volunteer is named by their engagement with the token's organisation (or one below
    it). Once a day per organisation and volunteer; the volunteer is told by e-mail."""
    token = request.auth
    if token.created_by is None or not user_can(
        token.created_by, token.organisation, MANAGE_APPLICATIONS
    ):
        raise ApiError(
            403,
            _(
                "This token cannot thank volunteers: the person who made it may no longer "
                "manage the organisation's volunteers."
            ),
        )
    data = validate(ThanksForm, request).cleaned_data
    engagement = (
        Engagement.objects.filter(organisation__in=_scope(request), pk=data["engagement"])
        .select_related("organisation", "volunteer")
        .first()
    )
    if engagement is None:
        raise ApiError(
            404, _("There is no engagement with id %(id)d.") % {"id": data["engagement"]}
        )
    thanks = _conflict(
        lambda: services.thank(
            organisation=engagement.organisation,
            volunteer=engagement.volunteer,
            author=token.created_by,
            message=data["message"],
        )
    )
    return Status(
        201,
        {
            "id": thanks.pk,
            "engagement": engagement.pk,
            "organisation": engagement.organisation.name,
            "message": thanks.message,
            "created_at": thanks.created_at,
        },
    )
