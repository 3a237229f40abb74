"""Back-office routes of the central volunteer office's expense pages; composed into
backoffice.urls (see its docstring). They exist only for the organisation marked as the
volunteer office and answer 404 for every other one.

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py):
none here, the pages show no single object."""

from django.urls import path

from frivillig.backoffice.views import expense_office

account_urlpatterns = []

_OFFICE = "<slug:slug>/frivilligkontor/udgifter/"

organisation_urlpatterns = [
    path(f"{_OFFICE}satser/", expense_office.rates_page, name="expense_office_rates"),
    path(f"{_OFFICE}oversigt/", expense_office.overview, name="expense_office_overview"),
]

PK_MODELS = {}
