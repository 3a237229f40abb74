"""An agreement as a PDF (WeasyPrint): the frozen text exactly as signed, the signatures, and
the code and SHA-256 that the public verification page checks.

The PDF is made on request from the stored text, never stored itself: the text and the
signatures cannot change (a database trigger sees to that), so the same document always
prints the same, and there is no second copy to keep in step or to delete with the account."""

from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from frivillig.agreements.models import (
    AgreementStatus,
    CooperationStatus,
    IndividualAgreement,
)


def filename(document) -> str:
    return f"aftale-{document.code}.pdf"


def verify_url(document) -> str:
    """The public verification page, filled in for this document, so a reader of the paper
    copy can type one address (or follow the link) and see whether the text matches."""
    query = urlencode({"code": document.code, "sha256": document.sha256})
    return f"{settings.SITE_URL}{reverse('portal:verify_agreement')}?{query}"


def _party(signer_name: str, organisation) -> str:
    return f"{signer_name}, {organisation.name}" if signer_name else organisation.name


def _signatures(document):
    if isinstance(document, IndividualAgreement):
        return [
            (
                document.volunteer.get_full_name() or document.volunteer.email,
                document.volunteer_signed_at,
            ),
            (
                _party(document.organisation_signer_name, document.organisation),
                document.organisation_signed_at,
            ),
        ]
    return [
        (_party(document.unit_signer_name, document.municipal_unit), document.unit_signed_at),
        (_party(document.partner_signer_name, document.partner), document.partner_signed_at),
    ]


def render_html(document) -> str:
    """The HTML that WeasyPrint prints, in the document's own language (the language it was
    signed in, whatever the reader's)."""
    individual = isinstance(document, IndividualAgreement)
    language = document.language if individual else "da"
    signatures = _signatures(document)
    signed = {AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED} | {
        CooperationStatus.ACTIVE,
        CooperationStatus.SUPERSEDED,
    }
    with translation.override(language):
        return render_to_string(
            "agreements/pdf/document.html",
            {
                "document": document,
                "status": document.get_status_display(),
                "fully_signed": document.status in signed,
                "any_signed": any(when for _, when in signatures),
                "paragraphs": document.rendered_text.split("\n\n"),
                "signatures": signatures,
                "verify_url": verify_url(document),
                "municipality": settings.MUNICIPALITY,
            },
        )


def render_pdf(document) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import HTML

    return HTML(string=render_html(document), base_url=settings.SITE_URL).write_pdf()
