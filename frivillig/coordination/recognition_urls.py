"""Routes of /kommune/ for thanks, the frivilligbevis and volunteer awards; composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path  # noqa: F401

urlpatterns = []
