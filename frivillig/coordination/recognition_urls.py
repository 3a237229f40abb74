"""Routes of /kommune/ for thanks, the frivilligbevis and volunteer awards; composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path

from frivillig.coordination.views import recognition

urlpatterns = [
    path("priser/", recognition.round_list, name="award_rounds"),
    path("priser/ny/", recognition.round_create, name="award_round_create"),
    path("priser/<int:pk>/", recognition.round_detail, name="award_round"),
    path("priser/<int:pk>/status/", recognition.round_status, name="award_round_status"),
    path("priser/<int:pk>/csv/", recognition.round_csv, name="award_round_csv"),
    path(
        "priser/<int:pk>/indstillinger/<int:nomination_pk>/shortlist/",
        recognition.nomination_shortlist,
        name="nomination_shortlist",
    ),
]
