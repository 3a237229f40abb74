from django.urls import path

from frivillig.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.choose_organisation, name="choose"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
]
