"""Portal routes for citizens' ideas for volunteer efforts; composed in portal/urls.py."""

from django.urls import path

from frivillig.portal.views import ideas

urlpatterns = [
    path("ideer/", ideas.public_ideas, name="ideas"),
    path("ideer/ny/", ideas.new_idea, name="idea_new"),
    path("min-side/ideer/", ideas.my_ideas, name="my_ideas"),
    path("min-side/ideer/<int:pk>/", ideas.my_idea, name="my_idea"),
    path("min-side/ideer/<int:pk>/modtaget/", ideas.idea_receipt, name="idea_receipt"),
    path("min-side/ideer/<int:pk>/samtykke/", ideas.idea_consent, name="idea_consent"),
]
