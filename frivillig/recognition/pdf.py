"""The frivilligbevis as a PDF (WeasyPrint), made on request from the frozen snapshot and
never stored: the snapshot cannot change, so the same certificate always prints the same,
and there is no second copy to delete with the account."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe

from frivillig.recognition.models import Certificate


def filename(certificate: Certificate) -> str:
    return f"frivilligbevis-{certificate.code}.pdf"


def verify_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("portal:certificate", args=[certificate.code])


def qr_svg(url: str) -> str:
    # segno writes only numbers and fixed markup; the URL is ours (SITE_URL and the code).
    return mark_safe(  # noqa: S308
        segno.make(url, error="m", micro=False).svg_inline(
            omitsize=True, dark="#000", light="#fff", border=4
        )
    )


def _dated(rows: list[dict]) -> list[dict]:
    """The snapshot keeps ISO dates (language-neutral); the page formats them."""
    return [
        {**row, "start": parse_date(row["start"] or ""), "end": parse_date(row["end"] or "")}
        for row in rows
    ]


def context(certificate: Certificate) -> dict:
    content = certificate.content
    return {
        "certificate": certificate,
        "content": content,
        "roles": _dated(content.get("roles", [])),
        "courses": _dated(content.get("courses", [])),
        "thanks": [
            {**row, "date": parse_date(row["date"] or "")} for row in content.get("thanks", [])
        ],
        "issued_on": parse_date(content.get("issued_on") or ""),
    }


def render_html(certificate: Certificate) -> str:
    url = verify_url(certificate)
    with translation.override(certificate.language):
        return render_to_string(
            "recognition/pdf/certificate.html",
            {**context(certificate), "verify_url": url, "qr": qr_svg(url)},
        )


def render_pdf(certificate: Certificate) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import HTML

    return HTML(string=render_html(certificate), base_url=settings.SITE_URL).write_pdf()
