"""Routes of /kommune/ for feedback surveys after engagements and events; composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path

from frivillig.coordination.views import feedback

urlpatterns = [
    path("feedback/", feedback.feedback_overview, name="feedback"),
]
