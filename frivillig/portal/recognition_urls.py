"""Portal routes for thanks, the frivilligbevis and volunteer awards; composed in portal/urls.py."""

from django.urls import path

from frivillig.portal.views import recognition

urlpatterns = [
    path("min-side/tak/", recognition.my_thanks, name="my_thanks"),
    path("min-side/frivilligbevis/", recognition.my_certificates, name="my_certificates"),
    path(
        "min-side/frivilligbevis/<int:pk>/pdf/",
        recognition.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "min-side/frivilligbevis/<int:pk>/tilbagekald/",
        recognition.certificate_revoke,
        name="certificate_revoke",
    ),
    path("min-side/frivilligpris/", recognition.my_nominations, name="my_nominations"),
    path("bevis/", recognition.verify_certificate, name="verify_certificate"),
    path("bevis/<str:code>/", recognition.certificate, name="certificate"),
    path("frivilligpris/", recognition.award, name="award"),
]
