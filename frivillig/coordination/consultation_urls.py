"""Routes of /kommune/ for the municipality's consultations (høringer); composed in
coordination/urls.py. Every view is wrapped in coordination.access.municipal_view."""

from django.urls import path

from frivillig.coordination.views import consultations as views

urlpatterns = [
    path("hoeringer/", views.consultation_list, name="consultations"),
    path("hoeringer/ny/", views.consultation_new, name="consultation_new"),
    path("hoeringer/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("hoeringer/<int:pk>/rediger/", views.consultation_edit, name="consultation_edit"),
    path(
        "hoeringer/<int:pk>/offentliggoer/",
        views.consultation_publish,
        name="consultation_publish",
    ),
    path("hoeringer/<int:pk>/afsnit/ny/", views.section_new, name="consultation_section_new"),
    path(
        "hoeringer/<int:pk>/afsnit/<int:section_pk>/",
        views.section_edit,
        name="consultation_section_edit",
    ),
    path(
        "hoeringer/<int:pk>/afsnit/<int:section_pk>/fjern/",
        views.section_remove,
        name="consultation_section_remove",
    ),
    path(
        "hoeringer/<int:pk>/afsnit/<int:section_pk>/flyt/",
        views.section_move,
        name="consultation_section_move",
    ),
    path(
        "hoeringer/<int:pk>/kommentarer/",
        views.consultation_comments,
        name="consultation_comments",
    ),
    path(
        "hoeringer/<int:pk>/kommentarer.csv",
        views.consultation_export,
        name="consultation_export",
    ),
    path("hoeringer/<int:pk>/svar/", views.consultation_response, name="consultation_response"),
    path(
        "hoeringer/<int:pk>/svar/offentliggoer/",
        views.consultation_response_publish,
        name="consultation_response_publish",
    ),
]
