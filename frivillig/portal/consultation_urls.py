"""Portal routes for the municipality's consultations (høringer); composed in portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
