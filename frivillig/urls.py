from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("frivillig.api.urls")),
    path("org/", include("frivillig.backoffice.urls")),
    path("kommune/", include("frivillig.coordination.urls")),
    # The profile first, so allauth's catch-alls under konto/ never shadow it.
    path("konto/", include("frivillig.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("frivillig.portal.urls")),
]

handler404 = "frivillig.portal.views.errors.not_found"
handler500 = "frivillig.portal.views.errors.server_error"
