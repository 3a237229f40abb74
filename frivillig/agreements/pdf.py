"""An agreement as a PDF (WeasyPrint): the frozen text exactly as signed, the signatures, and
the code and SHA-256 that the public verification page checks."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from frivillig.agreements.models import IndividualAgreement


def render_pdf(document) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only PDF requests need.
    from weasyprint import HTML

    individual = isinstance(document, IndividualAgreement)
    if individual:
        signatures = [
            (
                document.volunteer.get_full_name() or document.volunteer.email,
                document.volunteer_signed_at,
            ),
            (
                f"{document.organisation_signer_name}, {document.organisation.name}"
                if document.organisation_signer_name
                else document.organisation.name,
                document.organisation_signed_at,
            ),
        ]
        language = document.language
    else:
        signatures = [
            (
                f"{document.unit_signer_name}, {document.municipal_unit.name}"
                if document.unit_signer_name
                else document.municipal_unit.name,
                document.unit_signed_at,
            ),
            (
                f"{document.partner_signer_name}, {document.partner.name}"
                if document.partner_signer_name
                else document.partner.name,
                document.partner_signed_at,
            ),
        ]
        language = "da"
    with translation.override(language):
        html = render_to_string(
            "agreements/pdf/document.html",
            {
                "document": document,
                "paragraphs": document.rendered_text.split("\n\n"),
                "signatures": signatures,
                "verify_url": settings.SITE_URL + reverse("portal:verify_agreement"),
                "municipality": settings.MUNICIPALITY,
            },
        )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
