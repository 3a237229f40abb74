"""Portal routes for messages between a volunteer and an organisation (portal/urls.py)."""

from django.urls import path

from frivillig.portal.views import messages

urlpatterns = [
    path("min-side/beskeder/", messages.my_threads, name="my_threads"),
    path("min-side/beskeder/<int:pk>/", messages.my_thread, name="my_thread"),
    path("min-side/beskeder/ny/<slug:slug>/", messages.new_thread, name="new_thread"),
]
