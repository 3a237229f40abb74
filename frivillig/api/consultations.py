"""Consultations in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

The public part shows published consultations with their sections, public comments and the
published response. A private comment is never in it, not even for its author: the author
reads it under /me/consultation-comments. Comments go through the same service as the portal,
so the deadline and the on-behalf-of rule are the same."""

import json
from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.public import ApiError
from frivillig.api.schemas import ErrorOut, OrganisationRef, ValidationErrorOut
from frivillig.dialog.consultations import queries, services
from frivillig.dialog.consultations.models import COMMENT_MAX, Comment, Consultation
from frivillig.dialog.consultations.models import Status as ConsultationStatus
from frivillig.organisations.models import Organisation

router = Router(tags=["Consultations"])
me_router = Router(tags=["Consultations (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Consultations (organisation)"], auth=api_token_auth)

ERRORS = {401: ErrorOut, 403: ErrorOut}
PhaseValue = Literal["open", "closed", "answered"]


# Schemas -----------------------------------------------------------------------------------


class ConsultationOut(Schema):
    slug: str
    title: str
    summary: str
    phase: PhaseValue = Field(
        description="open: comments are taken until closes_at; closed: the deadline has "
        "passed and the response is awaited; answered: the response is published."
    )
    opens_on: date
    closes_at: datetime
    response_published_at: datetime | None
    public_comment_count: int
    url: str = Field(description="The consultation's page on the portal.")


class PublicCommentOut(Schema):
    id: int
    author_first_name: str = Field(description="The author's first name only.")
    on_behalf_of: OrganisationRef | None
    body: str
    created_at: datetime


class SectionOut(Schema):
    number: int
    heading: str
    body: str = Field(description="Plain text; paragraphs are separated by an empty line.")
    comments: list[PublicCommentOut] = Field(description="Public comments, oldest first.")


class ConsultationDetailOut(ConsultationOut):
    response: str | None = Field(description="The municipality's response once published.")
    sections: list[SectionOut]


class CommentIn(Schema):
    body: str = Field(max_length=COMMENT_MAX)
    public: bool = Field(
        description="true: shown on the portal and in the API with your first name; false: "
        "only the municipality reads it."
    )
    on_behalf_of: str | None = Field(
        None, description="Slug of an organisation you are staff of, or null."
    )


class MyCommentOut(Schema):
    id: int
    consultation_slug: str
    consultation_title: str
    section_number: int
    section_heading: str
    public: bool
    on_behalf_of: OrganisationRef | None
    body: str
    created_at: datetime


# Helpers -----------------------------------------------------------------------------------


def _summary(consultation: Consultation) -> dict:
    return {
        "slug": consultation.slug,
        "title": consultation.title,
        "summary": consultation.summary,
        "phase": consultation.phase,
        "opens_on": consultation.opens_on,
        "closes_at": consultation.closes_at,
        "response_published_at": consultation.response_published_at,
        "public_comment_count": consultation.public_comment_count,
        "url": settings.SITE_URL + consultation.get_absolute_url(),
    }


def _org(organisation) -> dict | None:
    return None if organisation is None else {"slug": organisation.slug, "name": organisation.name}


def _no_consultation(slug: str) -> ApiError:
    return ApiError(404, _("There is no published consultation “%(slug)s”.") % {"slug": slug})


def _mine(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "consultation_slug": comment.section.consultation.slug,
        "consultation_title": comment.section.consultation.title,
        "section_number": comment.section.number,
        "section_heading": comment.section.heading,
        "public": comment.public,
        "on_behalf_of": _org(comment.on_behalf_of),
        "body": comment.body,
        "created_at": comment.created_at,
    }


# Public ------------------------------------------------------------------------------------


@router.get("/consultations", response=list[ConsultationOut], summary="Consultations")
def consultation_list(request):
    """Published consultations: the open ones first (soonest deadline first), then the closed
    and answered ones."""
    return [_summary(c) for c in queries.published()]


@router.get(
    "/consultations/{slug}",
    response={200: ConsultationDetailOut, 404: ErrorOut},
    summary="One consultation",
)
def consultation_detail(request, slug: str):
    """The sections with their public comments, and the response once it is published."""
    consultation = (
        Consultation.objects.filter(slug=slug, status=ConsultationStatus.PUBLISHED)
        .annotate(
            public_comment_count=Count(
                "sections__comments", filter=Q(sections__comments__public=True)
            )
        )
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=queries.sections_queryset().prefetch_related(
                    Prefetch("comments", queryset=queries.visible_comments(), to_attr="shown")
                ),
            )
        )
        .first()
    )
    if consultation is None:
        raise _no_consultation(slug)
    return {
        **_summary(consultation),
        "response": consultation.response if consultation.response_published_at else None,
        "sections": [
            {
                "number": section.number,
                "heading": section.heading,
                "body": section.body,
                "comments": [
                    {
                        "id": comment.pk,
                        "author_first_name": comment.public_name,
                        "on_behalf_of": _org(comment.on_behalf_of),
                        "body": comment.body,
                        "created_at": comment.created_at,
                    }
                    for comment in section.shown
                ],
            }
            for section in consultation.sections.all()
        ],
    }


# Signed in ---------------------------------------------------------------------------------


def _body(request: HttpRequest) -> CommentIn:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, _("Send the comment as a JSON object."))
    errors = {}
    body = data.get("body")
    if not isinstance(body, str) or not body.strip():
        errors["body"] = [_("Write your comment.")]
    elif len(body.strip()) > COMMENT_MAX:
        errors["body"] = [
            _("The comment can be at most %(limit)d characters.") % {"limit": COMMENT_MAX}
        ]
    public = data.get("public")
    if not isinstance(public, bool):
        errors["public"] = [_("Choose who may read your comment: true (everybody) or false.")]
    on_behalf_of = data.get("on_behalf_of")
    if on_behalf_of is not None and not isinstance(on_behalf_of, str):
        errors["on_behalf_of"] = [_("Give the organisation's slug, or null.")]
    if errors:
        raise ApiError(400, _("The comment is not valid."), errors)
    return CommentIn(body=body.strip(), public=public, on_behalf_of=on_behalf_of or None)


@me_router.post(
    "/consultations/{slug}/sections/{int:number}/comments",
    response={
        201: MyCommentOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        **ERRORS,
    },
    summary="Comment on a section",
    # The body is read by hand (errors in the API's own format), so it is described here.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CommentIn.model_json_schema()}},
        }
    },
)
def add_comment(request, slug: str, number: int):
    """Comment on one section while the consultation is open (409 after the deadline).
    `on_behalf_of` must be an organisation you are staff of."""
    # The section first: an address that names nothing is a 404 whatever the body says.
    section = (
        queries.sections_queryset()
        .select_related("consultation")
        .filter(
            consultation__slug=slug,
            consultation__status=ConsultationStatus.PUBLISHED,
            number=number,
        )
        .first()
    )
    if section is None:
        raise ApiError(
            404,
            _("The consultation “%(slug)s” has no section %(number)d.")
            % {"slug": slug, "number": number},
        )
    payload = _body(request)
    organisation = None
    if payload.on_behalf_of:
        organisation = Organisation.objects.filter(slug=payload.on_behalf_of).first()
        if organisation is None:
            raise ApiError(
                400,
                _("The comment is not valid."),
                {"on_behalf_of": [_("There is no organisation with this slug.")]},
            )
    try:
        comment = services.comment(
            section=section,
            author=request.user,
            body=payload.body,
            public=payload.public,
            on_behalf_of=organisation,
        )
    except services.ConsultationError as error:
        if not section.consultation.is_open:
            raise ApiError(409, str(error)) from None
        raise ApiError(
            400, _("The comment is not valid."), {"on_behalf_of": [str(error)]}
        ) from None
    comment.section = section
    return Status(201, _mine(comment))


@me_router.get(
    "/consultation-comments",
    response={200: list[MyCommentOut], **ERRORS},
    summary="My consultation comments",
)
def my_comments(request):
    """Every comment of mine, public and private, newest first."""
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related("section__consultation", "on_behalf_of")
        .order_by("-created_at", "-pk")
    )
    return [_mine(comment) for comment in comments]
