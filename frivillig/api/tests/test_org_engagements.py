"""An organisation's own system follows and ends engagements through the API with a token."""

import json

import pytest
from django.core import mail

from frivillig.accounts.models import PersonalDataRead
from frivillig.engagements import services as engagements
from frivillig.engagements.models import EngagementStatus
from frivillig.organisations import tokens

URL = "/api/v1/org/engagements"


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Medlemssystem", created_by=owner)[1]


@pytest.fixture
def call(client, raw_token):
    """Call the API as `organisation`'s system; returns (status, JSON body)."""

    def call(method, path, body=None, *, token=raw_token, lang="en"):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if method == "get":
            response = client.get(path, body, **headers)
        else:
            response = getattr(client, method)(
                path, data=json.dumps(body or {}), content_type="application/json", **headers
            )
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return response.status_code, response.json()

    return call


@pytest.fixture
def engagement(make_opportunity, volunteer, owner):
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity("Besøgsven"))
    return engagements.accept(application=application, by=owner)


@pytest.fixture
def theirs(make_opportunity, make_user, other_organisation, outsider):
    stranger = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    opportunity = make_opportunity("Andres opgave", organisation=other_organisation)
    application = engagements.apply(volunteer=stranger, opportunity=opportunity)
    return engagements.accept(application=application, by=outsider)


def test_it_lists_the_organisations_engagements(call, engagement, theirs):
    status, body = call("get", URL)

    assert status == 200
    assert [e["id"] for e in body["results"]] == [engagement.pk]
    listed = body["results"][0]
    assert listed["status"] == "active"
    assert listed["volunteer"] == {"name": "Vera Frivillig"}
    assert listed["application_id"] == engagement.application_id
    assert "frivillig@example.dk" not in json.dumps(body)


def test_it_filters_by_status(call, engagement, volunteer):
    engagements.pause(engagement=engagement, volunteer=volunteer)

    assert call("get", URL, {"status": "paused"})[1]["count"] == 1
    assert call("get", URL, {"status": "active"})[1]["count"] == 0
    assert call("get", URL, {"status": "stopped"})[0] == 400


def test_it_shows_one_engagement_and_logs_the_read(call, engagement, organisation):
    status, body = call("get", f"{URL}/{engagement.pk}")

    assert status == 200
    assert body["volunteer"]["email"] == "frivillig@example.dk"
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.organisation, read.what) == (None, organisation, "api:engagement")


def test_it_answers_404_for_another_organisations_engagement(call, theirs):
    status, body = call("get", f"{URL}/{theirs.pk}")

    assert status == 404
    assert body == {"detail": f"There is no engagement with id {theirs.pk}."}
    assert not PersonalDataRead.objects.filter(action="read").exists()


def test_it_ends_an_engagement_and_tells_the_volunteer(
    call, engagement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status, body = call(
            "post", f"{URL}/{engagement.pk}/end", {"message": "Projektet er slut. Tak!"}
        )

    assert status == 200
    assert body["status"] == "ended"
    assert body["ended_at"]
    told = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert "Projektet er slut" in told.body


def test_it_ends_without_a_message(call, engagement):
    status, body = call("post", f"{URL}/{engagement.pk}/end")

    assert status == 200
    assert body["status"] == "ended"


def test_it_cannot_end_twice(call, engagement):
    call("post", f"{URL}/{engagement.pk}/end")

    status, body = call("post", f"{URL}/{engagement.pk}/end")

    assert status == 409
    assert body == {"detail": "This engagement has already ended."}


def test_it_refuses_a_message_that_is_too_long(call, engagement):
    status, body = call("post", f"{URL}/{engagement.pk}/end", {"message": "x" * 2001})

    assert status == 400
    assert list(body["errors"]) == ["message"]
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_cannot_end_another_organisations_engagement(call, theirs):
    status, _body = call("post", f"{URL}/{theirs.pk}/end", {"message": "Farvel"})

    assert status == 404
    theirs.refresh_from_db()
    assert theirs.status == EngagementStatus.ACTIVE
