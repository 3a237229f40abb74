"""Feedback through the API: the volunteer's own requests (session) and an organisation's
anonymous results (token)."""

import json

import pytest

from frivillig.dialog.feedback.models import FeedbackAnswer
from frivillig.organisations import tokens

REQUESTS = "/api/v1/me/feedback-requests"
RESULTS = "/api/v1/org/feedback"


def post(client, path, body=None):
    return client.post(
        path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_it_lists_my_requests_open_first(client, volunteer, make_request):
    first = make_request(volunteer, title="Besøgsven")
    second = make_request(volunteer, title="Lektiehjælp")
    client.force_login(volunteer)
    post(client, f"{REQUESTS}/{first.pk}/answer", {"satisfaction": 4, "would_recommend": True})
    body = client.get(REQUESTS).json()
    assert [(r["id"], r["answered"]) for r in body] == [(second.pk, False), (first.pk, True)]
    assert body[0]["about"] == "Lektiehjælp" and body[0]["kind"] == "engagement"


def test_it_answers_once_and_then_says_409(client, volunteer, make_request):
    request = make_request(volunteer)
    client.force_login(volunteer)
    url = f"{REQUESTS}/{request.pk}/answer"
    response = post(client, url, {"satisfaction": 5, "would_recommend": False, "text": " Fint "})
    assert response.status_code == 200 and response.json()["answered"] is True
    assert FeedbackAnswer.objects.get().text == "Fint"
    again = post(client, url, {"satisfaction": 1, "would_recommend": False})
    assert again.status_code == 409 and "already answered" in again.json()["detail"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "satisfaction"),
        ({"satisfaction": 0, "would_recommend": True}, "satisfaction"),
        ({"satisfaction": "5", "would_recommend": True}, "satisfaction"),
        ({"satisfaction": 3}, "would_recommend"),
        ({"satisfaction": 3, "would_recommend": True, "text": "x" * 10_000}, "text"),
        ({"satisfaction": 3, "would_recommend": True, "who": "me"}, "who"),
    ],
)
def test_it_refuses_bad_input(client, volunteer, make_request, body, field):
    request = make_request(volunteer)
    client.force_login(volunteer)
    response = post(client, f"{REQUESTS}/{request.pk}/answer", body)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not FeedbackAnswer.objects.exists()


def test_someone_elses_request_is_404_and_a_stranger_401(
    client, volunteer, make_user, make_request
):
    request = make_request(volunteer)
    assert client.get(REQUESTS).status_code == 401
    client.force_login(make_user())
    assert client.get(REQUESTS).json() == []
    response = post(
        client, f"{REQUESTS}/{request.pk}/answer", {"satisfaction": 5, "would_recommend": True}
    )
    assert response.status_code == 404


@pytest.fixture
def token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Medlemssystem", created_by=owner)[1]


def _results(client, token):
    response = client.get(RESULTS, HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, response.json()


def test_the_organisation_reads_results_with_the_same_suppression(
    client, token, organisation, other_organisation, make_answers
):
    make_answers(organisation, 4)
    status, body = _results(client, token)
    assert status == 200
    assert body["total"]["suppressed"] is True and body["total"]["answers"] is None
    assert body["comments"] is None
    make_answers(organisation, 1)
    make_answers(other_organisation, 9, text="Fra Hals")
    _status, body = _results(client, token)
    assert body["total"]["answers"] == 5
    assert body["total"]["average_satisfaction"] == 4.0
    assert [g["label"] for g in body["by_organisation"]] == ["Ældresagen Nibe"]
    assert not any("Fra Hals" in c["text"] for c in body["comments"])
    assert all(len(c["month"]) == 7 for c in body["comments"])


def test_the_results_need_a_token(client, db):
    assert client.get(RESULTS).status_code == 401
