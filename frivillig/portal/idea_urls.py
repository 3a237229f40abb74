"""Portal routes for citizens' ideas for volunteer efforts; composed in portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
