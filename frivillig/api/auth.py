"""The two ways into the non-public API: an organisation's token, and a volunteer's session.

Both answer a refusal with the API's own JSON error in the request's language, instead of
ninja's fixed English "Unauthorized"."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from frivillig.api.public import ApiError
from frivillig.organisations import tokens
from frivillig.organisations.models import ApiToken


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer fp_...`, a token made in the back office under "API tokens"."""

    openapi_bearerFormat = "fp_..."
    openapi_description = (
        "An organisation's API token, made by an administrator in the back office under "
        "'API tokens'. Send it as `Authorization: Bearer fp_...`. The token acts for its "
        "organisation and the organisations below it, nothing else."
    )

    def __call__(self, request: HttpRequest) -> ApiToken:
        token = super().__call__(request)
        if token is None:
            raise ApiError(
                401,
                _(
                    "Send a valid API token in the header “Authorization: Bearer fp_…”. The "
                    "token may be unknown or revoked."
                ),
            )
        return token

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return tokens.authenticate(token.strip())


class VolunteerSession(SessionAuth):
    """ninja's `django_auth` (the portal's session cookie, CSRF checked on every change),
    with refusals in the API's error format."""

    openapi_description = (
        "The session of a person signed in on the portal. Requests that change something "
        "must send the CSRF token (cookie `csrftoken`) in the header `X-CSRFToken`."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        try:
            return super()._get_key(request)
        except HttpError as error:
            if error.status_code == 403:
                raise ApiError(
                    403,
                    _(
                        "The request lacks a valid CSRF token: send the cookie “csrftoken” "
                        "back in the header “X-CSRFToken”."
                    ),
                ) from None
            raise

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if user is None:
            raise ApiError(401, _("Sign in on the portal first."))
        return user


api_token_auth = ApiTokenAuth()
volunteer_session = VolunteerSession()
