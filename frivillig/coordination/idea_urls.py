"""Routes of /kommune/ for citizens' ideas for volunteer efforts; composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path

from frivillig.coordination.views import ideas

urlpatterns = [
    path("ideer/", ideas.idea_list, name="ideas"),
    path("ideer/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideer/<int:pk>/send-videre/", ideas.idea_route, name="idea_route"),
    path("ideer/<int:pk>/svar/", ideas.idea_decide, name="idea_decide"),
]
