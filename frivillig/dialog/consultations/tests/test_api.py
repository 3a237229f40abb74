"""Consultations in the API: public reads never show a private comment; signed-in people
comment through the same service and list their own comments."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Comment
from frivillig.dialog.consultations.tests.conftest import close

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def _say(consultation, author, *, public=True, body="Kommentar", number=1, on_behalf_of=None):
    return services.comment(
        section=consultation.sections.get(number=number),
        author=author,
        body=body,
        public=public,
        on_behalf_of=on_behalf_of,
    )


def _post(client, consultation, number=1, **data):
    return client.post(
        f"{BASE}/me/consultations/{consultation.slug}/sections/{number}/comments",
        data=json.dumps({"body": "Fint udkast", "public": True, **data}),
        content_type="application/json",
    )


def test_the_public_list_shows_published_consultations(client, make_consultation):
    make_consultation(title="Hemmeligt", publish=False)
    consultation = make_consultation(title="Åben høring")
    response = client.get(f"{BASE}/consultations")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    [row] = response.json()
    assert row["slug"] == consultation.slug and row["phase"] == "open"
    assert row["url"].endswith(f"/hoeringer/{consultation.slug}/")


def test_private_comments_never_reach_the_public_api(client, consultation, volunteer):
    _say(consultation, volunteer, public=False, body="Privat")
    _say(consultation, volunteer, public=True, body="Offentlig")
    client.force_login(volunteer)  # not even for the author
    body = client.get(f"{BASE}/consultations/{consultation.slug}").json()
    comments = [c for s in body["sections"] for c in s["comments"]]
    assert [c["body"] for c in comments] == ["Offentlig"]
    assert comments[0]["author_first_name"] == "Vera"
    assert "email" not in json.dumps(body)
    assert body["public_comment_count"] == 1
    assert body["response"] is None


def test_the_response_shows_once_published(client, consultation, volunteer):
    close(consultation)
    services.save_response(consultation=consultation, response="Udkast til svar")
    assert client.get(f"{BASE}/consultations/{consultation.slug}").json()["response"] is None
    services.publish_response(consultation=consultation)
    body = client.get(f"{BASE}/consultations/{consultation.slug}").json()
    assert body["response"] == "Udkast til svar" and body["phase"] == "answered"


def test_a_draft_is_404(client, make_consultation):
    draft = make_consultation(publish=False)
    assert client.get(f"{BASE}/consultations/{draft.slug}").status_code == 404


def test_the_detail_costs_the_same_queries_with_many_comments(client, consultation, make_user):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{BASE}/consultations/{consultation.slug}").status_code == 200
        return len(queries)

    _say(consultation, make_user(first_name="A"))
    _say(consultation, make_user(first_name="B"), number=2)
    few = count()
    for n in range(10):
        _say(consultation, make_user(first_name=f"P{n}"), public=n % 2 == 0, number=1 + n % 2)
    assert count() == few


def test_a_signed_in_person_comments_and_lists_their_comments(
    client, consultation, owner, organisation
):
    client.force_login(owner)
    response = _post(client, consultation, number=2, public=False, on_behalf_of=organisation.slug)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["section_number"] == 2 and body["public"] is False
    assert body["on_behalf_of"] == {"slug": organisation.slug, "name": organisation.name}
    mine = client.get(f"{BASE}/me/consultation-comments").json()
    assert [c["id"] for c in mine] == [body["id"]]


def test_anonymous_people_cannot_comment(client, consultation):
    assert _post(client, consultation).status_code == 401
    assert client.get(f"{BASE}/me/consultation-comments").status_code == 401


def test_another_persons_comments_are_not_in_my_list(client, consultation, volunteer, owner):
    _say(consultation, volunteer, public=False, body="Vera privat")
    client.force_login(owner)
    assert client.get(f"{BASE}/me/consultation-comments").json() == []


@pytest.mark.parametrize(
    "data, field",
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 10_000}, "body"),
        ({"public": None}, "public"),
        ({"public": "ja"}, "public"),
        ({"on_behalf_of": "findes-ikke"}, "on_behalf_of"),
    ],
)
def test_bad_comments_are_400(client, consultation, volunteer, data, field):
    client.force_login(volunteer)
    response = _post(client, consultation, **data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Comment.objects.exists()


def test_nobody_comments_for_an_organisation_they_are_not_staff_of(
    client, consultation, outsider, organisation
):
    client.force_login(outsider)
    response = _post(client, consultation, on_behalf_of=organisation.slug)
    assert response.status_code == 400
    assert "on_behalf_of" in response.json()["errors"]


def test_comments_after_the_deadline_are_409(client, consultation, volunteer):
    close(consultation)
    client.force_login(volunteer)
    assert _post(client, consultation).status_code == 409
    assert not Comment.objects.exists()


def test_an_unknown_section_or_draft_is_404(client, make_consultation, volunteer):
    draft = make_consultation(publish=False)
    open_ = make_consultation(title="Åben")
    client.force_login(volunteer)
    assert _post(client, draft).status_code == 404
    assert _post(client, open_, number=9).status_code == 404


def test_the_schema_documents_the_comment_body(client):
    schema = client.get(f"{BASE}/openapi.json").json()
    operation = schema["paths"][f"{BASE}/me/consultations/{{slug}}/sections/{{number}}/comments"]
    body = operation["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"body", "public", "on_behalf_of"} <= set(body["properties"])
