"""An organisation's own system manages its opportunities through the API with a token."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.catalog.models import Opportunity, OpportunityStatus
from frivillig.organisations import tokens
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation

URL = "/api/v1/org/opportunities"


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Hjemmeside", created_by=owner)[1]


@pytest.fixture
def call(client, raw_token):
    """Call the API as `organisation`'s system; returns (status, JSON body)."""

    def call(method, path, body=None, *, token=raw_token, lang="en", raw_body=None):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if method == "get":
            response = client.get(path, body, **headers)
        else:
            data = raw_body if raw_body is not None else json.dumps(body or {})
            response = getattr(client, method)(
                path, data=data, content_type="application/json", **headers
            )
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return response.status_code, response.json()

    return call


@pytest.fixture
def other_token(other_organisation, outsider):
    return tokens.create_token(organisation=other_organisation, name="Anden", created_by=outsider)[
        1
    ]


def new_opportunity(**changes):
    body = {
        "title": "Lektiehjælper i Nibe",
        "description": "Hjælp børn med lektierne to eftermiddage om måneden.",
        "areas": ["boern"],
        "place": "nibe",
        "kind": "recurring",
        "hours_per_month": 4,
        "target_group": "Skolebørn",
        "contact_name": "Karen Kontakt",
        "contact_email": "karen@example.dk",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


# Listing -------------------------------------------------------------------------------------


def test_it_lists_every_status_of_the_organisation_and_nothing_of_others(
    call, make_opportunity, other_organisation
):
    published = make_opportunity("Besøgsven")
    draft = make_opportunity("Kladde", publish=False)
    make_opportunity("Andres", organisation=other_organisation)

    status, body = call("get", URL)

    assert status == 200
    assert body["count"] == 2
    assert [o["id"] for o in body["results"]] == [draft.pk, published.pk]
    assert {o["status"] for o in body["results"]} == {"draft", "published"}


def test_it_filters_by_status(call, make_opportunity):
    make_opportunity("Besøgsven")
    draft = make_opportunity("Kladde", publish=False)

    status, body = call("get", URL, {"status": "draft"})

    assert status == 200
    assert [o["id"] for o in body["results"]] == [draft.pk]


def test_it_rejects_an_unknown_status_filter(call, organisation):
    status, body = call("get", URL, {"status": "deleted"})

    assert status == 400
    assert body["errors"] == {"status": ["“deleted” is not one of the choices."]}


def test_it_includes_the_organisations_below(call, organisation, make_opportunity):
    club = create_organisation(
        name="Nibe Ældreklub",
        kind=OrganisationKind.ASSOCIATION,
        parent=organisation,
        is_approved=True,
    )
    below = make_opportunity("Klubbens opgave", organisation=club)

    status, body = call("get", URL)

    assert status == 200
    assert [o["id"] for o in body["results"]] == [below.pk]
    assert body["results"][0]["organisation"] == {"slug": club.slug, "name": club.name}


def test_it_does_not_reach_the_organisation_above(call, organisation, make_opportunity, areas):
    parent = create_organisation(
        name="Ældre og Handicap", kind=OrganisationKind.DEPARTMENT, is_approved=True
    )
    organisation.parent = parent
    organisation.path = f"{parent.path}{organisation.pk}/"
    organisation.save()
    above = make_opportunity("Forvaltningens opgave", organisation=parent)

    status, _body = call("get", f"{URL}/{above.pk}")

    assert status == 404


# Reading one ---------------------------------------------------------------------------------


def test_it_shows_one_opportunity_in_the_shape_it_is_written(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven", publish=False, suits_seniors=True)

    status, body = call("get", f"{URL}/{opportunity.pk}")

    assert status == 200
    assert body["id"] == opportunity.pk
    assert body["status"] == "draft"
    assert body["areas"] == ["aeldre"]
    assert body["place"] == "nibe"
    assert body["suits_seniors"] is True
    assert body["url"].endswith(f"/muligheder/{opportunity.slug}/")
    assert "search_document" not in body


def test_it_answers_404_for_another_organisations_opportunity(
    call, make_opportunity, other_organisation
):
    theirs = make_opportunity("Andres", organisation=other_organisation)

    status, body = call("get", f"{URL}/{theirs.pk}")

    assert status == 404
    assert body == {"detail": f"There is no opportunity with id {theirs.pk}."}


def test_it_answers_the_same_404_for_an_id_that_does_not_exist(call, organisation):
    status, body = call("get", f"{URL}/999999")

    assert status == 404
    assert body == {"detail": "There is no opportunity with id 999999."}


# Creating ------------------------------------------------------------------------------------


def test_it_creates_a_draft(call, organisation, areas, places):
    status, body = call("post", URL, new_opportunity())

    assert status == 201
    created = Opportunity.objects.get(pk=body["id"])
    assert created.status == OpportunityStatus.DRAFT
    assert created.organisation == organisation
    assert [a.slug for a in created.areas.all()] == ["boern"]
    assert (created.latitude, created.longitude) == (places["nibe"].latitude, 9.637)
    assert body["status"] == "draft"
    assert body["volunteers_wanted"] == 1


def test_it_never_publishes_on_create(call, organisation, areas):
    status, body = call("post", URL, new_opportunity(status="published"))

    assert status == 400
    assert body["errors"] == {"status": ["There is no such field."]}
    assert not Opportunity.objects.exists()


def test_it_creates_for_an_organisation_below(call, organisation, areas):
    club = create_organisation(
        name="Nibe Ældreklub",
        kind=OrganisationKind.ASSOCIATION,
        parent=organisation,
        is_approved=True,
    )

    status, body = call("post", URL, new_opportunity(organisation=club.slug))

    assert status == 201
    assert Opportunity.objects.get(pk=body["id"]).organisation == club


def test_it_refuses_to_create_for_another_organisation(call, other_organisation, areas):
    status, body = call("post", URL, new_opportunity(organisation=other_organisation.slug))

    assert status == 400
    assert list(body["errors"]) == ["organisation"]
    assert not Opportunity.objects.exists()


def test_it_lists_every_missing_field(call, organisation, areas):
    status, body = call("post", URL, {})

    assert status == 400
    assert body["detail"] == "Some of the fields are not valid."
    assert {"title", "description", "areas", "kind", "target_group", "contact_name"} <= set(
        body["errors"]
    )
    assert body["errors"]["areas"] == ["Choose at least one area."]


def test_it_explains_invalid_values_per_field(call, organisation, areas):
    status, body = call(
        "post",
        URL,
        new_opportunity(
            areas=["findes-ikke"],
            place="atlantis",
            kind="weekly",
            contact_email="ikke en adresse",
            start_date="2030-05-01",
            end_date="2030-04-01",
            min_age=120,
            volunteers_wanted=0,
        ),
    )

    assert status == 400
    assert set(body["errors"]) == {
        "areas",
        "place",
        "kind",
        "contact_email",
        "end_date",
        "min_age",
        "volunteers_wanted",
    }
    assert all(isinstance(m, str) and m for ms in body["errors"].values() for m in ms)


def test_it_wants_a_town_or_a_flexible_location(call, organisation, areas):
    status, body = call("post", URL, new_opportunity(place=None))

    assert status == 400
    assert list(body["errors"]) == ["place"]

    status, body = call("post", URL, new_opportunity(place=None, is_flexible_location=True))
    assert status == 201
    assert body["place"] is None


def test_it_checks_json_types_before_anything_else(call, organisation, areas):
    status, body = call(
        "post",
        URL,
        new_opportunity(title=5, areas="boern", hours_per_month="4", is_urgent="yes"),
    )

    assert status == 400
    assert body["errors"] == {
        "title": ["Write a text."],
        "areas": ["Write a list of texts."],
        "hours_per_month": ["Write a whole number."],
        "is_urgent": ["Write true or false."],
    }


@pytest.mark.parametrize("raw_body", ["not json", "[1, 2]", '"text"', "{", '{"title": "\\ud800"}'])
def test_it_rejects_a_body_that_is_no_json_object(call, organisation, raw_body):
    status, body = call("post", URL, raw_body=raw_body)

    assert status == 400
    assert body["errors"] == {"body": ["This is not a JSON object."]}


def test_it_rejects_null_characters(call, organisation, areas):
    status, body = call("post", URL, new_opportunity(title="Besøg\x00ven"))

    assert status == 400
    assert list(body["errors"]) == ["title"]


def test_it_answers_in_danish_by_default(client, raw_token, organisation, areas):
    response = client.post(
        URL, data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw_token}"
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "da"


# Changing ------------------------------------------------------------------------------------


def test_it_changes_only_the_fields_sent(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven", suits_seniors=True, min_age=18)

    status, body = call(
        "patch", f"{URL}/{opportunity.pk}", {"title": "Besøgsven i Nibe", "areas": ["boern"]}
    )

    assert status == 200
    opportunity.refresh_from_db()
    assert opportunity.title == "Besøgsven i Nibe"
    assert [a.slug for a in opportunity.areas.all()] == ["boern"]
    assert (opportunity.suits_seniors, opportunity.min_age) == (True, 18)
    assert opportunity.status == OpportunityStatus.PUBLISHED
    assert "besøgsven i nibe" in opportunity.search_document
    assert body["title"] == "Besøgsven i Nibe"


def test_it_round_trips_what_it_shows(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven", start_date="2030-01-01")
    _status, shown = call("get", f"{URL}/{opportunity.pk}")
    writable = {
        k: v
        for k, v in shown.items()
        if k
        not in {
            "id",
            "slug",
            "url",
            "status",
            "organisation",
            "published_at",
            "created_at",
            "updated_at",
        }
    }

    status, body = call("patch", f"{URL}/{opportunity.pk}", writable)

    assert status == 200, body
    assert {k: body[k] for k in writable} == writable


def test_it_refuses_a_bad_change_and_keeps_the_opportunity(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven")

    status, body = call("patch", f"{URL}/{opportunity.pk}", {"title": "", "areas": []})

    assert status == 400
    assert set(body["errors"]) == {"title", "areas"}
    opportunity.refresh_from_db()
    assert opportunity.title == "Besøgsven"
    assert opportunity.areas.count() == 1


def test_it_cannot_change_another_organisations_opportunity(
    call, make_opportunity, other_organisation
):
    theirs = make_opportunity("Andres", organisation=other_organisation)

    status, _body = call("patch", f"{URL}/{theirs.pk}", {"title": "Overtaget"})

    assert status == 404
    theirs.refresh_from_db()
    assert theirs.title == "Andres"


# Publishing, pausing, closing ----------------------------------------------------------------


def test_it_publishes_pauses_and_closes(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven", publish=False)

    assert call("post", f"{URL}/{opportunity.pk}/publish")[1]["status"] == "published"
    assert call("post", f"{URL}/{opportunity.pk}/pause")[1]["status"] == "paused"
    status, body = call("post", f"{URL}/{opportunity.pk}/close")

    assert status == 200
    assert body["status"] == "closed"
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.CLOSED


def test_it_explains_why_a_closed_opportunity_cannot_be_paused(call, make_opportunity):
    opportunity = make_opportunity("Besøgsven")
    call("post", f"{URL}/{opportunity.pk}/close")

    status, body = call("post", f"{URL}/{opportunity.pk}/pause")

    assert status == 409
    assert body == {"detail": "A closed opportunity cannot be changed."}


def test_it_explains_why_an_unapproved_organisation_cannot_publish(
    call, organisation, make_opportunity
):
    opportunity = make_opportunity("Besøgsven", publish=False)
    organisation.is_approved = False
    organisation.save()

    status, body = call("post", f"{URL}/{opportunity.pk}/publish")

    assert status == 409
    assert "approved" in body["detail"]


@pytest.mark.parametrize("action", ["publish", "pause", "close"])
def test_it_cannot_act_on_another_organisations_opportunity(
    call, make_opportunity, other_organisation, action
):
    theirs = make_opportunity("Andres", organisation=other_organisation, publish=False)

    status, _body = call("post", f"{URL}/{theirs.pk}/{action}")

    assert status == 404
    theirs.refresh_from_db()
    assert theirs.status == OpportunityStatus.DRAFT


def test_the_other_organisations_token_cannot_see_ours(call, make_opportunity, other_token):
    ours = make_opportunity("Vores")

    assert call("get", f"{URL}/{ours.pk}", token=other_token)[0] == 404
    status, body = call("get", URL, token=other_token)
    assert (status, body["count"]) == (200, 0)


def test_it_costs_the_same_queries_for_2_or_12_opportunities(call, make_opportunity):
    call("get", URL)  # the token's first use is recorded once; not part of the list's cost

    def count():
        with CaptureQueriesContext(connection) as queries:
            status, body = call("get", URL)
        assert status == 200
        return len(queries), body["count"]

    for _ in range(2):
        make_opportunity(area_slugs=("aeldre", "boern"))
    few = count()
    for _ in range(10):
        make_opportunity(area_slugs=("aeldre", "boern"))
    many = count()

    assert (few[1], many[1]) == (2, 12)
    assert few[0] == many[0]
