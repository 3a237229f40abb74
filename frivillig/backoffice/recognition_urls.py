"""Back-office routes for thanks, the frivilligbevis and volunteer awards; composed into
backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import recognition
from frivillig.engagements.models import Engagement

account_urlpatterns = []

organisation_urlpatterns = [
    path(
        "<slug:slug>/frivillige/<int:pk>/tak/",
        recognition.engagement_thank,
        name="engagement_thank",
    ),
]

PK_MODELS = {"engagement_thank": Engagement}
