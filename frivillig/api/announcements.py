"""Announcements in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

An organisation sends with the same service as the back office. Instead of the back office's
confirmation page the body must say `"confirm": true`; without it the answer is a 400 that
names how many people would receive it, so a client can show that figure and send again. The
token acts for the person who made it, who must be allowed to deal with volunteers
(MANAGE_APPLICATIONS) in the token's organisation. Targets are the organisation's own: another
organisation's id is a 400 like an id that does not exist."""

from datetime import date, datetime

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import Field, Query, Router, Schema, Status

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import request_body, validate
from frivillig.api.public import ApiError, _paginate
from frivillig.api.schemas import ErrorOut, OrganisationRef, PageOut, ValidationErrorOut
from frivillig.catalog.models import Opportunity
from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import BODY_MAX, SUBJECT_MAX, Audience
from frivillig.events.models import Event, Team
from frivillig.organisations.models import Organisation
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, user_can

router = Router(tags=["Announcements"])
me_router = Router(tags=["Announcements (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Announcements (organisation)"], auth=api_token_auth)

AUDIENCE_DOC = (
    "all: every volunteer with a current engagement or a confirmed place on a coming event; "
    "opportunity: current engagements on `opportunity_id`; team: live sign-ups on the shifts of "
    "`team_id`; event_day: live sign-ups on shifts of `event_id` that start on `day`. People who "
    "opted out do not receive `all` and `opportunity`; `team` and `event_day` are about their "
    "own shifts and reach everyone on them."
)


# Schemas -----------------------------------------------------------------------------------


class AnnouncementIn(Schema):
    subject: str = Field(max_length=SUBJECT_MAX)
    body: str = Field(max_length=BODY_MAX)
    audience: str = Field(description=AUDIENCE_DOC)
    opportunity_id: int | None = None
    team_id: int | None = None
    event_id: int | None = None
    day: date | None = Field(None, description="YYYY-MM-DD, with audience event_day.")
    confirm: bool = Field(description="Must be true: you have checked the number of recipients.")


class AnnouncementOut(Schema):
    id: int
    organisation: OrganisationRef
    subject: str
    body: str
    audience: str
    opportunity_id: int | None
    team_id: int | None
    event_id: int | None
    day: date | None
    created_at: datetime
    sent_at: datetime | None
    recipient_count: int
    read_count: int | None = None

    @staticmethod
    def resolve_read_count(obj) -> int | None:
        return getattr(obj, "read", None)


class AnnouncementPage(PageOut):
    results: list[AnnouncementOut]


class MyAnnouncementOut(Schema):
    id: int = Field(description="The announcement's id.")
    organisation: OrganisationRef
    subject: str
    body: str
    about_own_shifts: bool
    received_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.announcement_id

    @staticmethod
    def resolve_organisation(obj):
        return obj.announcement.organisation

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.announcement.subject

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.announcement.body

    @staticmethod
    def resolve_about_own_shifts(obj) -> bool:
        return obj.announcement.about_own_shifts

    @staticmethod
    def resolve_received_at(obj) -> datetime:
        return obj.created_at


class MyAnnouncementPage(PageOut):
    results: list[MyAnnouncementOut]


class OptOutOut(Schema):
    organisation: OrganisationRef
    opted_out: bool = Field(
        description="True: no announcements to everyone or to an opportunity. Announcements "
        "about your own shifts reach you either way."
    )

    @staticmethod
    def resolve_organisation(obj):
        return obj

    @staticmethod
    def resolve_opted_out(obj) -> bool:
        return obj.opted_out


class OptOutsIn(Schema):
    opted_out: list[str] = Field(
        description="Slugs of the organisations whose announcements you do not want; every "
        "other of your organisations is sent to you."
    )


# Forms -------------------------------------------------------------------------------------


class AnnouncementForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT_MAX)
    body = forms.CharField(max_length=BODY_MAX)
    audience = forms.ChoiceField(
        choices=Audience.choices,
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not one of the choices.")},
    )
    opportunity_id = forms.IntegerField(required=False)
    team_id = forms.IntegerField(required=False)
    event_id = forms.IntegerField(required=False)
    day = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Write the day as YYYY-MM-DD.")},
    )
    confirm = forms.BooleanField(required=False)

    SOURCES = {
        "opportunity_id": (Opportunity, "organisation", gettext_lazy("opportunity")),
        "team_id": (Team, "event__organisation", gettext_lazy("team")),
        "event_id": (Event, "organisation", gettext_lazy("event")),
    }
    NEEDS = {
        Audience.OPPORTUNITY: ("opportunity_id",),
        Audience.TEAM: ("team_id",),
        Audience.EVENT_DAY: ("event_id", "day"),
    }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self):
        data = super().clean()
        self.target = {"audience": data.get("audience")}
        for name in self.NEEDS.get(data.get("audience"), ()):
            if data.get(name) is None:
                if name not in self.errors:
                    self.add_error(name, _("This field is required for this audience."))
                continue
            if name == "day":
                self.target["day"] = data["day"]
                continue
            model, owner, noun = self.SOURCES[name]
            found = model.objects.filter(pk=data[name], **{owner: self.organisation}).first()
            if found is None:
                self.add_error(
                    name,
                    _("The organisation has no %(noun)s with id %(id)d.")
                    % {"noun": noun, "id": data[name]},
                )
            else:
                self.target[name.removesuffix("_id")] = found
        return data


# The organisation's (token) ----------------------------------------------------------------

ORG_ERRORS = {401: ErrorOut, 403: ErrorOut}


def _organisation(request: HttpRequest) -> Organisation:
    token = request.auth
    if token.created_by is None or not user_can(
        token.created_by, token.organisation, MANAGE_APPLICATIONS
    ):
        raise ApiError(
            403,
            _(
                "This token cannot send announcements: the person who made it may no longer "
                "deal with volunteers for the organisation."
            ),
        )
    return token.organisation


@org_router.get(
    "/announcements",
    response={200: AnnouncementPage, 400: ErrorOut, 404: ErrorOut, **ORG_ERRORS},
    summary="The organisation's announcements",
)
def list_announcements(request, page: Query[str | None] = None):
    """What the token's organisation has sent, newest first, with how many received and read
    each."""
    return _paginate(request, queries.for_organisation(_organisation(request)))


@org_router.post(
    "/announcements",
    response={201: AnnouncementOut, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Send an announcement to volunteers",
    openapi_extra=request_body(
        AnnouncementIn,
        example={
            "subject": "Sommerfest",
            "body": "Kom til sommerfest lørdag kl. 14.",
            "audience": "all",
            "confirm": True,
        },
    ),
)
def send_announcement(request):
    """Sends by e-mail and on the volunteers' "My page", after the same rules as the back
    office. Without `"confirm": true` nothing is sent and the 400 says how many people
    would receive it. An audience with nobody in it is refused."""
    organisation = _organisation(request)
    form = validate(AnnouncementForm, request, organisation=organisation)
    try:
        if not form.cleaned_data["confirm"]:
            count = services.count_recipients(organisation=organisation, **form.target)
            raise ApiError(
                400,
                _("Nothing was sent."),
                {
                    "confirm": [
                        ngettext(
                            "It would go to %(n)d person. Send again with “confirm”: true "
                            "to send it.",
                            "It would go to %(n)d people. Send again with “confirm”: true "
                            "to send it.",
                            count,
                        )
                        % {"n": count}
                    ]
                },
            )
        announcement = services.send(
            organisation=organisation,
            author=request.auth.created_by,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            **form.target,
        )
    except services.AnnouncementError as error:
        raise ApiError(400, str(error), {"audience": [str(error)]}) from None
    return Status(201, announcement)


# The volunteer's own (session) -------------------------------------------------------------

ME_ERRORS = {401: ErrorOut, 403: ErrorOut}


@me_router.get(
    "/announcements",
    response={200: MyAnnouncementPage, 400: ErrorOut, 404: ErrorOut, **ME_ERRORS},
    summary="My announcements",
)
def my_announcements(request, page: Query[str | None] = None):
    """The announcements sent to me, newest first. Reading them here does not mark them
    read; opening them on "My page" does."""
    return _paginate(request, queries.inbox(request.user))


@me_router.get(
    "/announcement-opt-outs",
    response={200: list[OptOutOut], **ME_ERRORS},
    summary="Which organisations' announcements I receive",
)
def my_opt_outs(request):
    return list(queries.my_organisations(request.user))


@me_router.put(
    "/announcement-opt-outs",
    response={200: list[OptOutOut], 400: ValidationErrorOut, **ME_ERRORS},
    summary="Choose which organisations' announcements I receive",
    openapi_extra=request_body(OptOutsIn, example={"opted_out": ["nibe-besoegsvenner"]}),
)
def set_my_opt_outs(request):
    """Replaces the whole choice: the organisations named are opted out of, every other of
    my organisations is sent to me again. Only my own organisations (those in the GET) can
    be named."""
    from frivillig.api.organisation import read_body

    body = read_body(request)
    slugs = body.get("opted_out")
    unknown_fields = [key for key in body if key != "opted_out"]
    if unknown_fields or not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
        errors = {key: [_("There is no such field.")] for key in unknown_fields}
        if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
            errors["opted_out"] = [_("Write a list of texts.")]
        raise ApiError(400, _("Some of the fields are not valid."), errors)
    mine = {
        organisation.slug: organisation for organisation in queries.my_organisations(request.user)
    }
    unknown = [slug for slug in slugs if slug not in mine]
    if unknown:
        raise ApiError(
            400,
            _("Some of the fields are not valid."),
            {
                "opted_out": [
                    _("“%(slug)s” is not one of your organisations.") % {"slug": slug[:100]}
                    for slug in unknown[:10]
                ]
            },
        )
    services.set_opt_outs(user=request.user, organisations=[mine[slug] for slug in slugs])
    return list(queries.my_organisations(request.user))
