"""Back-office routes for feedback surveys after engagements and events; composed into
backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import feedback

account_urlpatterns = []

organisation_urlpatterns = [
    path("<slug:slug>/feedback/", feedback.feedback_results, name="feedback_results"),
]

PK_MODELS = {}
