"""Routes of /kommune/ for this part; composed in coordination/urls.py."""

from django.urls import path

from frivillig.coordination.views import overview

urlpatterns = [
    path("", overview.overview_page, name="overview"),
    path("eksport/<str:table>.csv", overview.overview_csv, name="overview_csv"),
]
