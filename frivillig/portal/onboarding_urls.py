"""An association asks to join, mounted by portal/urls.py at the site root (inside the
`portal` namespace). Not under organisationer/: that prefix is taken by organisation slugs."""

from django.urls import path

from frivillig.portal.views import onboarding

urlpatterns = [
    path("ny-organisation/", onboarding.join, name="onboarding"),
    path("ny-organisation/tak/", onboarding.done, name="onboarding_done"),
    path("ny-organisation/svar/<str:token>/", onboarding.answer, name="onboarding_answer"),
]
