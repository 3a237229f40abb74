"""The QR code on a confirmed place: a team lead scans it on the day to check the person in.

It encodes the absolute address of the back office's check-in page for the sign-up's
check-in code. That code is the only secret in it; the page behind it asks the scanner to be
a lead or staff of the event."""

import segno
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CHECKIN_ROUTE = "backoffice:checkin_by_code"


def checkin_url(code: str) -> str:
    try:
        path = reverse(CHECKIN_ROUTE, args=[code])
    except NoReverseMatch:
        # The back-office check-in route is written separately; until it is registered the
        # address is the one it will have.
        path = f"/org/tjek-ind/{code}/"
    return settings.SITE_URL + path


def checkin_svg(code: str, *, label: str) -> SafeString:
    """An inline SVG that scales with its box (viewBox, no fixed size), with a text
    alternative; quiet zone and error correction "M" so a phone screen scans reliably."""
    qr = segno.make(checkin_url(code), error="m", micro=False)
    svg = qr.svg_inline(
        omitsize=True, dark="#000", light="#fff", border=4, svgclass="shift-qr__code"
    )
    # segno writes only numbers and fixed markup; the one outside string is escaped here.
    labelled = svg.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(label)}" focusable="false" ', 1
    )
    return mark_safe(labelled)  # noqa: S308
