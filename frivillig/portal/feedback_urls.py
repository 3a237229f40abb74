"""Portal routes for feedback surveys after engagements and events; composed in portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
