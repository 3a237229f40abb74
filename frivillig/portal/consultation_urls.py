"""Portal routes for the municipality's consultations (høringer); composed in portal/urls.py."""

from django.urls import path

from frivillig.portal.views import consultations

urlpatterns = [
    path("hoeringer/", consultations.consultation_list, name="consultations"),
    path("hoeringer/<slug:slug>/", consultations.consultation_detail, name="consultation"),
    path(
        "hoeringer/<slug:slug>/afsnit/<int:number>/kommenter/",
        consultations.add_comment,
        name="consultation_comment",
    ),
]
