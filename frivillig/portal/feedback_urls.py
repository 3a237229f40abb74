"""Portal routes for feedback surveys after engagements and events; composed in portal/urls.py."""

from django.urls import path

from frivillig.portal.views import feedback

urlpatterns = [
    path("min-side/feedback/", feedback.my_feedback, name="my_feedback"),
    path("min-side/feedback/<int:pk>/", feedback.answer, name="feedback_answer"),
]
