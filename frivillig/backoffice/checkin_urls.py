"""Back-office routes for check-in on the day; composed into backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import checkin
from frivillig.events.models import Shift

account_urlpatterns = [
    # The QR code on a volunteer's confirmation; before "<slug:slug>/" so that "tjek-ind" is
    # never read as an organisation.
    path("tjek-ind/<str:code>/", checkin.checkin_by_code, name="checkin_by_code"),
]
organisation_urlpatterns = [
    path("<slug:slug>/tjek-ind/", checkin.checkin_today, name="checkin_today"),
    path("<slug:slug>/tjek-ind/vagter/<int:pk>/", checkin.checkin_shift, name="checkin_shift"),
]
PK_MODELS = {"checkin_shift": Shift}
