"""The central office's consultation pages under /kommune/hoeringer/: write, publish, read all
comments, export them, and answer after the deadline. Nobody else reaches them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Consultation, Phase, Section
from frivillig.dialog.consultations.tests.conftest import close, da
from frivillig.organisations.models import Role
from frivillig.organisations.services import add_member

pytestmark = pytest.mark.django_db


def _say(consultation, author, *, public=True, body="Kommentar", number=1, on_behalf_of=None):
    return services.comment(
        section=consultation.sections.get(number=number),
        author=author,
        body=body,
        public=public,
        on_behalf_of=on_behalf_of,
    )


def _routes(consultation, section):
    pk, spk = consultation.pk, section.pk
    return [
        ("get", reverse("coordination:consultations")),
        ("get", reverse("coordination:consultation_new")),
        ("get", reverse("coordination:consultation_detail", args=[pk])),
        ("get", reverse("coordination:consultation_edit", args=[pk])),
        ("get", reverse("coordination:consultation_publish", args=[pk])),
        ("get", reverse("coordination:consultation_section_new", args=[pk])),
        ("get", reverse("coordination:consultation_section_edit", args=[pk, spk])),
        ("post", reverse("coordination:consultation_section_remove", args=[pk, spk])),
        ("post", reverse("coordination:consultation_section_move", args=[pk, spk])),
        ("get", reverse("coordination:consultation_comments", args=[pk])),
        ("get", reverse("coordination:consultation_export", args=[pk])),
        ("get", reverse("coordination:consultation_response", args=[pk])),
        ("get", reverse("coordination:consultation_response_publish", args=[pk])),
    ]


def test_only_the_central_office_reaches_the_pages(
    client, make_consultation, unit_coordinator, owner, volunteer
):
    consultation = make_consultation(publish=False)
    section = consultation.sections.first()
    routes = _routes(consultation, section)
    for method, url in routes:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url
    for person in (unit_coordinator, owner, volunteer):
        client.force_login(person)
        for method, url in routes:
            assert getattr(client, method)(url).status_code == 404, (person, url)
    assert Section.objects.filter(pk=section.pk).exists()


def test_a_viewer_in_the_office_reads_but_does_not_change(
    client, make_user, volunteer_office, make_consultation
):
    consultation = make_consultation()
    viewer = make_user()
    add_member(organisation=volunteer_office, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("coordination:consultations")).status_code == 200
    detail = client.get(reverse("coordination:consultation_detail", args=[consultation.pk]))
    assert detail.status_code == 200
    assert reverse("coordination:consultation_edit", args=[consultation.pk]) not in (
        detail.content.decode()
    )
    assert client.get(reverse("coordination:consultation_new")).status_code == 404


def test_the_office_writes_and_publishes_a_draft(client, office_staff):
    client.force_login(office_staff)
    closes = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("coordination:consultation_new"),
        {"title": "Udkast: Strategi", "summary": "Kom med input.", "closes_at": closes},
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse(
        "coordination:consultation_detail", args=[consultation.pk]
    )
    for heading in ("Forord", "Åbenhed"):
        response = client.post(
            reverse("coordination:consultation_section_new", args=[consultation.pk]),
            {"heading": heading, "body": "Første afsnit.\n\nAndet afsnit."},
        )
        assert response.status_code == 302
    second = consultation.sections.get(number=2)
    client.post(
        reverse("coordination:consultation_section_move", args=[consultation.pk, second.pk]),
        {"direction": "up"},
    )
    assert list(consultation.sections.values_list("heading", flat=True)) == ["Åbenhed", "Forord"]
    page = client.get(reverse("coordination:consultation_publish", args=[consultation.pk]))
    assert page.status_code == 200
    client.post(reverse("coordination:consultation_publish", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.phase == Phase.OPEN
    public = client.get(consultation.get_absolute_url()).content.decode()
    assert "<p>Første afsnit.</p>" in public and "<p>Andet afsnit.</p>" in public


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "summary": "x", "closes_at": "2099-01-01T12:00"}, "Write a title."),
        ({"title": "x" * 10_000, "summary": "x", "closes_at": "2099-01-01T12:00"}, "200"),
        (
            {"title": "T", "summary": "x", "closes_at": "i morgen"},
            "Write the deadline as a date and a time.",
        ),
        (
            {"title": "T", "summary": "x", "closes_at": "2000-01-01T12:00"},
            "The deadline must be in the future.",
        ),
    ],
)
def test_bad_input_on_the_draft_keeps_what_was_typed(client, office_staff, data, message):
    client.force_login(office_staff)
    response = client.post(reverse("coordination:consultation_new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert da(message) in page
    assert not Consultation.objects.exists()


def test_html_in_a_section_is_shown_as_text(client, office_staff, make_consultation):
    consultation = make_consultation(publish=False)
    client.force_login(office_staff)
    client.post(
        reverse("coordination:consultation_section_new", args=[consultation.pk]),
        {"heading": "<b>Fed</b>", "body": "<script>alert(1)</script>"},
    )
    page = client.get(
        reverse("coordination:consultation_detail", args=[consultation.pk])
    ).content.decode()
    assert "<b>Fed</b>" not in page and "&lt;b&gt;Fed&lt;/b&gt;" in page


def test_a_section_with_comments_cannot_be_edited(client, office_staff, consultation, volunteer):
    _say(consultation, volunteer)
    section = consultation.sections.get(number=1)
    client.force_login(office_staff)
    response = client.post(
        reverse("coordination:consultation_section_edit", args=[consultation.pk, section.pk]),
        {"heading": "Nyt", "body": "Ny tekst"},
    )
    assert response.status_code == 400
    assert da("This section has comments, so it can no longer change or be removed.") in (
        response.content.decode()
    )
    assert Section.objects.get(pk=section.pk).heading == "Afsnit 1"


def test_the_office_sees_every_comment_with_counts(
    client, office_staff, consultation, volunteer, owner, organisation
):
    _say(consultation, volunteer, public=False, body="Privat ord")
    _say(consultation, owner, body="Offentligt ord", on_behalf_of=organisation, number=2)
    client.force_login(office_staff)
    detail = client.get(reverse("coordination:consultation_detail", args=[consultation.pk]))
    assert "1 (0" in detail.content.decode() and "1 (1" in detail.content.decode()
    page = client.get(
        reverse("coordination:consultation_comments", args=[consultation.pk])
    ).content.decode()
    assert "Privat ord" in page and "Offentligt ord" in page
    assert "Vera Frivillig" in page and organisation.name in page


def test_the_comments_export_to_csv_with_the_formula_guard(
    client, office_staff, consultation, volunteer, make_user, organisation, owner
):
    _say(consultation, volunteer, public=False, body='=HYPERLINK("http://x")')
    _say(consultation, owner, body="Æblegrød; og ørred", on_behalf_of=organisation, number=2)
    client.force_login(office_staff)
    response = client.get(reverse("coordination:consultation_export", args=[consultation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) == 3
    first, second = rows[1], rows[2]
    assert first[0] == consultation.title and first[1] == "1"
    assert first[-1] == '\'=HYPERLINK("http://x")'
    assert first[6] == "Vera Frivillig"
    assert second[5] == organisation.name
    assert second[-1] == "Æblegrød; og ørred"


def test_the_export_costs_the_same_queries_with_many_comments(
    client, office_staff, consultation, make_user
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("coordination:consultation_export", args=[consultation.pk])
            )
            b"".join(response.streaming_content)
            client.get(reverse("coordination:consultation_comments", args=[consultation.pk]))
        return len(queries)

    client.force_login(office_staff)
    _say(consultation, make_user(), body="En")
    _say(consultation, make_user(), body="To", number=2)
    few = count()
    for n in range(10):
        _say(consultation, make_user(), body=f"Nr. {n}", public=n % 2 == 0, number=1 + n % 2)
    assert count() == few


def test_the_office_answers_after_the_deadline(
    client, office_staff, consultation, volunteer, django_capture_on_commit_callbacks
):
    _say(consultation, volunteer)
    client.force_login(office_staff)
    url = reverse("coordination:consultation_response", args=[consultation.pk])
    response = client.post(url, {"response": "For tidligt"})
    assert response.status_code == 400
    close(consultation)
    response = client.post(url, {"response": ""})
    assert response.status_code == 400
    response = client.post(url, {"response": "x" * 20_001})
    assert response.status_code == 400
    response = client.post(url, {"response": "Tak for jeres kommentarer."})
    assert response["Location"] == reverse(
        "coordination:consultation_response_publish", args=[consultation.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tak for jeres kommentarer." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
    consultation.refresh_from_db()
    assert consultation.phase == Phase.ANSWERED
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert consultation.get_absolute_url() in mail.outbox[0].body
