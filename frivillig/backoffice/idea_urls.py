"""Back-office routes for ideas routed to an organisation; composed into backoffice.urls.

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import ideas
from frivillig.dialog.ideas.models import Idea

account_urlpatterns = []

organisation_urlpatterns = [
    path("<slug:slug>/ideer/", ideas.idea_list, name="idea_list"),
    path("<slug:slug>/ideer/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("<slug:slug>/ideer/<int:pk>/svar/", ideas.idea_answer, name="idea_answer"),
]

PK_MODELS = {
    "idea_detail": Idea,
    "idea_answer": Idea,
}
