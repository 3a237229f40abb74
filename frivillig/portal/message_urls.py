"""Portal routes for messages between a volunteer and an organisation (portal/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns = []
