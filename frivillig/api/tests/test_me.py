"""A signed-in volunteer reads and changes their own applications and engagements through the
API, with the portal's session (and CSRF protection on every change)."""

import json

import pytest
from django.core import mail
from django.test import Client

from frivillig.engagements import services as engagements
from frivillig.engagements.models import ApplicationStatus, EngagementStatus
from frivillig.organisations import tokens


@pytest.fixture
def application(make_opportunity, volunteer):
    return engagements.apply(
        volunteer=volunteer, opportunity=make_opportunity("Besøgsven"), message="Hej"
    )


@pytest.fixture
def engagement(make_opportunity, volunteer, owner):
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity("Lektier"))
    return engagements.accept(application=application, by=owner)


@pytest.fixture
def someone_elses(make_opportunity, make_user, owner):
    """Another volunteer's application and engagement, with the same organisation."""
    stranger = make_user("fremmed@example.dk")
    application = engagements.apply(volunteer=stranger, opportunity=make_opportunity("Fremmed"))
    other = engagements.apply(volunteer=stranger, opportunity=make_opportunity("Fremmed 2"))
    return application, engagements.accept(application=other, by=owner)


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def post(client, path, body=None):
    return client.post(
        path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


# Reading -------------------------------------------------------------------------------------


def test_it_shows_my_profile(signed_in, volunteer, areas):
    volunteer.profile.interests.set([areas["aeldre"]])

    response = signed_in.get("/api/v1/me")

    assert response.status_code == 200
    body = response.json()
    assert (body["email"], body["first_name"], body["last_name"]) == (
        "frivillig@example.dk",
        "Vera",
        "Frivillig",
    )
    assert body["profile"]["postal_code"] == "9000"
    assert body["profile"]["interests"] == ["aeldre"]
    assert "password" not in body


def test_it_shows_a_person_without_a_volunteer_profile(client, make_user):
    client.force_login(make_user("ny@example.dk"))

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["profile"] is None


def test_it_lists_only_my_applications_and_engagements(
    signed_in, application, engagement, someone_elses
):
    applications = signed_in.get("/api/v1/me/applications").json()
    current = signed_in.get("/api/v1/me/engagements").json()

    assert {a["id"] for a in applications} == {application.pk, engagement.application_id}
    assert [e["id"] for e in current] == [engagement.pk]
    mine = next(a for a in applications if a["id"] == application.pk)
    assert mine["status"] == "pending"
    assert mine["message"] == "Hej"
    assert mine["opportunity"]["title"] == "Besøgsven"


@pytest.mark.parametrize(
    "path", ["/api/v1/me", "/api/v1/me/applications", "/api/v1/me/engagements"]
)
def test_it_asks_an_anonymous_visitor_to_sign_in(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in on the portal first."}


def test_it_does_not_accept_an_api_token_instead_of_a_session(client, organisation, owner):
    raw = tokens.create_token(organisation=organisation, name="x", created_by=owner)[1]

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 401


# Changing ------------------------------------------------------------------------------------


def test_it_withdraws_my_application_and_tells_the_organisation(
    signed_in, application, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            signed_in,
            f"/api/v1/me/applications/{application.pk}/withdraw",
            {"note": "Jeg har fået nyt arbejde"},
        )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    told = next(m for m in mail.outbox if m.to == ["koordinator@example.dk"])
    assert "nyt arbejde" in told.body


def test_it_withdraws_without_a_reason(signed_in, application):
    response = post(signed_in, f"/api/v1/me/applications/{application.pk}/withdraw")

    assert response.status_code == 200


def test_it_explains_that_an_answered_application_cannot_be_withdrawn(signed_in, engagement):
    response = post(signed_in, f"/api/v1/me/applications/{engagement.application_id}/withdraw")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Only an application that awaits an answer can be withdrawn."
    }


def test_it_pauses_resumes_and_ends_my_engagement(signed_in, engagement):
    base = f"/api/v1/me/engagements/{engagement.pk}"

    assert post(signed_in, f"{base}/pause").json()["status"] == "paused"
    assert post(signed_in, f"{base}/resume").json()["status"] == "active"
    response = post(signed_in, f"{base}/end", {"note": ""})

    assert response.status_code == 200
    assert response.json()["status"] == "ended"
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED


def test_it_explains_that_an_active_engagement_cannot_be_resumed(signed_in, engagement):
    response = post(signed_in, f"/api/v1/me/engagements/{engagement.pk}/resume")

    assert response.status_code == 409
    assert response.json() == {"detail": "That is not possible for this engagement now."}


def test_it_refuses_a_bad_note(signed_in, engagement):
    response = post(signed_in, f"/api/v1/me/engagements/{engagement.pk}/pause", {"note": 7})

    assert response.status_code == 400
    assert response.json()["errors"] == {"note": ["Write a text."]}
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


@pytest.mark.parametrize("action", ["pause", "resume", "end"])
def test_it_answers_404_for_someone_elses_engagement(signed_in, someone_elses, action):
    _application, theirs = someone_elses

    response = post(signed_in, f"/api/v1/me/engagements/{theirs.pk}/{action}")

    assert response.status_code == 404
    assert response.json() == {"detail": f"You have no engagement with id {theirs.pk}."}
    theirs.refresh_from_db()
    assert theirs.status == EngagementStatus.ACTIVE


def test_it_answers_404_for_someone_elses_application(signed_in, someone_elses):
    theirs, _engagement = someone_elses

    response = post(signed_in, f"/api/v1/me/applications/{theirs.pk}/withdraw")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ApplicationStatus.PENDING


def test_it_asks_an_anonymous_visitor_to_sign_in_before_changing_anything(client, application):
    response = post(client, f"/api/v1/me/applications/{application.pk}/withdraw")

    assert response.status_code == 401
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


# CSRF ----------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    return client


def test_it_refuses_a_change_without_the_csrf_token(csrf_client, engagement):
    response = post(csrf_client, f"/api/v1/me/engagements/{engagement.pk}/pause")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_accepts_a_change_with_the_csrf_token(csrf_client, engagement, places, areas):
    csrf_client.get("/")  # any portal page sets the CSRF cookie
    token = csrf_client.cookies["csrftoken"].value

    response = csrf_client.post(
        f"/api/v1/me/engagements/{engagement.pk}/pause",
        data="{}",
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 200
    assert response.json()["status"] == "paused"


def test_it_reads_without_a_csrf_token(csrf_client, engagement):
    assert csrf_client.get("/api/v1/me/engagements").status_code == 200


def test_it_documents_the_session_scheme_on_every_operation(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["components"]["securitySchemes"]["VolunteerSession"]["in"] == "cookie"
    operations = [
        operation
        for path, item in schema["paths"].items()
        if path == "/api/v1/me" or path.startswith("/api/v1/me/")
        for operation in item.values()
    ]
    # Profile, data, deletion, applications, shifts, claims, and the dialogue: messages,
    # announcements, ideas, consultation comments, feedback, thanks, certificates, notices.
    assert len(operations) >= 30
    assert all(o["security"] == [{"VolunteerSession": []}] for o in operations)
