"""The volunteer's call-out pages, included into the portal namespace (names start with
callout_)."""

from django.urls import path

from frivillig.callouts.views import volunteer

urlpatterns = [
    path("min-side/beredskab/", volunteer.callout_preferences, name="callout_preferences"),
    path("beredskab/svar/<str:token>/", volunteer.callout_respond, name="callout_respond"),
]
