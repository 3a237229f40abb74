"""The municipal overview: activity, unmet needs and reach in the coordinator's part of the
municipality, every table also as a CSV file."""

from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone

from frivillig import spreadsheet
from frivillig.activity.models import Coverage
from frivillig.coordination import overview
from frivillig.coordination.access import municipal_view


@municipal_view()
def overview_page(request):
    period = overview.Period.current()
    return render(
        request,
        "coordination/overview/index.html",
        {
            "sections": overview.sections(request.scope, period),
            "period": period,
            "coverage": Coverage.objects.first(),
        },
    )


def _cell(value) -> str:
    # An organisation named "=HYPERLINK(...)" must stay text when opened in a spreadsheet;
    # a change such as "+12 %" is harmless but is quoted the same way.
    if isinstance(value, Decimal):
        return formats.number_format(value)
    return spreadsheet.text(value)


@municipal_view()
def overview_csv(request, table):
    build = overview.TABLES.get(table)
    if build is None:
        raise Http404
    data = build(request.scope, overview.Period.current())
    response = HttpResponse(
        spreadsheet.csv_bytes(data.columns, ([_cell(value) for value in row] for row in data.rows)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"overview-{data.name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
