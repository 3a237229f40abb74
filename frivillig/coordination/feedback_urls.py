"""Routes of /kommune/ for feedback surveys after engagements and events; composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path  # noqa: F401

urlpatterns = []
