"""Agreements through the API: an organisation's system reads its own individual and cooperation
agreements with a token; anyone reads the framework and verifies a signed document."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.accounts.models import PersonalDataRead
from frivillig.agreements import services as agreements
from frivillig.agreements.models import AgreementTemplate, FrameworkVersion
from frivillig.engagements import services as engagements
from frivillig.organisations import tokens
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation

PASSWORD = "kodeord-der-er-langt-nok"
URL = "/api/v1/org/agreements"
COOPERATION_URL = "/api/v1/org/cooperation-agreements"


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Aftalesystem", created_by=owner)[1]


@pytest.fixture
def call(client, raw_token):
    """GET as `organisation`'s system; returns (status, JSON body)."""

    def call(path, params=None, *, token=raw_token, lang="en"):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        response = client.get(path, params, **headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return response.status_code, response.json()

    return call


@pytest.fixture
def ours(make_agreement, organisation, volunteer, owner):
    return make_agreement(organisation=organisation, volunteer=volunteer, by=owner)


@pytest.fixture
def theirs(make_agreement, make_user, other_organisation, outsider):
    stranger = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    return make_agreement(
        organisation=other_organisation, volunteer=stranger, by=outsider, task="Hemmelig opgave"
    )


def _signed(agreement, volunteer, by):
    agreement = agreements.sign_as_volunteer(
        agreement=agreement, volunteer=volunteer, ip="127.0.0.1", password=PASSWORD
    )
    return agreements.countersign(agreement=agreement, by=by, ip="10.0.0.1")


# Templates ---------------------------------------------------------------------------------


def test_it_lists_the_municipalitys_templates_and_the_organisations_own(
    call, organisation, other_organisation, framework
):
    own = AgreementTemplate.objects.create(
        organisation=organisation,
        name="Besøgsven",
        introduction="Velkommen.",
        volunteer_expectations="Du kommer til tiden.\nDu siger til, hvis du er forhindret.",
        organisation_expectations="Vi introducerer dig.",
        ending="Sig til, når du vil stoppe.",
    )
    AgreementTemplate.objects.create(
        organisation=other_organisation,
        name="Andres skabelon",
        introduction="-",
        volunteer_expectations="-",
        organisation_expectations="-",
        ending="-",
    )

    status, body = call("/api/v1/org/agreement-templates")

    assert status == 200
    defaults = [t for t in body["results"] if t["organisation"] is None]
    assert {t["language"] for t in defaults} == {"da", "en"}
    mine = [t for t in body["results"] if t["organisation"] is not None]
    assert [t["id"] for t in mine] == [own.pk]
    assert mine[0]["organisation"] == {"slug": organisation.slug, "name": organisation.name}
    assert mine[0]["volunteer_expectations"] == [
        "Du kommer til tiden.",
        "Du siger til, hvis du er forhindret.",
    ]
    assert "Andres skabelon" not in json.dumps(body)


# Individual agreements ---------------------------------------------------------------------


def test_it_lists_the_organisations_agreements_without_contact_details(call, ours, theirs):
    status, body = call(URL)

    assert status == 200
    assert body["count"] == 1
    listed = body["results"][0]
    assert listed["id"] == ours.pk
    assert listed["status"] == "awaiting_volunteer"
    assert listed["version"] == 1
    assert listed["volunteer"] == {"name": "Vera Frivillig"}
    assert listed["code"] == ours.code
    assert listed["sha256"] == ours.sha256
    assert listed["previous_id"] is None
    assert listed["sent_at"] is not None
    assert listed["volunteer_signed_at"] is None
    assert "frivillig@example.dk" not in json.dumps(body)
    assert "rendered_text" not in listed


def test_it_filters_by_status_and_engagement(
    call, make_agreement, make_opportunity, organisation, volunteer, owner, ours
):
    engagement = engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=make_opportunity()),
        by=owner,
    )
    draft = agreements.draft_from_template(
        organisation=organisation,
        volunteer=volunteer,
        template=agreements.default_template("da"),
        by=owner,
        engagement=engagement,
    )

    assert [a["id"] for a in call(URL, {"status": "draft"})[1]["results"]] == [draft.pk]
    assert call(URL, {"status": "awaiting_volunteer"})[1]["count"] == 1
    assert [a["id"] for a in call(URL, {"engagement": engagement.pk})[1]["results"]] == [draft.pk]
    assert call(URL, {"engagement": engagement.pk, "status": "signed"})[1]["count"] == 0

    status, body = call(URL, {"status": "underskrevet", "engagement": "første"})
    assert status == 400
    assert set(body["errors"]) == {"status"}
    status, body = call(URL, {"engagement": "første"})
    assert status == 400
    assert set(body["errors"]) == {"engagement"}


def test_it_shows_one_agreement_with_its_signed_text_and_logs_the_read(
    call, ours, volunteer, owner, organisation, framework
):
    signed = _signed(ours, volunteer, owner)

    status, body = call(f"{URL}/{signed.pk}")

    assert status == 200
    assert body["status"] == "signed"
    assert body["rendered_text"] == signed.rendered_text
    assert agreements.sha256_of(body["rendered_text"]) == body["sha256"]
    assert body["framework"] == {
        "version": "2015",
        "title": framework.title,
        "adopted_on": "2015-11-01",
    }
    assert body["task"] == "Besøgsven for en ældre borger i Nibe."
    assert body["organisation_signer_name"] == "Olga Ejer"
    assert body["volunteer_signed_at"] and body["organisation_signed_at"]
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.volunteer, read.organisation, read.what) == (
        None,
        volunteer,
        organisation,
        "api:agreement",
    )


def test_it_shows_a_draft_without_text_or_hash(call, make_agreement, organisation, volunteer):
    draft = make_agreement(organisation=organisation, volunteer=volunteer, send=False)

    status, body = call(f"{URL}/{draft.pk}")

    assert status == 200
    assert (body["status"], body["rendered_text"], body["sha256"]) == ("draft", None, None)


def test_it_links_the_versions_of_an_agreement(call, ours, volunteer, owner):
    signed = _signed(ours, volunteer, owner)
    newer = agreements.new_version(agreement=signed, by=owner)

    assert call(f"{URL}/{newer.pk}")[1]["previous_id"] == signed.pk
    older = call(f"{URL}/{signed.pk}")[1]
    assert (older["next_id"], older["previous_id"]) == (newer.pk, None)


def test_it_answers_404_for_another_organisations_agreement(call, theirs):
    status, body = call(f"{URL}/{theirs.pk}")

    assert status == 404
    assert body == {"detail": f"There is no agreement with id {theirs.pk}."}
    assert "Hemmelig" not in json.dumps(body)
    assert not PersonalDataRead.objects.filter(action="read").exists()


def test_it_includes_the_organisations_below(call, make_agreement, organisation, volunteer):
    branch = create_organisation(
        name="Ældresagen Nibe, besøgstjenesten",
        kind=OrganisationKind.ASSOCIATION,
        parent=organisation,
        is_approved=True,
    )
    agreement = make_agreement(organisation=branch, volunteer=volunteer)

    assert call(f"{URL}/{agreement.pk}")[0] == 200
    assert call(URL)[1]["results"][0]["organisation"]["slug"] == branch.slug


def test_it_refuses_a_request_without_a_token(call, ours):
    status, body = call(URL, token=None)

    assert status == 401
    assert set(body) == {"detail"}


def test_it_lists_agreements_in_a_constant_number_of_queries(
    client, raw_token, make_agreement, make_user, organisation
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw_token}")
        assert response.status_code == 200
        return len(queries)

    for _n in range(2):
        make_agreement(organisation=organisation, volunteer=make_user(), send=False)
    count_queries()  # the token's first use is noted once
    two = count_queries()
    for _n in range(8):
        make_agreement(organisation=organisation, volunteer=make_user(), send=False)

    assert count_queries() == two


# Cooperation agreements --------------------------------------------------------------------


@pytest.fixture
def cooperation(make_cooperation, municipal_unit, organisation):
    return make_cooperation(municipal_unit=municipal_unit, partner=organisation)


def test_it_lists_the_cooperation_agreements_the_organisation_is_party_to(
    call, cooperation, make_cooperation, municipal_unit, other_organisation, organisation
):
    make_cooperation(
        municipal_unit=municipal_unit, partner=other_organisation, title="Andres samarbejde"
    )

    status, body = call(COOPERATION_URL)

    assert status == 200
    assert [c["id"] for c in body["results"]] == [cooperation.pk]
    listed = body["results"][0]
    assert listed["status"] == "draft"
    assert listed["municipal_unit"]["slug"] == municipal_unit.slug
    assert listed["partner"]["slug"] == organisation.slug
    assert (listed["starts_on"], listed["review_on"]) == ("2026-01-01", "2027-01-01")
    assert listed["sha256"] is None
    assert "Andres samarbejde" not in json.dumps(body)
    assert call(COOPERATION_URL, {"status": "active"})[1]["count"] == 0
    assert call(COOPERATION_URL, {"status": "aktiv"})[0] == 400


def test_the_municipal_units_token_sees_it_too(
    client, cooperation, municipal_unit, make_user, get_json
):
    staff = make_user("enhed@example.dk")
    _token, raw = tokens.create_token(organisation=municipal_unit, name="Enhed", created_by=staff)

    response = client.get(COOPERATION_URL, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert [c["id"] for c in response.json()["results"]] == [cooperation.pk]


def test_it_shows_a_cooperation_agreement_with_its_text(
    call, cooperation, owner, municipal_unit, organisation, make_user
):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    leader = make_user("leder@example.dk", first_name="Lone", last_name="Leder")
    add_member(organisation=municipal_unit, user=leader, role=Role.ADMIN)
    sent = agreements.send_cooperation(agreement=cooperation, by=leader)
    agreements.sign_cooperation(agreement=sent, party=organisation, by=owner, ip=None)

    status, body = call(f"{COOPERATION_URL}/{cooperation.pk}")

    assert status == 200
    assert body["status"] == "awaiting"
    assert body["rendered_text"] == sent.rendered_text
    assert body["sha256"] == agreements.sha256_of(sent.rendered_text)
    assert body["partner_signer_name"] == "Olga Ejer"
    assert body["partner_signed_at"] and body["unit_signed_at"] is None
    assert body["purpose"] == "Flere ældre får besøg."
    assert body["due_for_review"] is False


def test_it_says_when_a_cooperation_agreement_is_due_for_review(
    call, cooperation, owner, municipal_unit, organisation, make_user, make_cooperation
):
    from django.utils import timezone

    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    leader = make_user("leder@example.dk")
    add_member(organisation=municipal_unit, user=leader, role=Role.ADMIN)
    today = timezone.localdate()
    due = make_cooperation(
        municipal_unit=municipal_unit,
        partner=organisation,
        starts_on=today - datetime.timedelta(days=700),
        review_on=today + datetime.timedelta(days=30),
    )
    agreements.send_cooperation(agreement=due, by=leader)
    agreements.sign_cooperation(agreement=due, party=municipal_unit, by=leader, ip=None)
    agreements.sign_cooperation(agreement=due, party=organisation, by=owner, ip=None)

    listed = {c["id"]: c for c in call(COOPERATION_URL)[1]["results"]}

    assert listed[due.pk]["status"] == "active"
    assert listed[due.pk]["due_for_review"] is True
    assert listed[cooperation.pk]["due_for_review"] is False


def test_it_answers_404_for_a_cooperation_agreement_between_others(
    call, make_cooperation, municipal_unit, other_organisation
):
    others = make_cooperation(
        municipal_unit=municipal_unit, partner=other_organisation, purpose="Hemmelig"
    )

    status, body = call(f"{COOPERATION_URL}/{others.pk}")

    assert status == 404
    assert "Hemmelig" not in json.dumps(body)


# Public: the framework and verification ----------------------------------------------------


def test_it_shows_the_current_framework_and_its_versions(get_json, framework):
    FrameworkVersion.objects.create(
        version="2024-udkast",
        title="Udkast",
        adopted_on=datetime.date(2024, 6, 1),
        published=False,
        definition="-",
        openness="-",
        agreements="-",
    )
    older = FrameworkVersion.objects.create(
        version="2010",
        title="Frivilligpolitik",
        adopted_on=datetime.date(2010, 1, 1),
        published=True,
        definition="-",
        openness="-",
        agreements="-",
    )

    status, body = get_json("/api/v1/framework")

    assert status == 200
    assert (body["version"], body["title"], body["adopted_on"]) == (
        "2015",
        framework.title,
        "2015-11-01",
    )
    assert body["definition"] == framework.definition
    assert body["versions"] == [
        {"version": "2015", "title": framework.title, "adopted_on": "2015-11-01", "current": True},
        {
            "version": older.version,
            "title": older.title,
            "adopted_on": "2010-01-01",
            "current": False,
        },
    ]


def test_it_answers_404_while_no_framework_is_published(get_json, db):
    status, body = get_json("/api/v1/framework", lang="en")

    assert status == 404
    assert body == {"detail": "The municipality has not published its framework yet."}


def test_it_verifies_a_signed_agreement_without_naming_the_volunteer(
    get_json, ours, volunteer, owner, organisation
):
    signed = _signed(ours, volunteer, owner)
    messy_code = f" {signed.code[:5].lower()}-{signed.code[5:].lower()} "

    status, body = get_json(
        "/api/v1/agreements/verify", {"code": messy_code, "sha256": signed.sha256.upper()}, "en"
    )

    assert status == 200
    assert body == {
        "kind": "Individual agreement",
        "organisation_names": [organisation.name],
        "version": 1,
        "framework": "Aalborg Kommunes Frivilligstrategi (2015)",
        "status": "Signed",
        "signed_dates": body["signed_dates"],
        "matches": True,
    }
    assert len(body["signed_dates"]) == 2
    text = json.dumps(body)
    assert "Vera" not in text and "frivillig@example.dk" not in text


def test_it_says_when_the_text_in_hand_is_not_the_signed_one(get_json, ours):
    status, body = get_json("/api/v1/agreements/verify", {"code": ours.code, "sha256": "0" * 64})

    assert status == 200
    assert body["matches"] is False
    assert body["signed_dates"] == []


def test_it_verifies_a_cooperation_agreement(get_json, cooperation, make_user, municipal_unit):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    leader = make_user("leder@example.dk")
    add_member(organisation=municipal_unit, user=leader, role=Role.ADMIN)
    sent = agreements.send_cooperation(agreement=cooperation, by=leader)

    status, body = get_json(
        "/api/v1/agreements/verify", {"code": sent.code, "sha256": sent.sha256}, "en"
    )

    assert status == 200
    assert body["kind"] == "Cooperation agreement"
    assert body["organisation_names"] == [municipal_unit.name, cooperation.partner.name]
    assert body["matches"] is True


def test_it_answers_404_for_an_unknown_code_or_a_draft(
    get_json, make_agreement, organisation, volunteer
):
    draft = make_agreement(organisation=organisation, volunteer=volunteer, send=False)

    for code in ("ABCDEFGHJK", draft.code):
        status, body = get_json(
            "/api/v1/agreements/verify", {"code": code, "sha256": "a" * 64}, "en"
        )
        assert status == 404
        assert body == {"detail": "No agreement has this code."}


def test_it_explains_missing_or_malformed_parameters(get_json, db):
    status, body = get_json("/api/v1/agreements/verify", {"sha256": "abc"}, "en")

    assert status == 400
    assert body["errors"] == {
        "code": ["This field is required."],
        "sha256": ["Write the SHA-256 as 64 hexadecimal characters."],
    }
