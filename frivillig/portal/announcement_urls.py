"""Portal routes for an organisation's announcements to its volunteers; composed in
portal/urls.py."""

from django.urls import path

from frivillig.portal.views import announcements

urlpatterns = [
    path("min-side/nyheder/", announcements.my_announcements, name="my_announcements"),
    path(
        "min-side/nyheder/fravalg/",
        announcements.announcement_choices,
        name="announcement_choices",
    ),
    path("min-side/nyheder/<int:pk>/", announcements.my_announcement, name="my_announcement"),
    # From the link in an e-mail, without signing in: the signed key is the permission.
    path(
        "nyheder/fravalg/<str:token>/",
        announcements.opt_out_link,
        name="announcement_opt_out_link",
    ),
]
