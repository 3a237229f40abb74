"""The central volunteer office's expense pages: the rates and tax-free limits per year as the
platform knows them, and an overview of claims across every organisation.

Only the organisation marked as the municipality's volunteer office has these pages; for every
other organisation they do not exist (404), like any page someone may not see. Both pages only
read: the rates change by loading the data file (`manage.py load_expense_rates`), and claims are
decided by each payer. The overview shows counts and sums per organisation, never a person."""

from decimal import Decimal
from functools import wraps

from django import forms
from django.db.models import Count, Sum
from django.http import Http404, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.forms import StyledForm
from frivillig.backoffice.views.common import render_page
from frivillig.expenses import rates
from frivillig.expenses.models import Claim, ClaimStatus, YearRates
from frivillig.organisations.models import OrganisationKind

SECTION = "expense_office"
# Drafts are the volunteer's own until submitted; the office counts what reached a payer.
OVERVIEW_STATUSES = [
    ClaimStatus.SUBMITTED,
    ClaimStatus.APPROVED,
    ClaimStatus.REJECTED,
    ClaimStatus.PAID,
]
RELOAD_COMMAND = "python manage.py load_expense_rates"
# The keys the shipped data file uses for its sources; any other key is shown as written.
SOURCE_LABELS = {"mileage": _("Mileage rates"), "limits": _("Tax-free limits")}


def office_view(view):
    """A read-only page of the volunteer office: 404 for any other organisation."""

    @organisation_view()
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.organisation.is_volunteer_office:
            raise Http404
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, *args, **kwargs)

    return wrapper


def _figures(year_rates: YearRates | None) -> list[dict]:
    """Each figure of a year with its label; value None when it is not recorded."""
    return [
        {
            "name": name,
            "label": YearRates._meta.get_field(name).verbose_name,
            "value": getattr(year_rates, name) if year_rates else None,
            "is_rate": name.startswith("mileage_"),
        }
        for name in rates.FIELDS
    ]


@office_view
def rates_page(request):
    known = list(YearRates.objects.order_by("-year"))
    this_year = timezone.localdate().year
    years = [
        {
            "year": item.year,
            "figures": _figures(item),
            "missing": item.missing,
            "sources": [
                (SOURCE_LABELS.get(key, key), text)
                for key, text in sorted((item.sources or {}).items())
            ],
            "updated_at": item.updated_at,
            "recorded": True,
        }
        for item in known
    ]
    if this_year not in {item.year for item in known}:
        # Claims for this year cannot be priced: say so rather than leave the year out.
        years.append(
            {
                "year": this_year,
                "figures": _figures(None),
                "missing": [f["label"] for f in _figures(None)],
                "sources": [],
                "updated_at": None,
                "recorded": False,
            }
        )
        years.sort(key=lambda y: -y["year"])
    rows = [
        {"label": figure["label"], "is_rate": figure["is_rate"], "cells": []}
        for figure in _figures(None)
    ]
    for year in years:
        for row, figure in zip(rows, year["figures"], strict=True):
            row["cells"].append(figure["value"])
    return render_page(
        request,
        "backoffice/expense_office/rates.html",
        {
            "years": years,
            "rows": rows,
            "this_year": this_year,
            "data_file": "frivillig/expenses/data/rates.json",
            "command": RELOAD_COMMAND,
        },
        section=SECTION,
    )


class YearForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


def _years_to_choose(this_year: int) -> list[int]:
    years = set(Claim.objects.order_by().values_list("year", flat=True).distinct())
    years |= set(YearRates.objects.values_list("year", flat=True))
    years.add(this_year)
    return sorted(years, reverse=True)


def overview_rows(year: int) -> tuple[list[dict], dict]:
    """Per organisation with claims in `year`: the number and sum of claims in each status,
    in one query; and the totals over all organisations."""
    grouped = (
        Claim.objects.filter(year=year, status__in=OVERVIEW_STATUSES)
        .values("organisation_id", "organisation__name", "organisation__kind", "status")
        # A claim has many lines: count claims, not joined rows.
        .annotate(claims=Count("id", distinct=True), amount=Sum("lines__amount"))
        .order_by("organisation__name", "organisation_id")
    )

    def empty():
        return {s: {"claims": 0, "amount": Decimal(0)} for s in OVERVIEW_STATUSES}

    rows: dict[int, dict] = {}
    totals = empty()
    for item in grouped:
        row = rows.setdefault(
            item["organisation_id"],
            {
                "name": item["organisation__name"],
                "kind": item["organisation__kind"],
                "by_status": empty(),
            },
        )
        cell = row["by_status"][item["status"]]
        cell["claims"] += item["claims"]
        cell["amount"] += item["amount"] or Decimal(0)
        totals[item["status"]]["claims"] += item["claims"]
        totals[item["status"]]["amount"] += item["amount"] or Decimal(0)
    for row in rows.values():
        row["cells"] = [row["by_status"][s] for s in OVERVIEW_STATUSES]
    return list(rows.values()), [totals[s] for s in OVERVIEW_STATUSES]


@office_view
def overview(request):
    this_year = timezone.localdate().year
    years = _years_to_choose(this_year)
    form = YearForm(request.GET or None, years=years, initial={"year": this_year})
    year = form.cleaned_data["year"] if form.is_valid() else this_year
    rows, totals = overview_rows(year)
    for row in rows:
        row["kind_label"] = OrganisationKind(row["kind"]).label
    return render_page(
        request,
        "backoffice/expense_office/overview.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "totals": totals,
            "statuses": [ClaimStatus(s).label for s in OVERVIEW_STATUSES],
        },
        section=SECTION,
    )
