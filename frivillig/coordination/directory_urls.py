"""Routes of /kommune/ for this part; composed in coordination/urls.py."""

from django.urls import path

from frivillig.coordination.views import directory

urlpatterns = [
    path("koordinatorer/", directory.directory, name="directory"),
]
