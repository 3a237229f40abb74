"""The organisation's API under /api/v1/org/, for its own systems, with an API token.

A token acts for its organisation and every organisation below it, and for nothing else: every
query starts from that scope, so another organisation's id answers 404 exactly like an id that
does not exist. Bodies are validated with Django forms carrying the back office's rules, and
every change goes through the same domain services as the back office."""

import json

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from frivillig.accounts.services import record_personal_data_read
from frivillig.api.auth import api_token_auth
from frivillig.api.public import ApiError, _paginate
from frivillig.api.schemas import (
    OPPORTUNITY_EXAMPLE,
    DeclineIn,
    ErrorOut,
    MessageIn,
    OpportunityCreateIn,
    OpportunityPatchIn,
    OrgApplicationDetailOut,
    OrgApplicationOut,
    OrgApplicationPage,
    OrgEngagementDetailOut,
    OrgEngagementOut,
    OrgEngagementPage,
    OrgListParams,
    OrgOpportunityOut,
    OrgOpportunityPage,
    QuestionIn,
    ValidationErrorOut,
)
from frivillig.backoffice import forms as backoffice_forms
from frivillig.catalog import services as catalog
from frivillig.catalog.models import Area, Opportunity, OpportunityStatus, Place
from frivillig.engagements import services as engagements
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.organisations.models import Organisation

router = Router(tags=["Organisation (API token)"], auth=api_token_auth)

# Request bodies ----------------------------------------------------------------------------
# Declared in the OpenAPI document only (`request_body`): ninja would answer a wrong type with
# its own untranslated 422, while the form below answers every mistake as a 400 with messages
# per field, in the language of the request, like the rest of the API.


def request_body(schema, *, required: bool = True, example: dict | None = None) -> dict:
    media = {"schema": schema.model_json_schema()}
    if example is not None:
        media["example"] = example
    return {"requestBody": {"required": required, "content": {"application/json": media}}}


def read_body(request: HttpRequest) -> dict:
    """The JSON object sent, or {} for an empty body."""
    if not request.body.strip():
        return {}
    try:
        body = json.loads(request.body)
        # A lone surrogate ("\ud800") is valid JSON but no text a database can store.
        json.dumps(body, ensure_ascii=False).encode()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(
            400,
            _('The body must be a JSON object, e.g. {"message": "…"}.'),
            {"body": [_("This is not a JSON object.")]},
        )
    return body


def _type_error(field: forms.Field, value) -> str | None:
    """JSON types first: a form would happily turn 5 or [1] into the text "5" or "[1]"."""
    if value is None:
        return _("This field cannot be null.") if isinstance(field, forms.BooleanField) else None
    if isinstance(field, forms.BooleanField):
        return None if isinstance(value, bool) else _("Write true or false.")
    if isinstance(field, forms.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else _("Write a whole number.")
    if isinstance(field, forms.ModelMultipleChoiceField):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else _("Write a list of texts.")
    return None if isinstance(value, str) else _("Write a text.")


def validate(form_class, request: HttpRequest, *, base: dict | None = None, **kwargs):
    """A bound, valid form from the JSON body laid over `base`, or a 400 with every error."""
    body = read_body(request)
    form = form_class(data={}, **kwargs)
    errors = {key: [_("There is no such field.")] for key in body if key not in form.fields}
    data = dict(base or {})
    for key, value in body.items():
        if key not in form.fields:
            continue
        problem = _type_error(form.fields[key], value)
        if problem:
            errors[key] = [problem]
        else:
            data[key] = "" if value is None else value
    if not errors:
        form = form_class(data=data, **kwargs)
        if form.is_valid():
            return form
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    raise ApiError(400, _("Some of the fields are not valid."), errors)


# Opportunities -----------------------------------------------------------------------------


class OpportunityForm(backoffice_forms.OpportunityForm):
    """The back office's form and rules, with areas and town named by slug as an API client
    knows them."""

    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.all(),
        to_field_name="slug",
        error_messages={"required": gettext_lazy("Choose at least one area.")},
    )
    place = forms.ModelChoiceField(
        queryset=Place.objects.all(), to_field_name="slug", required=False
    )

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self._meta.fields}


class OpportunityCreateForm(OpportunityForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), to_field_name="slug", required=False
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = scope
        self.fields["volunteers_wanted"].required = False

    def clean_volunteers_wanted(self):
        return self.cleaned_data.get("volunteers_wanted") or 1


def _opportunity_as_data(opportunity: Opportunity) -> dict:
    """The stored opportunity in the form's input shape, so that PATCH changes only what the
    body names."""
    data = {}
    for name in OpportunityForm._meta.fields:
        value = getattr(opportunity, name) if name not in ("areas", "place") else None
        data[name] = "" if value is None else value
    data["areas"] = [area.slug for area in opportunity.areas.all()]
    data["place"] = opportunity.place.slug if opportunity.place_id else ""
    return data


def _scope(request: HttpRequest):
    return Organisation.objects.below([request.auth.organisation])


def _acting_user(request: HttpRequest):
    # The services want to know who acted; a token acts for the person who made it.
    return request.auth.created_by


def _opportunities(request: HttpRequest):
    return (
        Opportunity.objects.filter(organisation__in=_scope(request))
        .select_related("organisation", "place")
        .prefetch_related("areas")
    )


def _opportunity(request: HttpRequest, opportunity_id: int) -> Opportunity:
    opportunity = _opportunities(request).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise ApiError(404, _("There is no opportunity with id %(id)d.") % {"id": opportunity_id})
    return opportunity


def _status_filter(request: HttpRequest, choices) -> str:
    class StatusForm(forms.Form):
        status = forms.ChoiceField(
            required=False,
            choices=[("", ""), *choices],
            error_messages={
                "invalid_choice": gettext_lazy("“%(value)s” is not one of the choices.")
            },
        )

    form = StatusForm(data=request.GET)
    if not form.is_valid():
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        raise ApiError(400, _("Some of the query parameters are not valid."), errors)
    return form.cleaned_data["status"]


ERRORS = {401: ErrorOut, 404: ErrorOut}


@router.get(
    "/opportunities",
    response={200: OrgOpportunityPage, 400: ValidationErrorOut, **ERRORS},
    summary="The organisation's opportunities",
)
def list_opportunities(request, params: Query[OrgListParams]):
    """Every opportunity of the organisation and those below it, in any status, newest
    first."""
    qs = _opportunities(request).order_by("-created_at", "-pk")
    status = _status_filter(request, OpportunityStatus.choices)
    if status:
        qs = qs.filter(status=status)
    return _paginate(request, qs)


@router.post(
    "/opportunities",
    response={201: OrgOpportunityOut, 400: ValidationErrorOut, 401: ErrorOut},
    summary="Create an opportunity (as a draft)",
    openapi_extra=request_body(OpportunityCreateIn, example=OPPORTUNITY_EXAMPLE),
)
def create_opportunity(request):
    """A new opportunity, always as a draft; publish it with `.../publish`."""
    scope = _scope(request)
    form = validate(OpportunityCreateForm, request, scope=scope)
    organisation = form.cleaned_data.get("organisation") or request.auth.organisation
    fields = form.service_fields()
    areas = fields.pop("areas")
    opportunity = catalog.create_opportunity(organisation=organisation, areas=areas, **fields)
    return Status(201, _opportunity(request, opportunity.pk))


@router.get(
    "/opportunities/{int:opportunity_id}",
    response={200: OrgOpportunityOut, **ERRORS},
    summary="One opportunity",
)
def get_opportunity(request, opportunity_id: int):
    return _opportunity(request, opportunity_id)


@router.patch(
    "/opportunities/{int:opportunity_id}",
    response={200: OrgOpportunityOut, 400: ValidationErrorOut, **ERRORS},
    summary="Change an opportunity",
    openapi_extra=request_body(OpportunityPatchIn),
)
def update_opportunity(request, opportunity_id: int):
    """Only the fields in the body change. The status changes only through the actions."""
    opportunity = _opportunity(request, opportunity_id)
    form = validate(
        OpportunityForm, request, base=_opportunity_as_data(opportunity), instance=opportunity
    )
    fields = form.service_fields()
    areas = fields.pop("areas")
    catalog.update_opportunity(opportunity=opportunity, areas=areas, **fields)
    return _opportunity(request, opportunity_id)


def _catalog_action(request, opportunity_id: int, action) -> Opportunity:
    opportunity = _opportunity(request, opportunity_id)
    try:
        action(opportunity)
    except catalog.CatalogError as error:
        raise ApiError(409, str(error)) from None
    return _opportunity(request, opportunity_id)


ACTION_RESPONSES = {200: OrgOpportunityOut, 409: ErrorOut, **ERRORS}


@router.post(
    "/opportunities/{int:opportunity_id}/publish",
    response=ACTION_RESPONSES,
    summary="Publish an opportunity",
)
def publish_opportunity(request, opportunity_id: int):
    return _catalog_action(
        request, opportunity_id, lambda o: catalog.publish_opportunity(opportunity=o)
    )


@router.post(
    "/opportunities/{int:opportunity_id}/pause",
    response=ACTION_RESPONSES,
    summary="Pause an opportunity",
)
def pause_opportunity(request, opportunity_id: int):
    return _catalog_action(
        request,
        opportunity_id,
        lambda o: catalog.set_opportunity_status(opportunity=o, status=OpportunityStatus.PAUSED),
    )


@router.post(
    "/opportunities/{int:opportunity_id}/close",
    response=ACTION_RESPONSES,
    summary="Close an opportunity",
)
def close_opportunity(request, opportunity_id: int):
    """Closing is final: a closed opportunity cannot be published or changed again."""
    return _catalog_action(
        request,
        opportunity_id,
        lambda o: catalog.set_opportunity_status(opportunity=o, status=OpportunityStatus.CLOSED),
    )


# Applications ------------------------------------------------------------------------------


def _applications(request: HttpRequest):
    return Application.objects.filter(organisation__in=_scope(request)).select_related(
        "opportunity", "organisation", "volunteer__profile", "engagement"
    )


def _application(request: HttpRequest, application_id: int) -> Application:
    application = _applications(request).filter(pk=application_id).first()
    if application is None:
        raise ApiError(404, _("There is no application with id %(id)d.") % {"id": application_id})
    return application


@router.get(
    "/applications",
    response={200: OrgApplicationPage, 400: ValidationErrorOut, **ERRORS},
    summary="Applications",
)
def list_applications(request, params: Query[OrgListParams]):
    """Applications to the organisation and those below it, newest first. Names only: the
    contact details are in each application, where reading them is logged."""
    qs = _applications(request).order_by("-created_at", "-pk")
    status = _status_filter(request, ApplicationStatus.choices)
    if status:
        qs = qs.filter(status=status)
    return _paginate(request, qs)


@router.get(
    "/applications/{int:application_id}",
    response={200: OrgApplicationDetailOut, **ERRORS},
    summary="One application, with the volunteer's contact details",
)
def get_application(request, application_id: int):
    """Reading this is logged as a read of the volunteer's personal data."""
    application = _application(request, application_id)
    record_personal_data_read(
        staff=None,
        volunteer=application.volunteer,
        organisation=application.organisation,
        what="api:application",
    )
    return application


def _answer(action):
    try:
        return action()
    except engagements.EngagementError as error:
        raise ApiError(409, str(error)) from None


ANSWER_RESPONSES = {200: OrgApplicationOut, 400: ValidationErrorOut, 409: ErrorOut, **ERRORS}


@router.post(
    "/applications/{int:application_id}/accept",
    response=ANSWER_RESPONSES,
    summary="Accept an application",
)
def accept_application(request, application_id: int):
    """Makes an engagement (its id is in the answer) and tells the volunteer by e-mail."""
    application = _application(request, application_id)
    validate(forms.Form, request)
    _answer(
        lambda: engagements.accept(application=application, by=_acting_user(request)),
    )
    return _application(request, application_id)


@router.post(
    "/applications/{int:application_id}/decline",
    response=ANSWER_RESPONSES,
    summary="Decline an application",
    openapi_extra=request_body(DeclineIn),
)
def decline_application(request, application_id: int):
    application = _application(request, application_id)
    form = validate(backoffice_forms.DeclineForm, request)
    _answer(
        lambda: engagements.decline(
            application=application,
            by=_acting_user(request),
            message=form.cleaned_data["message"],
        ),
    )
    return _application(request, application_id)


@router.post(
    "/applications/{int:application_id}/question",
    response=ANSWER_RESPONSES,
    summary="Ask the applicant a question",
    openapi_extra=request_body(QuestionIn),
)
def ask_question(request, application_id: int):
    """The question goes to the volunteer by e-mail, with replies addressed to the person who
    made the token; the application stays pending."""
    application = _application(request, application_id)
    form = validate(backoffice_forms.QuestionForm, request)
    _answer(
        lambda: engagements.ask_question(
            application=application,
            by=_acting_user(request),
            question=form.cleaned_data["question"],
        ),
    )
    return _application(request, application_id)


# Engagements -------------------------------------------------------------------------------


def _engagements(request: HttpRequest):
    return Engagement.objects.filter(organisation__in=_scope(request)).select_related(
        "opportunity", "organisation", "volunteer__profile"
    )


def _engagement(request: HttpRequest, engagement_id: int) -> Engagement:
    engagement = _engagements(request).filter(pk=engagement_id).first()
    if engagement is None:
        raise ApiError(404, _("There is no engagement with id %(id)d.") % {"id": engagement_id})
    return engagement


@router.get(
    "/engagements",
    response={200: OrgEngagementPage, 400: ValidationErrorOut, **ERRORS},
    summary="Engagements",
)
def list_engagements(request, params: Query[OrgListParams]):
    """The volunteers' engagements with the organisation and those below it, newest first."""
    qs = _engagements(request).order_by("-started_at", "-pk")
    status = _status_filter(request, EngagementStatus.choices)
    if status:
        qs = qs.filter(status=status)
    return _paginate(request, qs)


@router.get(
    "/engagements/{int:engagement_id}",
    response={200: OrgEngagementDetailOut, **ERRORS},
    summary="One engagement, with the volunteer's contact details",
)
def get_engagement(request, engagement_id: int):
    """Reading this is logged as a read of the volunteer's personal data."""
    engagement = _engagement(request, engagement_id)
    record_personal_data_read(
        staff=None,
        volunteer=engagement.volunteer,
        organisation=engagement.organisation,
        what="api:engagement",
    )
    return engagement


@router.post(
    "/engagements/{int:engagement_id}/end",
    response={200: OrgEngagementOut, 400: ValidationErrorOut, 409: ErrorOut, **ERRORS},
    summary="End an engagement",
    openapi_extra=request_body(MessageIn, required=False),
)
def end_engagement(request, engagement_id: int):
    """The message goes to the volunteer by e-mail."""
    engagement = _engagement(request, engagement_id)
    form = validate(backoffice_forms.EndEngagementForm, request)
    _answer(
        lambda: engagements.end_by_organisation(
            engagement=engagement, by=_acting_user(request), message=form.cleaned_data["message"]
        ),
    )
    return _engagement(request, engagement_id)
