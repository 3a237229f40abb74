"""Portal routes for thanks, the frivilligbevis and volunteer awards; composed in portal/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
