"""The PDF of an agreement: the frozen text as signed, the signatures so far ("Not signed yet"
until then), and the code and SHA-256 that the public verification page checks.

The PDF's own text is read with pypdf when it is installed, else with poppler's pdftotext
when that is; without either, the test reads the PDF's metadata (its title carries the code)
and the HTML that WeasyPrint printed."""

import contextlib
import os
import re
import shutil
import subprocess
import zlib

import pytest
from django.utils import translation
from django.utils.html import escape

from frivillig.agreements import pdf, services

PASSWORD = "kodeord-der-er-langt-nok"


@pytest.fixture
def sent(make_agreement, organisation, volunteer, coordinator):
    return make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)


def words(msgid, language):
    with translation.override(language):
        return translation.gettext(msgid)


def pdf_text(data: bytes, tmp_path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        import io

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    if pdftotext := shutil.which("pdftotext"):
        path = tmp_path / "agreement.pdf"
        path.write_bytes(data)
        return subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    # The page text is in subset fonts; the document information (title, subject) is not.
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    plain = []
    for stream in streams:
        with contextlib.suppress(zlib.error):
            plain.append(zlib.decompress(stream))
    return b"\n".join([data, *plain]).decode("latin-1")


def test_it_makes_a_pdf_that_carries_the_code(sent, tmp_path):
    data = pdf.render_pdf(sent)
    assert data.startswith(b"%PDF")
    assert sent.code in pdf_text(data, tmp_path)


@pytest.mark.skipif(
    not shutil.which("pdftotext") and not os.environ.get("CI"),
    reason="poppler-utils is not installed (CI installs it and runs this)",
)
def test_the_pdf_text_is_the_frozen_text_and_says_it_is_not_signed_yet(sent, tmp_path):
    text = " ".join(pdf_text(pdf.render_pdf(sent), tmp_path).split())
    assert sent.code in text
    assert " ".join(sent.rendered_text.splitlines()[0].split()) in text
    assert words("Not signed yet", sent.language) in text


def test_it_prints_the_frozen_text_the_hash_and_the_missing_signatures(sent):
    html = pdf.render_html(sent)
    for paragraph in sent.rendered_text.split("\n\n"):
        assert f"<p>{escape(paragraph)}</p>" in html
    assert sent.code in html and sent.sha256 in html
    assert html.count(words("Not signed yet", sent.language)) >= 2
    assert f'lang="{sent.language}"' in html


def test_it_prints_both_signatures_once_signed(sent, volunteer, coordinator):
    services.sign_as_volunteer(
        agreement=sent, volunteer=volunteer, ip="127.0.0.1", password=PASSWORD
    )
    signed = services.countersign(agreement=sent, by=coordinator, ip=None)
    html = pdf.render_html(signed)
    assert volunteer.get_full_name() in html
    assert escape(f"{coordinator.get_full_name()}, {signed.organisation.name}") in html
    assert words("Not signed yet", signed.language) not in html


def test_it_prints_in_the_agreements_language_whatever_the_readers(sent):
    with translation.override("en"):
        html = pdf.render_html(sent)
    assert f'lang="{sent.language}"' in html


def test_the_printed_address_opens_the_filled_in_verification(sent, settings):
    url = pdf.verify_url(sent)
    assert url.startswith(settings.SITE_URL + "/aftaler/bekraeft/?")
    assert f"code={sent.code}" in url and f"sha256={sent.sha256}" in url
    assert escape(url) in pdf.render_html(sent)
    assert pdf.filename(sent) == f"aftale-{sent.code}.pdf"


def test_it_prints_a_cooperation_agreement(make_cooperation, municipal_unit, organisation):
    sent = services.send_cooperation(
        agreement=make_cooperation(municipal_unit=municipal_unit, partner=organisation), by=None
    )
    html = pdf.render_html(sent)
    assert escape(municipal_unit.name) in html and escape(organisation.name) in html
    assert sent.code in html
    assert pdf.render_pdf(sent).startswith(b"%PDF")
