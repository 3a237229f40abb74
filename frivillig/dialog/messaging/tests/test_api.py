"""Messages through the API: a volunteer's own conversations with the portal's session, and an
organisation's with its token. The same services as the pages; errors in the API's format."""

import json

import pytest

from frivillig.accounts.models import PersonalDataRead
from frivillig.dialog.messaging import services
from frivillig.dialog.messaging.models import Thread
from frivillig.dialog.messaging.tests.conftest import age
from frivillig.organisations import tokens
from frivillig.organisations.models import Role
from frivillig.organisations.services import add_member

ME = "/api/v1/me/threads"
ORG = "/api/v1/org/threads"


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def post(client, path, body, **headers):
    response = client.post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )
    return response.status_code, response.json()


def get(client, path, params=None, **headers):
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="en", **headers)
    return response.status_code, response.json()


@pytest.fixture
def bearer(organisation, owner):
    raw = tokens.create_token(organisation=organisation, name="System", created_by=owner)[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# The volunteer's own ---------------------------------------------------------------------


def test_a_volunteer_lists_reads_and_answers(signed_in, thread, owner, others_thread):
    age(thread)
    services.reply_as_organisation(thread=thread, by=owner, body="Svar")
    status, body = get(signed_in, ME)
    assert status == 200
    assert [t["id"] for t in body["results"]] == [thread.pk]
    assert body["results"][0]["unread"] is True
    assert body["results"][0]["about"] == {"kind": "engagement", "id": thread.engagement_id}
    status, body = get(signed_in, f"{ME}/{thread.pk}")
    assert status == 200
    assert [m["body"] for m in body["messages"]] == ["Hej\nKan jeg tage min nevø med?", "Svar"]
    assert body["read_state"] is None  # the newest is the organisation's
    thread.refresh_from_db()
    assert not thread.unread_for_volunteer
    status, body = post(signed_in, f"{ME}/{thread.pk}/messages", {"body": "Tak"})
    assert status == 201
    assert body["read_state"] == {"read": False, "at": None}


def test_a_volunteer_starts_a_conversation(signed_in, organisation, application):
    status, body = post(
        signed_in,
        ME,
        {
            "organisation": organisation.slug,
            "subject": "Hej",
            "body": "Et spørgsmål",
            "application_id": application.pk,
        },
    )
    assert status == 201, body
    assert body["about"] == {"kind": "application", "id": application.pk}
    assert Thread.objects.get().application == application


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"organisation": "findes-ikke", "subject": "Hej", "body": "Hej"}, "organisation"),
        ({"subject": "Hej", "body": ""}, "body"),
        ({"subject": "", "body": "Hej"}, "subject"),
        ({"subject": "Hej", "body": "x" * 10_000}, "body"),
        ({"subject": "Hej", "body": "Hej", "application_id": 99999}, "application_id"),
    ],
)
def test_bad_input_gives_a_message_per_field(signed_in, organisation, payload, field):
    payload = {"organisation": organisation.slug, **payload}
    status, body = post(signed_in, ME, payload)
    assert status == 400
    assert field in body["errors"]
    assert not Thread.objects.exists()


def test_a_double_submission_is_a_conflict(signed_in, thread):
    status, body = post(signed_in, f"{ME}/{thread.pk}/messages", {"body": "Hej igen"})
    assert status == 201
    status, body = post(signed_in, f"{ME}/{thread.pk}/messages", {"body": "Hej igen"})
    assert status == 409 and "just been sent" in body["detail"]


def test_another_volunteers_conversation_is_a_404(client, other_volunteer, thread):
    client.force_login(other_volunteer)
    assert get(client, f"{ME}/{thread.pk}")[0] == 404
    assert post(client, f"{ME}/{thread.pk}/messages", {"body": "x"})[0] == 404


def test_it_needs_a_session(client, thread):
    assert get(client, ME)[0] == 401


# The organisation's ----------------------------------------------------------------------


def test_a_token_lists_reads_and_answers(client, bearer, thread, others_thread, owner):
    status, body = get(client, ORG, **bearer)
    assert status == 200
    assert [t["id"] for t in body["results"]] == [thread.pk]
    assert body["results"][0]["volunteer"]["name"] == "Vera Frivillig"
    assert body["results"][0]["unread"] is True
    status, body = get(client, f"{ORG}/{thread.pk}", **bearer)
    assert status == 200 and len(body["messages"]) == 1
    assert PersonalDataRead.objects.filter(what="api:message_thread").count() == 1
    thread.refresh_from_db()
    assert thread.unread_for_organisation  # an integration reading is not a person reading
    status, body = post(client, f"{ORG}/{thread.pk}/messages", {"body": "Svar"}, **bearer)
    assert status == 201, body
    assert body["messages"][-1]["from_organisation"] is True
    assert body["messages"][-1]["author_name"] == owner.get_full_name()


def test_a_token_cannot_reach_another_organisations_conversation(client, bearer, others_thread):
    assert get(client, f"{ORG}/{others_thread.pk}", **bearer)[0] == 404
    assert post(client, f"{ORG}/{others_thread.pk}/messages", {"body": "x"}, **bearer)[0] == 404


def test_a_token_whose_maker_may_not_manage_applications_is_refused(
    client, organisation, member, thread
):
    add_member(organisation=organisation, user=member, role=Role.VIEWER)
    raw = tokens.create_token(organisation=organisation, name="Læser", created_by=member)[1]
    status, body = get(client, ORG, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert status == 403 and "manage applications" in body["detail"]


def test_it_needs_a_token(client, thread):
    assert get(client, ORG)[0] == 401


def test_lists_cost_the_same_queries_for_2_and_10_conversations(
    client, bearer, organisation, make_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert get(client, ORG, **bearer)[0] == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            services.start_by_volunteer(
                volunteer=make_user(), organisation=organisation, subject="Hej", body="Hej"
            )

    add(2)
    count()  # the first use of a token notes when it was used
    two = count()
    add(8)
    assert count() == two
