"""The public side of events and shifts, and the volunteer's own shifts."""

from django.urls import path

from frivillig.portal.views import events

urlpatterns = [
    path("arrangementer/", events.event_list, name="events"),
    path("kurser/", events.course_list, name="courses"),
    path("arrangementer/<slug:slug>/", events.event_detail, name="event"),
    path("arrangementer/<slug:slug>/meld-dig/", events.event_signup, name="event_signup"),
    path("arrangementer/<slug:slug>/kalender.ics", events.event_ics, name="event_ics"),
    path("min-side/vagter/", events.my_shifts, name="my_shifts"),
    path("min-side/vagter/<int:pk>/afmeld/", events.cancel_signup, name="cancel_signup"),
    path("min-side/vagter/kalender/", events.calendar_settings, name="calendar_settings"),
    path("kalender/<str:secret>.ics", events.personal_ics, name="personal_ics"),
    path("vagt/<str:code>.ics", events.shift_ics, name="shift_ics"),
]
