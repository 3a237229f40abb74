"""The REST API under /api/v1/: one NinjaAPI instance, its error format and its routers."""

import functools

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from frivillig.api import (
    agreements,
    announcements,
    consultations,
    events,
    expenses,
    feedback,
    ideas,
    me,
    me_shifts,
    messages,
    notifications,
    organisation,
    public,
    recognition,
)

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

DESCRIPTION = f"""\
Open data from Frivilligportalen, {settings.MUNICIPALITY["name"]}'s single entry point to
volunteering: areas of volunteering, towns, approved organisations, the volunteer
opportunities published on the portal, events with their teams, shifts and free places,
and the rates and tax-free limits for volunteers' expenses per year.
A hidden event is shown only with the `secret` of its link.

The data is open data under the licence **{LICENCE["name"]}** ({LICENCE["url"]}): you may
share and adapt it for any purpose, also commercially, provided you credit
"{settings.MUNICIPALITY["name"]}, Frivilligportalen".

The public endpoints need no authentication and are read-only. Lists are paginated
({settings.CATALOG_PAGE_SIZE} per page) in the envelope
`{{"count", "page", "pages", "next", "previous", "results"}}`. The opportunity search takes
the same parameters as the search on the portal and rejects the same input: invalid
parameters give 400 with `{{"detail": ..., "errors": {{parameter: [messages]}}}}`, an unknown
slug or page gives 404 with `{{"detail": ...}}`. Messages are in Danish, or in English with
the header `Accept-Language: en`.
"""

api = NinjaAPI(
    title="Frivilligportalen API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_extra={"info": {"license": LICENCE}},
)


@api.exception_handler(public.ApiError)
def api_error(request: HttpRequest, exc: public.ApiError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


def index(request: HttpRequest) -> HttpResponse:
    """/api/v1/ itself: where the documentation is, so that the address can be explored."""
    return api.create_response(
        request,
        {
            "title": api.title,
            "version": api.version,
            "licence": LICENCE,
            "docs": request.build_absolute_uri(reverse("api:openapi-view")),
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        },
        status=200,
    )


@csrf_exempt  # a JSON 404 for any method; there is nothing here to protect
def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """JSON, not the portal's HTML page, for any address under /api/v1/ that does not exist."""
    return api.create_response(
        request, {"detail": _("There is nothing at this address.")}, status=404
    )


def _allow_any_origin(run):
    """Lets any web page read the public endpoints from a browser (CORS). They are open data
    and need no credentials; a cross-origin request carries no cookies with `*`."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


# Only the routers without authentication; the organisation and /me routers are left alone.
for _public_router in (
    public.router,
    events.router,
    agreements.router,
    expenses.router,
    ideas.router,
    consultations.router,
    recognition.router,
):
    _public_router.add_decorator(_allow_any_origin, mode="view")

api.add_router("", public.router)
api.add_router("", events.router)
api.add_router("/org", organisation.router)
api.add_router("/org", events.org_router)
api.add_router("", agreements.router)
api.add_router("/org", agreements.org_router)
api.add_router("/me", me.router)
api.add_router("/me/shifts", me_shifts.router)
api.add_router("", expenses.router)
api.add_router("/org", expenses.org_router)
api.add_router("/me", expenses.me_router)

# Dialogue and recognition: each module has a public, a /me and an /org router.
for _module in (
    messages,
    announcements,
    ideas,
    consultations,
    feedback,
    recognition,
    notifications,
):
    api.add_router("", _module.router)
    api.add_router("/me", _module.me_router)
    api.add_router("/org", _module.org_router)
