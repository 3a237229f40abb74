"""The API: an organisation sends (with `confirm: true`) and lists with its token; a
volunteer reads their own announcements and sets their opt-outs with the session."""

import json

import pytest
from django.core import mail

from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import Announcement, Audience
from frivillig.organisations import tokens

ORG = "/api/v1/org/announcements"
MINE = "/api/v1/me/announcements"
OPT_OUTS = "/api/v1/me/announcement-opt-outs"


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="CRM", created_by=owner)[1]


@pytest.fixture
def outsider_token(other_organisation, outsider):
    return tokens.create_token(organisation=other_organisation, name="CRM", created_by=outsider)[1]


def _post(client, raw, body):
    return client.post(
        ORG, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )


@pytest.fixture
def engaged(volunteer, opportunity, engage):
    engage(volunteer, opportunity)
    return volunteer


def test_it_sends_only_when_confirmed(english, token, engaged, django_capture_on_commit_callbacks):
    body = {"subject": "Sommerfest", "body": "Kom.", "audience": "all"}
    response = _post(english, token, body)
    assert response.status_code == 400
    assert "It would go to 1 person" in response.json()["errors"]["confirm"][0]
    assert Announcement.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(english, token, body | {"confirm": True})
    assert response.status_code == 201, response.json()
    assert response.json()["recipient_count"] == 1
    assert len(mail.outbox) == 1

    listed = english.get(ORG, HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert listed["count"] == 1
    assert listed["results"][0]["subject"] == "Sommerfest"
    assert listed["results"][0]["read_count"] == 0


def test_another_organisations_target_is_refused(
    english, token, engaged, other_organisation, make_opportunity, make_event
):
    foreign = make_opportunity("Fodbold", organisation=other_organisation)
    event = make_event(organisation=other_organisation)
    for field, value in (
        ("opportunity_id", foreign.pk),
        ("team_id", event.teams.get().pk),
        ("event_id", event.pk),
    ):
        audience = {"opportunity_id": "opportunity", "team_id": "team", "event_id": "event_day"}[
            field
        ]
        body = {
            "subject": "Nyt",
            "body": "Tekst",
            "audience": audience,
            field: value,
            "confirm": True,
        }
        if field == "event_id":
            body["day"] = event.starts_on.isoformat()
        response = _post(english, token, body)
        assert response.status_code == 400
        assert field in response.json()["errors"]
    assert Announcement.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"subject": "", "body": "", "audience": "all", "confirm": True},
        {"subject": "x" * 10_000, "body": "Tekst", "audience": "all", "confirm": True},
        {"subject": "Nyt", "body": "Tekst", "audience": "<script>", "confirm": True},
        {"subject": 5, "body": "Tekst", "audience": "all", "confirm": "yes"},
        {"subject": "Nyt", "body": "Tekst", "audience": "all", "confirm": True, "extra": 1},
    ],
)
def test_bad_bodies_are_a_400_with_messages(english, token, engaged, body):
    response = _post(english, token, body)
    assert response.status_code == 400
    assert response.json()["errors"]
    assert Announcement.objects.count() == 0


def test_nobody_to_send_to_is_refused(english, token):
    response = _post(
        english, token, {"subject": "Nyt", "body": "T", "audience": "all", "confirm": True}
    )
    assert response.status_code == 400
    assert "Nobody would receive" in response.json()["detail"]


def test_a_token_whose_maker_cannot_deal_with_volunteers_is_refused(
    english, organisation, member, engaged
):
    raw = tokens.create_token(organisation=organisation, name="Læs", created_by=member)[1]
    response = _post(
        english, raw, {"subject": "Nyt", "body": "T", "audience": "all", "confirm": True}
    )
    assert response.status_code == 403
    assert english.get(ORG, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403


def test_another_organisations_token_does_not_see_ours(
    client, owner, organisation, engaged, outsider_token
):
    services.send(organisation=organisation, author=owner, subject="Nyt", body="T", audience="all")
    assert client.get(ORG, HTTP_AUTHORIZATION=f"Bearer {outsider_token}").json()["count"] == 0
    assert client.get(ORG).status_code == 401


def test_i_read_my_own_announcements_only(
    client, owner, organisation, engaged, make_user, send_now
):
    send_now(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience=Audience.ALL
    )
    client.force_login(engaged)
    mine = client.get(MINE).json()
    assert [a["subject"] for a in mine["results"]] == ["Nyt"]
    assert mine["results"][0]["read_at"] is None
    assert mine["results"][0]["organisation"]["slug"] == organisation.slug
    client.force_login(make_user())
    assert client.get(MINE).json()["count"] == 0
    client.logout()
    assert client.get(MINE).status_code == 401


def test_i_set_my_opt_outs(client, engaged, organisation, other_organisation):
    client.force_login(engaged)
    assert client.get(OPT_OUTS).json() == [
        {"organisation": {"slug": organisation.slug, "name": organisation.name}, "opted_out": False}
    ]
    response = client.put(
        OPT_OUTS, json.dumps({"opted_out": [organisation.slug]}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()[0]["opted_out"] is True
    assert queries.has_opted_out(engaged, organisation)

    refused = client.put(
        OPT_OUTS,
        json.dumps({"opted_out": [other_organisation.slug]}),
        content_type="application/json",
    )
    assert refused.status_code == 400
    for bad in ({"opted_out": "<script>"}, {"opted_out": [1]}, {}, {"x": []}):
        assert (
            client.put(OPT_OUTS, json.dumps(bad), content_type="application/json").status_code
            == 400
        )
    assert queries.has_opted_out(engaged, organisation)
    assert not queries.has_opted_out(engaged, other_organisation)

    client.put(OPT_OUTS, json.dumps({"opted_out": []}), content_type="application/json")
    assert not queries.has_opted_out(engaged, organisation)
