"""Back-office routes for ideas routed to an organisation; composed into backoffice.urls.

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path  # noqa: F401

account_urlpatterns = []

organisation_urlpatterns = []

PK_MODELS = {}
