"""Recognition in the API: public verification and open rounds, the volunteer's own
certificates, thanks and nominations (session), and an organisation's thanks (token)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from frivillig.organisations import tokens
from frivillig.recognition import services
from frivillig.recognition.models import Certificate, Nomination, RoundStatus, Thanks


def post(client, path, body=None, **headers):
    response = client.post(
        path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )
    return response.status_code, response.json()


@pytest.fixture
def get_json(client):
    def get(path, lang=None):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}
        response = client.get(path, **headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()

    return get


@pytest.fixture
def certificate(volunteer, engagement, worked):
    worked(volunteer, hours="2.50")
    return services.issue_certificate(user=volunteer)


@pytest.fixture
def open_round(office_staff):
    today = timezone.localdate()
    award_round = services.create_round(
        title="Årets frivillige 2026",
        description="Indstil en ildsjæl.",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        by=office_staff,
    )
    return services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="System", created_by=owner)[1]


# Public ------------------------------------------------------------------------------------


def test_anyone_verifies_a_certificate_by_its_code(get_json, certificate, volunteer):
    status, body = get_json(f"/api/v1/certificates/{certificate.code.lower()}")
    assert status == 200
    assert body["valid"] is True and body["revoked"] is False
    assert body["content"]["name"] == "Vera Frivillig"
    assert body["content"]["hours"]["total"] == "2.50"
    assert volunteer.email not in json.dumps(body)


def test_a_revoked_certificate_is_not_valid(get_json, certificate, volunteer):
    services.revoke_certificate(certificate=certificate, user=volunteer)
    status, body = get_json(f"/api/v1/certificates/{certificate.code}")
    assert status == 200 and body["valid"] is False and body["revoked"] is True


def test_an_unknown_code_is_404(get_json, db):
    status, body = get_json("/api/v1/certificates/FB-AAAA-AAAA-AAAA", lang="en")
    assert status == 404 and body["detail"] == "No certificate has this code."


def test_it_lists_only_the_open_rounds(get_json, open_round, office_staff):
    services.create_round(
        title="Kladde",
        description="",
        opens_on=open_round.opens_on,
        closes_on=open_round.closes_on,
        by=office_staff,
    )
    status, body = get_json("/api/v1/award-rounds")
    assert status == 200
    assert [r["title"] for r in body] == ["Årets frivillige 2026"]


# Signed in ---------------------------------------------------------------------------------


def test_the_volunteer_lists_and_issues_certificates(client, volunteer, engagement):
    client.force_login(volunteer)
    response = client.get("/api/v1/me/certificates")
    body = response.json()
    assert response.status_code == 200
    assert body["certificates"] == []
    assert [a["key"] for a in body["available"]] == [f"engagement-{engagement.pk}"]

    status, created = post(client, "/api/v1/me/certificates", {"language": "en"})
    assert status == 201
    assert Certificate.objects.get().code == created["code"]
    assert created["language"] == "en"


@pytest.mark.parametrize(
    "body",
    [{"roles": "alle"}, {"roles": [1]}, {"language": "de"}, {"other": 1}],
)
def test_bad_issue_requests_are_400(client, volunteer, engagement, body):
    client.force_login(volunteer)
    status, answer = post(client, "/api/v1/me/certificates", body)
    assert status == 400 and answer["errors"]
    assert not Certificate.objects.exists()


def test_nothing_to_document_is_409(client, volunteer):
    client.force_login(volunteer)
    status, _ = post(client, "/api/v1/me/certificates", {})
    assert status == 409


def test_the_volunteer_reads_only_their_own_thanks_and_certificates(
    client, organisation, owner, volunteer, engagement, make_user, certificate
):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")
    client.force_login(volunteer)
    assert [t["message"] for t in client.get("/api/v1/me/thanks").json()] == ["Tak"]
    client.force_login(make_user())
    assert client.get("/api/v1/me/thanks").json() == []
    assert client.get("/api/v1/me/certificates").json()["certificates"] == []


def test_anonymous_callers_are_refused(client, db):
    assert client.get("/api/v1/me/thanks").status_code == 401
    assert client.get("/api/v1/me/certificates").status_code == 401


def test_the_volunteer_nominates(client, volunteer, open_round):
    client.force_login(volunteer)
    status, body = post(
        client,
        f"/api/v1/me/award-rounds/{open_round.pk}/nominations",
        {"nominee_name": "Grete", "reason": "Altid klar."},
    )
    assert status == 201 and body["nominee_name"] == "Grete"
    assert Nomination.objects.get().nominator == volunteer


def test_nominations_to_a_closed_or_draft_round_are_refused(
    client, volunteer, open_round, office_staff
):
    client.force_login(volunteer)
    services.set_round_status(award_round=open_round, status=RoundStatus.CLOSED)
    path = f"/api/v1/me/award-rounds/{open_round.pk}/nominations"
    status, _ = post(client, path, {"nominee_name": "G", "reason": "R"})
    assert status == 409
    draft = services.create_round(
        title="Kladde",
        description="",
        opens_on=open_round.opens_on,
        closes_on=open_round.closes_on,
        by=office_staff,
    )
    status, _ = post(
        client,
        f"/api/v1/me/award-rounds/{draft.pk}/nominations",
        {"nominee_name": "G", "reason": "R"},
    )
    assert status == 404
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    "body", [{"nominee_name": "", "reason": "R"}, {"nominee_name": "G", "reason": "x" * 10_000}]
)
def test_bad_nominations_are_400(client, volunteer, open_round, body):
    client.force_login(volunteer)
    status, _ = post(client, f"/api/v1/me/award-rounds/{open_round.pk}/nominations", body)
    assert status == 400


# Organisation (token) ----------------------------------------------------------------------


def test_an_organisation_thanks_its_volunteer_with_its_token(
    client, raw_token, engagement, volunteer
):
    status, body = post(
        client,
        "/api/v1/org/thanks",
        {"engagement": engagement.pk, "message": "Tak for i år"},
        HTTP_AUTHORIZATION=f"Bearer {raw_token}",
    )
    assert status == 201, body
    assert Thanks.objects.get().volunteer == volunteer
    status, body = post(
        client,
        "/api/v1/org/thanks",
        {"engagement": engagement.pk, "message": "Igen"},
        HTTP_AUTHORIZATION=f"Bearer {raw_token}",
    )
    assert status == 409 and "already" in body["detail"]


def test_a_token_cannot_thank_another_organisations_volunteer(
    client, raw_token, engage, other_organisation, make_user
):
    theirs = engage(make_user(first_name="Anden"), other_organisation)
    status, _ = post(
        client,
        "/api/v1/org/thanks",
        {"engagement": theirs.pk, "message": "Tak"},
        HTTP_AUTHORIZATION=f"Bearer {raw_token}",
    )
    assert status == 404
    assert not Thanks.objects.exists()


def test_bad_thanks_and_missing_tokens_are_refused(client, raw_token, engagement):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"}
    assert (
        post(client, "/api/v1/org/thanks", {"engagement": engagement.pk, "message": ""}, **auth)[0]
        == 400
    )
    assert (
        post(client, "/api/v1/org/thanks", {"engagement": "x", "message": "Tak"}, **auth)[0] == 400
    )
    assert (
        post(client, "/api/v1/org/thanks", {"engagement": engagement.pk, "message": "Tak"})[0]
        == 401
    )
