"""The public statistics page and the yearly report "Frivillighed i <kommune> <år>", as a page
to read or print and as a PDF. Only anonymous counts, with small ones suppressed."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from frivillig.coordination import statistics
from frivillig.text import danish_slug


def page(request):
    figures = statistics.overview()
    return render(
        request,
        "portal/statistics/page.html",
        {
            "figures": statistics.public(figures),
            "years": _years(),
            "nav": "statistics",
        },
    )


def _years() -> list[int]:
    return list(range(statistics.current_year(), statistics.first_year() - 1, -1))


def _report_year(year: int) -> int:
    # Reports exist from the first year with data up to this year; anything else is a 404
    # rather than a page of zeros for the year 1066.
    if not statistics.first_year() <= year <= statistics.current_year():
        raise Http404
    return year


def _report_context(year: int) -> dict:
    return {
        "year": year,
        "report": statistics.public(statistics.report(year)),
        "running": year == statistics.current_year(),
    }


def report(request, year: int):
    context = _report_context(_report_year(year))
    context["nav"] = "statistics"
    return render(request, "portal/statistics/report.html", context)


def report_pdf(request, year: int):
    context = _report_context(_report_year(year))
    context["municipality"] = settings.MUNICIPALITY
    html = render_to_string("portal/statistics/report_pdf.html", context, request=request)
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    slug = danish_slug(settings.MUNICIPALITY["short_name"])
    response["Content-Disposition"] = f'inline; filename="frivillighed-i-{slug}-{year}.pdf"'
    return response
