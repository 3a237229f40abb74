"""Ideas in the API: the public list (consent respected, no names), and a signed-in person's
own ideas: send, list, one with its timeline; another person's idea is a 404."""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from frivillig.dialog.ideas import services
from frivillig.dialog.ideas.models import Idea


def _post(client, body, **headers):
    return client.post(
        "/api/v1/me/ideas",
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
        **headers,
    )


def _take_up(idea, office_staff, organisation, owner):
    services.route(idea=idea, by=office_staff, organisation=organisation)
    services.answer_for_organisation(
        idea=idea, organisation=organisation, by=owner, taken_up=True, note="Ja"
    )


def test_the_public_list_shows_taken_up_ideas_with_consent_and_no_names(
    client, make_idea, office_staff, organisation, owner, volunteer
):
    shown = make_idea(title="Vises", may_publish=True)
    hidden = make_idea(title="Skjult", may_publish=False)
    for idea in (shown, hidden):
        _take_up(idea, office_staff, organisation, owner)
    response = client.get("/api/v1/ideas")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Vises"
    assert body["results"][0]["organisation"]["slug"] == organisation.slug
    assert body["results"][0]["area"]["slug"] == "aeldre"
    assert volunteer.email not in response.content.decode()
    assert volunteer.first_name not in response.content.decode()
    assert client.get("/api/v1/ideas", {"page": "x"}).status_code == 400
    assert client.get("/api/v1/ideas", {"page": "9"}).status_code == 404


def test_a_signed_in_person_sends_and_follows_an_idea(client, volunteer, areas, places):
    client.force_login(volunteer)
    response = _post(
        client,
        {"title": "Idé", "description": "Beskrivelse", "area": "aeldre", "may_publish": True},
    )
    assert response.status_code == 201, response.content
    idea = response.json()
    assert idea["status"] == "received" and idea["may_publish"] is True
    assert idea["area"]["slug"] == "aeldre" and idea["town"] is None
    assert [step["status"] for step in idea["timeline"]] == ["received"]
    listing = client.get("/api/v1/me/ideas").json()
    assert [i["id"] for i in listing] == [idea["id"]]
    one = client.get(f"/api/v1/me/ideas/{idea['id']}")
    assert one.status_code == 200 and one.json()["title"] == "Idé"


def test_bad_bodies_are_refused_with_messages_per_field(client, volunteer, areas):
    client.force_login(volunteer)
    cases = [
        ({}, {"title", "description"}),
        ({"title": "x" * 10_000, "description": "y"}, {"title"}),
        ({"title": "x", "description": "y" * 10_000}, {"description"}),
        ({"title": 5, "description": "y"}, {"title"}),
        ({"title": "x", "description": "y", "may_publish": "ja"}, {"may_publish"}),
        ({"title": "x", "description": "y", "area": "findes-ikke"}, {"area"}),
        ({"title": "x", "description": "y", "secret": 1}, {"secret"}),
    ]
    for body, fields in cases:
        response = _post(client, body)
        assert response.status_code == 400, body
        assert set(response.json()["errors"]) == fields, body
    assert _post(client, "not json").status_code == 400
    assert not Idea.objects.exists()


def test_html_is_stored_as_text(client, volunteer):
    client.force_login(volunteer)
    response = _post(client, {"title": "<script>alert(1)</script>", "description": "<b>x</b>"})
    assert response.status_code == 201
    assert Idea.objects.get().title == "<script>alert(1)</script>"


def test_the_sixth_idea_a_day_is_a_429(client, volunteer, make_idea):
    for n in range(services.DAILY_LIMIT):
        make_idea(title=f"Idé {n}")
    client.force_login(volunteer)
    response = _post(client, {"title": "Sjette", "description": "y"})
    assert response.status_code == 429
    assert response.json()["detail"]


def test_another_persons_idea_is_a_404_and_a_stranger_a_401(client, idea, make_user):
    assert client.get("/api/v1/me/ideas").status_code == 401
    assert client.get(f"/api/v1/me/ideas/{idea.pk}").status_code == 401
    assert _post(client, {"title": "x", "description": "y"}).status_code == 401
    client.force_login(make_user())
    assert client.get(f"/api/v1/me/ideas/{idea.pk}").status_code == 404
    assert client.get("/api/v1/me/ideas").json() == []


def test_sending_needs_the_csrf_token(volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    assert _post(client, {"title": "x", "description": "y"}).status_code == 403


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_lists_cost_the_same_for_2_and_10_ideas(
    client, volunteer, make_user, make_idea, office_staff, organisation, owner
):
    people = [volunteer] + [make_user() for _ in range(2)]

    def add(n):
        for i in range(n):
            idea = make_idea(proposer=people[i % 3], title=f"Idé {i}", may_publish=True)
            _take_up(idea, office_staff, organisation, owner)

    add(2)
    client.force_login(volunteer)
    before = (_count(client, "/api/v1/ideas"), _count(client, "/api/v1/me/ideas"))
    Idea.objects.all().delete()
    add(10)
    assert (_count(client, "/api/v1/ideas"), _count(client, "/api/v1/me/ideas")) == before
