"""Public statistics, the yearly report and the open-data downloads."""

from django.urls import path, re_path

from frivillig.portal.views import open_data, statistics

urlpatterns = [
    path("statistik/", statistics.page, name="statistics"),
    path("aarsrapport/<int:year>/", statistics.report, name="report"),
    path("aarsrapport/<int:year>/pdf/", statistics.report_pdf, name="report_pdf"),
    path("aabne-data/", open_data.index, name="open_data"),
    re_path(
        r"^aabne-data/(?P<dataset>[a-z]+)\.(?P<fmt>json|csv)$",
        open_data.download,
        name="open_data_download",
    ),
]
