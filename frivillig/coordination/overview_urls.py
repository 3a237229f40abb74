"""Routes of /kommune/ for this part; composed in coordination/urls.py."""

from django.urls import path

from frivillig.coordination.views import joint, overview

urlpatterns = [
    path("", overview.overview_page, name="overview"),
    path("eksport/<str:table>.csv", overview.overview_csv, name="overview_csv"),
]

urlpatterns += [
    path("faelles-indsatser/", joint.candidates, name="joint_candidates"),
    path("faelles-indsatser/sammenkaed/", joint.link, name="joint_link"),
    path("faelles-indsatser/<int:pk>/ophaev/", joint.unlink, name="joint_unlink"),
]
