"""An organisation's own system answers applications through the API with a token."""

import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus, Engagement
from frivillig.organisations import tokens

URL = "/api/v1/org/applications"


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
def application(make_opportunity, volunteer):
    volunteer.profile.phone = "20304050"
    volunteer.profile.save()
    opportunity = make_opportunity("Besøgsven")
    return engagements.apply(
        volunteer=volunteer,
        opportunity=opportunity,
        message="Jeg vil gerne",
        availability="Tirsdag",
    )


@pytest.fixture
def theirs(make_opportunity, make_user, other_organisation):
    """An application to the other organisation, from another volunteer."""
    stranger = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    VolunteerProfile.objects.create(user=stranger, phone="99999999")
    opportunity = make_opportunity("Andres opgave", organisation=other_organisation)
    return engagements.apply(volunteer=stranger, opportunity=opportunity)


# Listing and reading -------------------------------------------------------------------------


def test_it_lists_the_organisations_applications_with_names_only(call, application, theirs):
    status, body = call("get", URL)

    assert status == 200
    assert body["count"] == 1
    listed = body["results"][0]
    assert listed["id"] == application.pk
    assert listed["status"] == "pending"
    assert listed["volunteer"] == {"name": "Vera Frivillig"}
    assert listed["opportunity"]["title"] == "Besøgsven"
    assert listed["engagement_id"] is None
    assert "frivillig@example.dk" not in json.dumps(body)
    assert not PersonalDataRead.objects.exists()


def test_it_filters_by_status(call, application):
    assert call("get", URL, {"status": "pending"})[1]["count"] == 1
    assert call("get", URL, {"status": "accepted"})[1]["count"] == 0
    status, body = call("get", URL, {"status": "maybe"})
    assert status == 400
    assert list(body["errors"]) == ["status"]


def test_it_shows_one_application_and_logs_the_read(call, application, organisation):
    status, body = call("get", f"{URL}/{application.pk}")

    assert status == 200
    assert body["message"] == "Jeg vil gerne"
    assert body["availability"] == "Tirsdag"
    assert body["volunteer"]["email"] == "frivillig@example.dk"
    assert body["volunteer"]["phone"] == "20304050"
    read = PersonalDataRead.objects.get()
    assert (read.staff, read.volunteer, read.organisation, read.what) == (
        None,
        application.volunteer,
        organisation,
        "api:application",
    )


def test_it_answers_404_for_another_organisations_application_and_logs_nothing(call, theirs):
    status, body = call("get", f"{URL}/{theirs.pk}")

    assert status == 404
    assert body == {"detail": f"There is no application with id {theirs.pk}."}
    assert not PersonalDataRead.objects.exists()


# Answering -----------------------------------------------------------------------------------


def test_it_accepts_and_makes_an_engagement(call, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        status, body = call("post", f"{URL}/{application.pk}/accept")

    assert status == 200
    assert body["status"] == "accepted"
    engagement = Engagement.objects.get()
    assert body["engagement_id"] == engagement.pk
    assert engagement.volunteer == application.volunteer
    assert any(m.to == ["frivillig@example.dk"] for m in mail.outbox)


def test_it_cannot_accept_twice(call, application):
    call("post", f"{URL}/{application.pk}/accept")

    status, body = call("post", f"{URL}/{application.pk}/accept")

    assert status == 409
    assert body == {"detail": "This application has already been answered."}
    assert Engagement.objects.count() == 1


def test_it_declines_with_a_message(call, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        status, body = call(
            "post", f"{URL}/{application.pk}/decline", {"message": "Vi er desværre fuldtallige."}
        )

    assert status == 200
    assert body["status"] == "declined"
    application.refresh_from_db()
    assert application.answer == "Vi er desværre fuldtallige."
    declined = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert "fuldtallige" in declined.body


def test_it_wants_a_message_to_decline(call, application):
    status, body = call("post", f"{URL}/{application.pk}/decline", {})

    assert status == 400
    assert body["errors"] == {"message": ["Write a message to the volunteer."]}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_it_asks_a_question_with_the_token_makers_reply_address(
    call, application, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status, body = call(
            "post", f"{URL}/{application.pk}/question", {"question": "Har du kørekort?"}
        )

    assert status == 200
    assert body["status"] == "pending"
    application.refresh_from_db()
    assert application.question == "Har du kørekort?"
    asked = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert asked.reply_to == [owner.email]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "Write the question you want to ask."),
        ({"question": ""}, "Write the question you want to ask."),
        ({"question": 42}, "Write a text."),
        ({"question": "x" * 2001}, None),
        ({"question": "Hvad?", "cc": "x"}, None),
    ],
)
def test_it_explains_a_bad_question(call, application, body, error):
    status, answer = call("post", f"{URL}/{application.pk}/question", body)

    assert status == 400
    assert set(answer) == {"detail", "errors"}
    if error:
        assert answer["errors"] == {"question": [error]}
    application.refresh_from_db()
    assert application.question == ""


def test_it_cannot_question_an_answered_application(call, application):
    call("post", f"{URL}/{application.pk}/accept")

    status, body = call("post", f"{URL}/{application.pk}/question", {"question": "Hvad?"})

    assert status == 409
    assert body == {"detail": "This application has already been answered."}


@pytest.mark.parametrize(
    ("action", "body"),
    [("accept", {}), ("decline", {"message": "Nej"}), ("question", {"question": "Hvad?"})],
)
def test_it_cannot_answer_another_organisations_application(call, theirs, action, body):
    status, _answer = call("post", f"{URL}/{theirs.pk}/{action}", body)

    assert status == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.question) == (ApplicationStatus.PENDING, "")
    assert not Engagement.objects.exists()


def test_it_answers_withdrawn_applications_with_a_conflict(call, application, volunteer):
    engagements.withdraw(application=application, volunteer=volunteer)

    status, _body = call("post", f"{URL}/{application.pk}/accept")

    assert status == 409
    assert Application.objects.get().status == ApplicationStatus.WITHDRAWN


def test_it_costs_the_same_queries_for_2_or_12_applications(call, make_opportunity, make_user):
    call("get", URL)  # the token's first use is recorded once; not part of the list's cost

    def count():
        with CaptureQueriesContext(connection) as queries:
            status, body = call("get", URL)
        assert status == 200
        return len(queries), body["count"]

    def add(n):
        for _ in range(n):
            person = make_user()
            VolunteerProfile.objects.create(user=person)
            engagements.apply(volunteer=person, opportunity=make_opportunity())

    add(2)
    few = count()
    add(10)
    many = count()

    assert (few[1], many[1]) == (2, 12)
    assert few[0] == many[0]
