"""Portal routes for an organisation's announcements to its volunteers; composed in
portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
