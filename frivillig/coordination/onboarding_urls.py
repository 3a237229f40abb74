"""Routes of /kommune/ for this part; composed in coordination/urls.py."""

from django.urls import path

from frivillig.coordination.views import onboarding

urlpatterns = [
    path("organisationer/ansoegninger/", onboarding.request_list, name="onboarding"),
    path(
        "organisationer/ansoegninger/<int:pk>/", onboarding.request_detail, name="onboarding_detail"
    ),
    path(
        "organisationer/ansoegninger/<int:pk>/godkend/",
        onboarding.request_approve,
        name="onboarding_approve",
    ),
    path(
        "organisationer/ansoegninger/<int:pk>/afvis/",
        onboarding.request_reject,
        name="onboarding_reject",
    ),
    path(
        "organisationer/ansoegninger/<int:pk>/spoerg/",
        onboarding.request_question,
        name="onboarding_question",
    ),
]
