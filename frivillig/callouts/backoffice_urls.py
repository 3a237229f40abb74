"""Back-office routes for emergency call-outs; composed into backoffice.urls.

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.callouts.models import CallOut
from frivillig.callouts.views import backoffice as views

organisation_urlpatterns = [
    path("<slug:slug>/beredskab/", views.callout_list, name="callout_list"),
    path("<slug:slug>/beredskab/ny/", views.callout_create, name="callout_create"),
    path("<slug:slug>/beredskab/<int:pk>/", views.callout_detail, name="callout_detail"),
    path("<slug:slug>/beredskab/<int:pk>/status/", views.callout_live, name="callout_live"),
    path("<slug:slug>/beredskab/<int:pk>/luk/", views.callout_close, name="callout_close"),
]
PK_MODELS = {
    "callout_detail": CallOut,
    "callout_live": CallOut,
    "callout_close": CallOut,
}
