"""Portal routes for notification preferences and the daily digest; composed in portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
