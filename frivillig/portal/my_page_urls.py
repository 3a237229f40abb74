from django.urls import path

from frivillig.portal.views import my_page

urlpatterns = [
    path("", my_page.index, name="my_page"),
]
