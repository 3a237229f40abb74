"""The consultations on the portal: the list, one consultation with public comments, the
comment form per section, and private comments shown only to their author."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Comment
from frivillig.dialog.consultations.tests.conftest import close, da

pytestmark = pytest.mark.django_db


def _url(consultation):
    return reverse("portal:consultation", args=[consultation.slug])


def _comment_url(consultation, number=1):
    return reverse("portal:consultation_comment", args=[consultation.slug, number])


def _post(client, consultation, number=1, **data):
    values = {"body": "Et godt udkast.", "visibility": "public", **data}
    return client.post(
        _comment_url(consultation, number), {f"s{number}-{k}": v for k, v in values.items()}
    )


def _say(consultation, author, *, public, body, number=1, on_behalf_of=None):
    return services.comment(
        section=consultation.sections.get(number=number),
        author=author,
        body=body,
        public=public,
        on_behalf_of=on_behalf_of,
    )


def test_the_list_shows_open_consultations_first(client, make_consultation):
    closed = close(make_consultation(title="Gammel høring"))
    open_ = make_consultation(title="Ny høring")
    make_consultation(title="Hemmeligt udkast", publish=False)
    response = client.get(reverse("portal:consultations"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(open_.title) < page.index(closed.title)
    assert "Hemmeligt udkast" not in page
    assert da("Open for comments") in page


def test_a_draft_is_not_on_the_portal(client, make_consultation, office_staff):
    draft = make_consultation(publish=False)
    client.force_login(office_staff)
    assert client.get(_url(draft)).status_code == 404


def test_anonymous_people_read_and_are_asked_to_log_in(client, consultation, volunteer):
    _say(consultation, volunteer, public=True, body="Offentlig kommentar")
    response = client.get(_url(consultation))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Afsnit 1" in page and "Tekst til afsnit 1." in page
    assert "Offentlig kommentar" in page
    assert "Vera" in page and "Frivillig" not in page.split("Offentlig kommentar")[0][-300:]
    assert "Log ind" in page or "Log in" in page
    assert f"?next=%2Fhoeringer%2F{consultation.slug}%2F" in page
    assert "<textarea" not in page
    # Posting without an account goes to the log-in page.
    response = _post(client, consultation)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_private_comments_are_shown_only_to_their_author(
    client, consultation, volunteer, make_user
):
    _say(consultation, volunteer, public=False, body="Kun til kommunen")
    other = make_user(first_name="Anden")
    for who in (None, other):
        if who:
            client.force_login(who)
        assert "Kun til kommunen" not in client.get(_url(consultation)).content.decode()
    client.force_login(volunteer)
    page = client.get(_url(consultation)).content.decode()
    assert "Kun til kommunen" in page
    assert da("Only visible to the municipality and you") in page


def test_a_volunteer_comments_on_a_section(client, consultation, volunteer):
    client.force_login(volunteer)
    page = client.get(_url(consultation)).content.decode()
    assert "#afsnit-2" in page and da("Send the comment") in page
    response = _post(client, consultation, number=2, visibility="private")
    assert response.status_code == 302
    assert response["Location"].endswith("#afsnit-2")
    comment = Comment.objects.get()
    assert (comment.section.number, comment.public, comment.author) == (2, False, volunteer)


def test_staff_may_comment_on_behalf_of_their_organisation(
    client, consultation, owner, organisation, other_organisation
):
    client.force_login(owner)
    page = client.get(_url(consultation)).content.decode()
    assert organisation.name in page and other_organisation.name not in page
    response = _post(client, consultation, on_behalf_of=organisation.pk)
    assert response.status_code == 302
    assert Comment.objects.get().on_behalf_of == organisation
    page = client.get(_url(consultation)).content.decode()
    assert f"Olga</strong>, {organisation.name}" in page
    # Another organisation's id is not a choice.
    response = _post(client, consultation, on_behalf_of=other_organisation.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_the_choice_of_public_or_private_is_asked_explicitly(client, consultation, volunteer):
    client.force_login(volunteer)
    response = _post(client, consultation, visibility="")
    assert response.status_code == 400
    page = response.content.decode()
    assert da("Choose who may read your comment.") in page
    assert "Et godt udkast." in page  # what was typed is kept
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Write your comment."),
        ("   ", "Write your comment."),
        ("x" * 10_000, "5000"),
    ],
)
def test_bad_comments_get_a_clear_message(client, consultation, volunteer, body, message):
    client.force_login(volunteer)
    response = _post(client, consultation, body=body)
    assert response.status_code == 400
    assert da(message) in response.content.decode()
    assert not Comment.objects.exists()


def test_html_in_a_comment_is_shown_as_text(client, consultation, volunteer):
    client.force_login(volunteer)
    _post(client, consultation, body="<script>alert(1)</script>")
    page = client.get(_url(consultation)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_form_opened_before_the_deadline_and_sent_after_is_refused(
    client, consultation, volunteer
):
    client.force_login(volunteer)
    assert client.get(_url(consultation)).status_code == 200
    close(consultation)  # the deadline passes while the person writes
    response = _post(client, consultation, body="Min sene kommentar")
    assert response.status_code == 400
    page = response.content.decode()
    assert da("The deadline for comments has passed, so your comment could not be sent.") in page
    assert "Min sene kommentar" in page  # given back, so it is not lost
    assert not Comment.objects.exists()


def test_after_the_deadline_there_is_no_form(client, consultation, volunteer):
    close(consultation)
    client.force_login(volunteer)
    page = client.get(_url(consultation)).content.decode()
    assert "<textarea" not in page
    assert _post(client, consultation).status_code == 400
    assert not Comment.objects.exists()


def test_the_response_is_shown_at_the_top(client, consultation, volunteer):
    _say(consultation, volunteer, public=True, body="Kommentar")
    close(consultation)
    services.save_response(consultation=consultation, response="Kommunens svar her.")
    services.publish_response(consultation=consultation)
    page = client.get(_url(consultation)).content.decode()
    assert 'id="response-heading"' in page
    assert page.index("Kommunens svar her.") < page.index("Afsnit 1")


def test_an_unknown_section_is_404(client, consultation, volunteer):
    client.force_login(volunteer)
    assert _post(client, consultation, number=9).status_code == 404
    assert client.get(reverse("portal:consultation", args=["findes-ikke"])).status_code == 404


def test_the_page_costs_the_same_queries_with_many_comments(
    client, consultation, volunteer, make_user, owner, organisation
):
    def count():
        client.force_login(owner)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(consultation)).status_code == 200
        return len(queries)

    _say(consultation, volunteer, public=True, body="En")
    _say(consultation, owner, public=False, body="To", on_behalf_of=organisation)
    few = count()
    for n in range(10):
        person = make_user(first_name=f"Person {n}")
        _say(consultation, person, public=n % 2 == 0, body=f"Kommentar {n}", number=1 + n % 2)
    assert count() == few
