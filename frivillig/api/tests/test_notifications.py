"""A signed-in volunteer reads and changes their notification preferences through the API,
with the portal's session: the same service and the same validation as the page on Min side."""

import json

import pytest
from django.test import Client

from frivillig.notifications import services
from frivillig.notifications.categories import Category

URL = "/api/v1/me/notification-preferences"


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def put(client, body, raw=None):
    return client.put(
        URL,
        data=raw if raw is not None else json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_it_shows_every_category_as_immediate_until_chosen(signed_in):
    response = signed_in.get(URL)

    assert response.status_code == 200
    assert response.json() == dict.fromkeys(Category.values, "immediate")


def test_it_changes_the_categories_sent_and_keeps_the_rest(signed_in, volunteer):
    services.set_preferences(user=volunteer, modes={"ideas": "digest"})

    response = put(signed_in, {"announcements": "digest", "messages": "immediate"})

    assert response.status_code == 200
    assert response.json()["announcements"] == "digest"
    assert response.json()["ideas"] == "digest"
    assert services.preferences_for(volunteer)["announcements"] == "digest"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"messages": "weekly"}, "messages"),
        ({"messages": ""}, "messages"),
        ({"messages": "<script>alert(1)</script>"}, "messages"),
        ({"messages": "x" * 10_000}, "messages"),
        ({"messages": 1}, "messages"),
        ({"spam": "digest"}, "spam"),
    ],
)
def test_a_bad_value_is_a_400_and_changes_nothing(signed_in, volunteer, body, field):
    response = put(signed_in, {"announcements": "digest", **body})

    assert response.status_code == 400
    assert response.json()["detail"] == "Some of the fields are not valid."
    assert field in response.json()["errors"]
    assert services.preferences_for(volunteer)["announcements"] == "immediate"


def test_a_body_that_is_not_an_object_is_a_400(signed_in):
    assert put(signed_in, None, raw="[1, 2]").status_code == 400


def test_it_answers_in_danish_by_default(signed_in):
    response = signed_in.put(
        URL, data=json.dumps({"spam": "digest"}), content_type="application/json"
    )

    assert response.json()["errors"]["spam"] == ["Feltet findes ikke."]


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401
    assert put(client, {"messages": "digest"}).status_code == 401


def test_a_change_needs_the_csrf_token(volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)

    response = put(client, {"messages": "digest"})

    assert response.status_code == 403
    assert services.preferences_for(volunteer)["messages"] == "immediate"


def test_the_schema_names_every_category(signed_in):
    schema = signed_in.get("/api/v1/openapi.json").json()
    fields = schema["components"]["schemas"]["NotificationPreferencesOut"]["properties"]

    assert sorted(fields) == sorted(Category.values)
