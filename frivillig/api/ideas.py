"""Ideas in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

The public list is the portal's: ideas that became volunteer efforts and whose proposer agrees
to show them, never with a name. A proposer sees and sends their own ideas; another person's
idea is a 404, like one that does not exist. Proposing goes through the same form and service
as the portal, so the same input is accepted and refused with the same messages."""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import request_body, validate
from frivillig.api.public import ApiError, _paginate
from frivillig.api.schemas import ErrorOut, OrganisationRef, PageOut, ValidationErrorOut
from frivillig.dialog.ideas import queries, services
from frivillig.dialog.ideas.forms import IdeaForm
from frivillig.dialog.ideas.models import Idea

router = Router(tags=["Ideas"])
me_router = Router(tags=["Ideas (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Ideas (organisation)"], auth=api_token_auth)

IdeaStatusValue = Literal["received", "routed", "taken_up", "not_taken_up"]


class AreaRef(Schema):
    slug: str
    name: str


class TownRef(Schema):
    slug: str
    name: str


class PublicIdeaOut(Schema):
    id: int
    title: str
    description: str
    area: AreaRef | None = Field(description="The area it was passed on to, or proposed for.")
    organisation: OrganisationRef | None = Field(description="The organisation that took it up.")
    updated_at: datetime

    @staticmethod
    def resolve_area(obj):
        return obj.routed_area or obj.area

    @staticmethod
    def resolve_organisation(obj):
        return obj.routed_organisation


class PublicIdeaPage(PageOut):
    results: list[PublicIdeaOut]


class IdeaEventOut(Schema):
    status: IdeaStatusValue
    note: str
    organisation: OrganisationRef | None = Field(
        description="The organisation that took the step; null for the central office or you."
    )
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj):
        return obj.by_organisation


class MyIdeaOut(Schema):
    id: int
    title: str
    description: str
    status: IdeaStatusValue
    area: AreaRef | None
    town: TownRef | None
    may_publish: bool = Field(description="You agree to show it on the portal if taken up.")
    routed_area: AreaRef | None
    routed_organisation: OrganisationRef | None
    note: str = Field(description="The answer to you from the central office or organisation.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_town(obj):
        return obj.place


class MyIdeaDetailOut(MyIdeaOut):
    timeline: list[IdeaEventOut]

    @staticmethod
    def resolve_timeline(obj):
        return list(obj.events.all())


class IdeaIn(Schema):
    title: str = Field(max_length=150)
    description: str = Field(max_length=5000)
    area: str | None = Field(None, description="An area's slug (see /areas).")
    place: str | None = Field(None, description="A town's slug (see /places).")
    may_publish: bool = Field(False, description="May be shown publicly if taken up.")


ME_ERRORS = {401: ErrorOut, 403: ErrorOut}


@router.get(
    "/ideas",
    response={200: PublicIdeaPage, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Ideas that became volunteer efforts",
)
def public_ideas(request):
    """Citizens' ideas that were taken up and whose proposers agree to show them; no names.
    An idea disappears from the list the moment its proposer withdraws the consent."""
    return _paginate(request, queries.public_ideas())


@me_router.get("/ideas", response={200: list[MyIdeaOut], **ME_ERRORS}, summary="My ideas")
def my_ideas(request):
    return queries.ideas_of(request.user).order_by("-created_at", "-pk")


@me_router.get(
    "/ideas/{int:idea_id}",
    response={200: MyIdeaDetailOut, 404: ErrorOut, **ME_ERRORS},
    summary="One of my ideas, with its timeline",
)
def my_idea(request, idea_id: int):
    try:
        return queries.idea_of(request.user, idea_id)
    except Idea.DoesNotExist:
        raise ApiError(404, _("You have no idea with id %(id)d.") % {"id": idea_id}) from None


@me_router.post(
    "/ideas",
    response={201: MyIdeaDetailOut, 400: ValidationErrorOut, 429: ErrorOut, **ME_ERRORS},
    summary="Send an idea for a volunteer effort",
    openapi_extra=request_body(IdeaIn),
)
def propose_idea(request):
    """At most five ideas a day per person (429 after that)."""
    form = validate(IdeaForm, request)
    try:
        idea = services.propose(proposer=request.user, **form.cleaned_data)
    except services.DailyLimitReached as error:
        raise ApiError(429, str(error)) from None
    except services.IdeaError as error:
        raise ApiError(400, str(error), {}) from None
    return Status(201, queries.idea_of(request.user, idea.pk))
