"""Routes of /kommune/ for the municipality's consultations (høringer); composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path  # noqa: F401

urlpatterns = []
