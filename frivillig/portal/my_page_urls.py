from django.urls import path

from frivillig.portal.views import my_page

urlpatterns = [
    path("", my_page.index, name="my_page"),
    path(
        "ansoegninger/<int:pk>/traek-tilbage/",
        my_page.withdraw_application,
        name="withdraw_application",
    ),
    path("engagementer/<int:pk>/pause/", my_page.pause_engagement, name="pause_engagement"),
    path("engagementer/<int:pk>/genoptag/", my_page.resume_engagement, name="resume_engagement"),
    path("engagementer/<int:pk>/afslut/", my_page.end_engagement, name="end_engagement"),
    path("mine-data.json", my_page.my_data, name="my_data"),
    path("slet-konto/", my_page.delete_account, name="delete_account"),
    path("farvel/", my_page.account_deleted, name="account_deleted"),
]
