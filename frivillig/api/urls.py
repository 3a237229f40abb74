from django.urls import path, re_path

from frivillig.api.api import api, not_found

urlpatterns = [
    path("", api.urls),
    # Last, so that only addresses the API does not know reach it.
    re_path(r"^.*$", not_found),
]
