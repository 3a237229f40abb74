"""The three steps of "Meld dig", mounted by portal/urls.py at muligheder/<slug>/meld-dig/
(inside the `portal` namespace: reverse "portal:apply", "portal:apply_confirm",
"portal:apply_done")."""

from django.urls import path

from frivillig.portal.views import apply

urlpatterns = [
    path("", apply.start, name="apply"),
    path("kode/", apply.confirm, name="apply_confirm"),
    path("kvittering/", apply.done, name="apply_done"),
]
