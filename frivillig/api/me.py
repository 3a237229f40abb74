"""The signed-in volunteer's own data under /api/v1/me, with the portal's session.

Everything starts from `request.user`, so another person's application or engagement answers
404 like one that does not exist. Pausing, resuming and ending need no reason: the strategy's
"unforced" volunteering."""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from frivillig.api.auth import volunteer_session
from frivillig.api.organisation import request_body, validate
from frivillig.api.public import ApiError
from frivillig.api.schemas import (
    ErrorOut,
    MeOut,
    MyApplicationOut,
    MyEngagementOut,
    NoteIn,
    ValidationErrorOut,
)
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, Engagement

router = Router(tags=["My data (signed in)"], auth=volunteer_session)

ERRORS = {401: ErrorOut, 403: ErrorOut}
CHANGE_RESPONSES = {400: ValidationErrorOut, 404: ErrorOut, 409: ErrorOut, **ERRORS}
NOTE_LIMIT = 2000


class NoteForm(forms.Form):
    note = forms.CharField(required=False, max_length=NOTE_LIMIT, strip=True)


def _applications(request: HttpRequest):
    return Application.objects.filter(volunteer=request.user).select_related(
        "opportunity", "organisation"
    )


def _engagements(request: HttpRequest):
    return Engagement.objects.filter(volunteer=request.user).select_related(
        "opportunity", "organisation"
    )


def _application(request: HttpRequest, application_id: int) -> Application:
    application = _applications(request).filter(pk=application_id).first()
    if application is None:
        raise ApiError(404, _("You have no application with id %(id)d.") % {"id": application_id})
    return application


def _engagement(request: HttpRequest, engagement_id: int) -> Engagement:
    engagement = _engagements(request).filter(pk=engagement_id).first()
    if engagement is None:
        raise ApiError(404, _("You have no engagement with id %(id)d.") % {"id": engagement_id})
    return engagement


def _change(action):
    try:
        return action()
    except engagements.EngagementError as error:
        raise ApiError(409, str(error)) from None


@router.get("", response={200: MeOut, **ERRORS}, summary="My profile")
def me(request):
    return request.user


@router.get(
    "/applications", response={200: list[MyApplicationOut], **ERRORS}, summary="My applications"
)
def my_applications(request):
    return _applications(request).order_by("-created_at", "-pk")


@router.get(
    "/engagements", response={200: list[MyEngagementOut], **ERRORS}, summary="My engagements"
)
def my_engagements(request):
    return _engagements(request).order_by("-started_at", "-pk")


@router.post(
    "/applications/{int:application_id}/withdraw",
    response={200: MyApplicationOut, **CHANGE_RESPONSES},
    summary="Withdraw my application",
    openapi_extra=request_body(NoteIn, required=False),
)
def withdraw(request, application_id: int):
    """Only an application that awaits an answer can be withdrawn."""
    application = _application(request, application_id)
    note = validate(NoteForm, request).cleaned_data["note"]
    _change(
        lambda: engagements.withdraw(application=application, volunteer=request.user, note=note)
    )
    return _application(request, application_id)


@router.post(
    "/engagements/{int:engagement_id}/pause",
    response={200: MyEngagementOut, **CHANGE_RESPONSES},
    summary="Pause my engagement",
    openapi_extra=request_body(NoteIn, required=False),
)
def pause(request, engagement_id: int):
    engagement = _engagement(request, engagement_id)
    note = validate(NoteForm, request).cleaned_data["note"]
    _change(lambda: engagements.pause(engagement=engagement, volunteer=request.user, note=note))
    return _engagement(request, engagement_id)


@router.post(
    "/engagements/{int:engagement_id}/resume",
    response={200: MyEngagementOut, **CHANGE_RESPONSES},
    summary="Resume my paused engagement",
)
def resume(request, engagement_id: int):
    engagement = _engagement(request, engagement_id)
    validate(forms.Form, request)
    _change(lambda: engagements.resume(engagement=engagement, volunteer=request.user))
    return _engagement(request, engagement_id)


@router.post(
    "/engagements/{int:engagement_id}/end",
    response={200: MyEngagementOut, **CHANGE_RESPONSES},
    summary="End my engagement",
    openapi_extra=request_body(NoteIn, required=False),
)
def end(request, engagement_id: int):
    """One action, no reason needed, nothing held against you."""
    engagement = _engagement(request, engagement_id)
    note = validate(NoteForm, request).cleaned_data["note"]
    _change(lambda: engagements.end(engagement=engagement, volunteer=request.user, note=note))
    return _engagement(request, engagement_id)
