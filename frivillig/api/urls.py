from django.urls import path, re_path

from frivillig.api.api import api, index, not_found

urlpatterns = [
    # Before ninja's own root view, which only exists to be reversed and answers an HTML 404.
    path("", index, name="index"),
    path("", api.urls),
    # Last, so that only addresses the API does not know reach it.
    re_path(r"^.*$", not_found),
]
