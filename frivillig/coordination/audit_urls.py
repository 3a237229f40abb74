"""Routes of /kommune/ for this part; composed in coordination/urls.py."""

from django.urls import path

from frivillig.coordination.views import audit

urlpatterns = [
    path("persondatalog/", audit.audit_log, name="audit_log"),
    path("persondatalog/csv/", audit.audit_log_csv, name="audit_log_csv"),
]
