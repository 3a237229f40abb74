"""Portal routes for notification preferences and the daily digest; composed in portal/urls.py."""

from django.urls import path

from frivillig.portal.views import notifications

urlpatterns = [
    path(
        "min-side/notifikationer/",
        notifications.preferences,
        name="notification_preferences",
    ),
]
