"""Back-office routes for an organisation's announcements to its volunteers; composed into
backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import announcements
from frivillig.dialog.announcements.models import Announcement

account_urlpatterns = []

organisation_urlpatterns = [
    path("<slug:slug>/nyheder/", announcements.announcement_list, name="announcement_list"),
    path(
        "<slug:slug>/nyheder/ny/",
        announcements.announcement_create,
        name="announcement_create",
    ),
    path(
        "<slug:slug>/nyheder/<int:pk>/",
        announcements.announcement_detail,
        name="announcement_detail",
    ),
]

PK_MODELS = {"announcement_detail": Announcement}
