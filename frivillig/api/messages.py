"""Messages in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

The same services as the portal and the back office. The volunteer's side starts from
request.user, so another person's conversation is a 404. The organisation's side answers only a
token whose maker may manage applications for the token's organisation (the token acts for that
person), starts from the token's scope, and logs reading a conversation as a read of the
volunteer's personal data. Reading through the token does not mark messages as read: an
integration that fetches every conversation has not had them read by a person."""

from datetime import datetime
from types import SimpleNamespace
from typing import Literal

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from frivillig.accounts.services import record_personal_data_read
from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import _scope, request_body, validate
from frivillig.api.public import ApiError, _paginate
from frivillig.api.schemas import ErrorOut, OrganisationRef, PageOut, ValidationErrorOut
from frivillig.dialog.messaging import queries, services
from frivillig.dialog.messaging.models import BODY_LIMIT, SUBJECT_LIMIT, Thread
from frivillig.engagements.models import Application, Engagement
from frivillig.organisations.models import Organisation
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, user_can

router = Router(tags=["Messages"])
me_router = Router(tags=["Messages (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Messages (organisation)"], auth=api_token_auth)


# Schemas -----------------------------------------------------------------------------------


class AboutOut(Schema):
    kind: Literal["application", "engagement", "shift_signup"]
    id: int


class ThreadOut(Schema):
    id: int
    organisation: OrganisationRef
    subject: str
    about: AboutOut | None = Field(
        description="The application, engagement or shift sign-up it is about, if any."
    )
    created_at: datetime
    last_message_at: datetime
    last_from_organisation: bool | None = Field(
        description="Whether the newest message is the organisation's."
    )
    unread: bool = Field(description="Whether the other side wrote after you last read.")

    @staticmethod
    def resolve_about(obj) -> dict | None:
        for kind in ("application", "engagement", "shift_signup"):
            pk = getattr(obj, f"{kind}_id")
            if pk is not None:
                return {"kind": kind, "id": pk}
        return None


class ThreadVolunteerOut(Schema):
    id: int
    name: str
    email: str


class OrgThreadOut(ThreadOut):
    volunteer: ThreadVolunteerOut

    @staticmethod
    def resolve_volunteer(obj) -> dict:
        user = obj.volunteer
        return {"id": user.pk, "name": user.get_full_name(), "email": user.email}


class MessageOut(Schema):
    id: int
    from_organisation: bool
    author_name: str | None = Field(
        description="Who wrote it; null when the account is gone (the message stays)."
    )
    body: str
    created_at: datetime

    @staticmethod
    def resolve_author_name(obj) -> str | None:
        if obj.author is None:
            return None
        return obj.author.get_full_name() or obj.author.email


class ReadStateOut(Schema):
    read: bool = Field(description="Whether the other side has read your newest message.")
    at: datetime | None


class ThreadDetailFields(Schema):
    messages: list[MessageOut]
    read_state: ReadStateOut | None = Field(
        description="Under your own newest message: whether and when the other side read it. "
        "Null when the newest message is the other side's."
    )


class ThreadDetailOut(ThreadOut, ThreadDetailFields):
    pass


class OrgThreadDetailOut(OrgThreadOut, ThreadDetailFields):
    pass


class ThreadPage(PageOut):
    results: list[ThreadOut]


class OrgThreadPage(PageOut):
    results: list[OrgThreadOut]


class ListParams(Schema):
    show: Literal["all", "unread"] = Field("all", description="`unread`: only unread ones.")
    page: str | None = Field(None, description="Page number, from 1.")


class MessageIn(Schema):
    body: str = Field(max_length=BODY_LIMIT, description="The message, 1 to 5,000 characters.")


class NewThreadIn(MessageIn):
    organisation: str = Field(description="The organisation's slug.")
    subject: str = Field(max_length=SUBJECT_LIMIT)
    application_id: int | None = Field(None, description="One of your applications there.")
    engagement_id: int | None = Field(None, description="One of your engagements there.")


# Forms (the same rules as the HTML forms) ----------------------------------------------------


class MessageForm(forms.Form):
    body = forms.CharField(
        max_length=BODY_LIMIT,
        strip=True,
        error_messages={"required": gettext_lazy("Write a message.")},
    )


class NewThreadForm(MessageForm):
    organisation = forms.SlugField(max_length=100)
    subject = forms.CharField(
        max_length=SUBJECT_LIMIT,
        strip=True,
        error_messages={"required": gettext_lazy("Write a subject.")},
    )
    application_id = forms.IntegerField(required=False, min_value=1)
    engagement_id = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        organisation = Organisation.objects.approved().filter(slug=slug).first()
        if organisation is None:
            raise forms.ValidationError(_("There is no approved organisation with this slug."))
        return organisation

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        if data.get("application_id") and data.get("engagement_id"):
            self.add_error("engagement_id", _("A conversation can be about one thing at most."))
            return data
        if organisation is None:
            return data
        mine = {"volunteer": self.volunteer, "organisation": organisation}
        if data.get("application_id"):
            data["application"] = Application.objects.filter(
                pk=data["application_id"], **mine
            ).first()
            if data["application"] is None:
                self.add_error(
                    "application_id",
                    _("You have no application with this organisation by this id."),
                )
        if data.get("engagement_id"):
            data["engagement"] = Engagement.objects.filter(pk=data["engagement_id"], **mine).first()
            if data["engagement"] is None:
                self.add_error(
                    "engagement_id", _("You have no engagement with this organisation by this id.")
                )
        return data


def _send(action):
    try:
        return action()
    except services.MessageError as error:
        raise ApiError(409, str(error)) from None


def _detail(thread, *, viewer_is_organisation: bool):
    thread_messages = list(queries.messages_of(thread))
    state = queries.read_state(
        thread, viewer_is_organisation=viewer_is_organisation, messages=thread_messages
    )
    return SimpleNamespace(
        **{
            "id": thread.pk,
            "organisation": thread.organisation,
            "volunteer": thread.volunteer,
            "subject": thread.subject,
            "application_id": thread.application_id,
            "engagement_id": thread.engagement_id,
            "shift_signup_id": thread.shift_signup_id,
            "created_at": thread.created_at,
            "last_message_at": thread.last_message_at,
            "last_from_organisation": thread_messages[-1].from_organisation
            if thread_messages
            else None,
            "unread": thread.unread_for_organisation
            if viewer_is_organisation
            else thread.unread_for_volunteer,
            "messages": thread_messages,
            "read_state": state,
        }
    )


# The volunteer's own (session) -------------------------------------------------------------

ME_ERRORS = {401: ErrorOut, 403: ErrorOut}
CHANGE = {400: ValidationErrorOut, 404: ErrorOut, 409: ErrorOut, **ME_ERRORS}


def _my_thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = (
        Thread.objects.filter(volunteer=request.user)
        .select_related("organisation", "volunteer")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise ApiError(404, _("You have no conversation with id %(id)d.") % {"id": thread_id})
    return thread


@me_router.get(
    "/threads",
    response={200: ThreadPage, 400: ValidationErrorOut, 404: ErrorOut, **ME_ERRORS},
    summary="My conversations with organisations",
)
def my_threads(request, params: Query[ListParams]):
    """Unread first, then the newest."""
    threads = queries.threads_for_volunteer(request.user, unread_only=params.show == "unread")
    return _paginate(request, threads)


@me_router.get(
    "/threads/{int:thread_id}",
    response={200: ThreadDetailOut, 404: ErrorOut, **ME_ERRORS},
    summary="One conversation (marks the organisation's messages as read)",
)
def my_thread(request, thread_id: int):
    thread = _my_thread(request, thread_id)
    services.mark_read_by_volunteer(thread=thread)
    return _detail(thread, viewer_is_organisation=False)


@me_router.post(
    "/threads",
    response={201: ThreadDetailOut, **CHANGE},
    summary="Write to an organisation",
    openapi_extra=request_body(NewThreadIn),
)
def start_thread(request):
    """To any organisation approved by the municipality, optionally about one of your own
    applications or engagements with it. No attachments."""
    form = validate(NewThreadForm, request, volunteer=request.user)
    data = form.cleaned_data
    thread = _send(
        lambda: services.start_by_volunteer(
            volunteer=request.user,
            organisation=data["organisation"],
            subject=data["subject"],
            body=data["body"],
            application=data.get("application"),
            engagement=data.get("engagement"),
        )
    )
    return Status(
        201,
        _detail(_my_thread(request, thread.pk), viewer_is_organisation=False),
    )


@me_router.post(
    "/threads/{int:thread_id}/messages",
    response={201: ThreadDetailOut, **CHANGE},
    summary="Answer in a conversation",
    openapi_extra=request_body(MessageIn),
)
def my_reply(request, thread_id: int):
    thread = _my_thread(request, thread_id)
    body = validate(MessageForm, request).cleaned_data["body"]
    _send(lambda: services.reply_as_volunteer(thread=thread, volunteer=request.user, body=body))
    return Status(
        201,
        _detail(_my_thread(request, thread_id), viewer_is_organisation=False),
    )


# The organisation's (token) ----------------------------------------------------------------

ORG_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _org_threads(request: HttpRequest):
    token = request.auth
    if token.created_by is None or not user_can(
        token.created_by, token.organisation, MANAGE_APPLICATIONS
    ):
        raise ApiError(
            403,
            _(
                "This token cannot read messages: the person who made it may no longer manage "
                "applications for the organisation."
            ),
        )
    return Thread.objects.filter(organisation__in=_scope(request))


def _org_thread(request: HttpRequest, thread_id: int) -> Thread:
    thread = (
        _org_threads(request)
        .select_related("organisation", "volunteer")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise ApiError(404, _("There is no conversation with id %(id)d.") % {"id": thread_id})
    return thread


@org_router.get(
    "/threads",
    response={200: OrgThreadPage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Conversations with volunteers",
)
def org_threads(request, params: Query[ListParams]):
    """The organisation's conversations and those of the organisations below it, unread
    first, then the newest. Subjects and names only: the messages are in each conversation,
    where reading is logged."""
    _org_threads(request)  # the token's right to read messages
    threads = queries.threads_for_organisation(
        organisations=_scope(request), unread_only=params.show == "unread"
    )
    return _paginate(request, threads)


@org_router.get(
    "/threads/{int:thread_id}",
    response={200: OrgThreadDetailOut, **ORG_ERRORS},
    summary="One conversation",
)
def org_thread(request, thread_id: int):
    """Reading this is logged as a read of the volunteer's personal data. It does not mark
    the volunteer's messages as read: a person does that in the back office."""
    thread = _org_thread(request, thread_id)
    record_personal_data_read(
        staff=None,
        volunteer=thread.volunteer,
        organisation=thread.organisation,
        what="api:message_thread",
    )
    return _detail(thread, viewer_is_organisation=True)


@org_router.post(
    "/threads/{int:thread_id}/messages",
    response={201: OrgThreadDetailOut, 400: ValidationErrorOut, 409: ErrorOut, **ORG_ERRORS},
    summary="Answer a volunteer",
    openapi_extra=request_body(MessageIn),
)
def org_reply(request, thread_id: int):
    """Sent in the name of the person who made the token; the volunteer is told by e-mail."""
    thread = _org_thread(request, thread_id)
    body = validate(MessageForm, request).cleaned_data["body"]
    by = request.auth.created_by
    _send(lambda: services.reply_as_organisation(thread=thread, by=by, body=body))
    return Status(
        201,
        _detail(_org_thread(request, thread_id), viewer_is_organisation=True),
    )
