"""/kommune/: the municipality's shared picture. Every view is wrapped in
coordination.access.municipal_view (a test checks it)."""

from django.urls import include, path

from frivillig.coordination import (
    audit_urls,
    consultation_urls,
    directory_urls,
    feedback_urls,
    idea_urls,
    onboarding_urls,
    overview_urls,
    recognition_urls,
)

app_name = "coordination"

urlpatterns = [
    path("", include(overview_urls)),
    path("", include(directory_urls)),
    path("", include(audit_urls)),
    path("", include(onboarding_urls)),
    path("", include(idea_urls)),
    path("", include(consultation_urls)),
    path("", include(feedback_urls)),
    path("", include(recognition_urls)),
]
