"""The frivilligbevis as a PDF: real WeasyPrint, in the language chosen at issue, with the
municipality's name, the code, the verification address and a QR code of it."""

import pytest

from frivillig.events.models import EventKind
from frivillig.recognition import pdf, services


@pytest.fixture
def certificate(volunteer, engagement, worked):
    worked(volunteer, hours="4.00")
    worked(volunteer, hours="1.50")
    worked(volunteer, hours="3.00", kind=EventKind.COURSE)
    return services.issue_certificate(user=volunteer, language="en")


def test_it_prints_a_pdf(certificate):
    data = pdf.render_pdf(certificate)
    assert data.startswith(b"%PDF")
    assert len(data) > 5_000
    assert pdf.filename(certificate) == f"frivilligbevis-{certificate.code}.pdf"


def test_the_printed_page_has_the_figures_code_address_and_qr_in_the_chosen_language(
    certificate, settings
):
    html = pdf.render_html(certificate)
    url = f"{settings.SITE_URL}/bevis/{certificate.code}/"
    assert pdf.verify_url(certificate) == url
    assert 'lang="en"' in html and "Volunteer certificate" in html
    assert settings.MUNICIPALITY["name"] in html
    assert certificate.code in html and url in html
    assert "<svg" in html
    assert "Vera Frivillig" in html
    assert "5.50" in html  # the hours in total (the course is not counted)
    assert certificate.content["courses"][0]["title"] in html
    assert "ongoing" in html


def test_a_danish_certificate_prints_in_danish(volunteer, engagement, settings):
    certificate = services.issue_certificate(user=volunteer, language="da")
    html = pdf.render_html(certificate)
    assert 'lang="da"' in html
