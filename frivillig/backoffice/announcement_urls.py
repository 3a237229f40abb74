"""Back-office routes for an organisation's announcements to its volunteers; composed into
backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path  # noqa: F401

account_urlpatterns = []

organisation_urlpatterns = []

PK_MODELS = {}
