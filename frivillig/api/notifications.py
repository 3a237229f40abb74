"""Notification preferences in the API: `router` is public (open data, CORS), `me_router` the
signed-in volunteer's own (session), `org_router` an organisation's (API token).

Only the volunteer's own choices are here: per kind of notice, an e-mail at once
("immediate") or one daily digest ("digest"). Notices about their own shifts, applications,
agreements and expense claims always come at once and are not a choice."""

from typing import Literal

from ninja import Field, Router, Schema

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import request_body, validate
from frivillig.api.public import ApiError
from frivillig.api.schemas import ErrorOut, ValidationErrorOut
from frivillig.notifications import services
from frivillig.portal.views.notifications import PreferencesForm

router = Router(tags=["Notification preferences"])
me_router = Router(tags=["Notification preferences (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Notification preferences (organisation)"], auth=api_token_auth)

ModeValue = Literal["immediate", "digest"]


class NotificationPreferencesOut(Schema):
    """One field per kind of notice (notifications.categories.Category)."""

    messages: ModeValue = Field(description="Messages from organisations.")
    announcements: ModeValue = Field(description="Announcements from organisations.")
    ideas: ModeValue = Field(description="Ideas you have proposed.")
    consultations: ModeValue = Field(description="Consultations.")
    feedback: ModeValue = Field(description="Requests for feedback.")
    recognition: ModeValue = Field(description="Thanks and awards.")


class NotificationPreferencesIn(Schema):
    messages: ModeValue | None = None
    announcements: ModeValue | None = None
    ideas: ModeValue | None = None
    consultations: ModeValue | None = None
    feedback: ModeValue | None = None
    recognition: ModeValue | None = None


ERRORS = {401: ErrorOut, 403: ErrorOut}


@me_router.get(
    "/notification-preferences",
    response={200: NotificationPreferencesOut, **ERRORS},
    summary="My notification preferences",
)
def my_preferences(request):
    """For each kind of notice: "immediate" (an e-mail at once) or "digest" (collected in
    one e-mail a day). Kinds never chosen are "immediate"."""
    return services.preferences_for(request.user)


@me_router.put(
    "/notification-preferences",
    response={200: NotificationPreferencesOut, 400: ValidationErrorOut, **ERRORS},
    summary="Change my notification preferences",
    openapi_extra=request_body(NotificationPreferencesIn, example={"announcements": "digest"}),
)
def change_preferences(request):
    """Send the kinds you want to change; the ones left out stay as they are. Notices
    already waiting for the digest are still sent in it."""
    current = services.preferences_for(request.user)
    form = validate(PreferencesForm, request, base=current)
    try:
        return services.set_preferences(user=request.user, modes=form.cleaned_data)
    except services.NotificationError as error:
        raise ApiError(400, str(error), {}) from None
