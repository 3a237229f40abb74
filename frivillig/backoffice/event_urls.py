"""Back-office routes for events; composed into backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import events
from frivillig.events.models import Event, Shift, ShiftSignup, Team

account_urlpatterns = []

_EVENT = "<slug:slug>/arrangementer/"

organisation_urlpatterns = [
    path(_EVENT, events.event_list, name="event_list"),
    path(f"{_EVENT}nyt/", events.event_create, name="event_create"),
    path(f"{_EVENT}<int:pk>/", events.event_detail, name="event_detail"),
    path(f"{_EVENT}<int:pk>/rediger/", events.event_edit, name="event_edit"),
    path(f"{_EVENT}<int:pk>/offentliggoer/", events.event_publish, name="event_publish"),
    path(f"{_EVENT}<int:pk>/hold/nyt/", events.event_team_create, name="event_team_create"),
    path(f"{_EVENT}<int:pk>/vagter/ny/", events.event_shift_create, name="event_shift_create"),
    path(f"{_EVENT}<int:pk>/vagter/kopier-dag/", events.event_copy_day, name="event_copy_day"),
    path(f"{_EVENT}<int:pk>/vagter/vagtplan/", events.event_grid, name="event_grid"),
    path(f"{_EVENT}<int:pk>/besked/", events.event_broadcast, name="event_broadcast"),
    path(f"{_EVENT}<int:pk>/vagtliste/", events.event_roster, name="event_roster"),
    path(f"{_EVENT}<int:pk>/vagtliste.csv", events.event_roster_csv, name="event_roster_csv"),
    path(f"{_EVENT}<int:pk>/vagtliste.pdf", events.event_roster_pdf, name="event_roster_pdf"),
    path(f"{_EVENT}hold/<int:pk>/rediger/", events.event_team_edit, name="event_team_edit"),
    path(f"{_EVENT}vagter/<int:pk>/", events.event_shift_detail, name="event_shift_detail"),
    path(f"{_EVENT}vagter/<int:pk>/rediger/", events.event_shift_edit, name="event_shift_edit"),
    path(f"{_EVENT}vagter/<int:pk>/aflys/", events.event_shift_cancel, name="event_shift_cancel"),
    path(
        f"{_EVENT}tilmeldinger/<int:pk>/fjern/",
        events.event_signup_remove,
        name="event_signup_remove",
    ),
]

PK_MODELS = {
    "event_detail": Event,
    "event_edit": Event,
    "event_publish": Event,
    "event_team_create": Event,
    "event_shift_create": Event,
    "event_copy_day": Event,
    "event_grid": Event,
    "event_broadcast": Event,
    "event_roster": Event,
    "event_roster_csv": Event,
    "event_roster_pdf": Event,
    "event_team_edit": Team,
    "event_shift_detail": Shift,
    "event_shift_edit": Shift,
    "event_shift_cancel": Shift,
    "event_signup_remove": ShiftSignup,
}
