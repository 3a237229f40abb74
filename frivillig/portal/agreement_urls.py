"""The volunteer's agreements on "Min side", and the public framework and verification pages."""

from django.urls import path

from frivillig.portal.views import agreements

urlpatterns = [
    path("min-side/aftaler/", agreements.my_agreements, name="my_agreements"),
    path("min-side/aftaler/<int:pk>/", agreements.my_agreement, name="my_agreement"),
    path("min-side/aftaler/<int:pk>/underskriv/", agreements.sign, name="sign_agreement"),
    path("min-side/aftaler/<int:pk>/kode/", agreements.send_code, name="agreement_code"),
    path("min-side/aftaler/<int:pk>/afslut/", agreements.end, name="end_agreement"),
    path("min-side/aftaler/<int:pk>/aftale.pdf", agreements.pdf, name="agreement_pdf"),
    path("rammeaftale/", agreements.framework, name="framework"),
    path("aftaler/bekraeft/", agreements.verify, name="verify_agreement"),
]
