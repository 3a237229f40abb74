"""Open data downloads: only published data, no personal data, JSON and CSV, open to any
origin; and the same CORS header on the public API."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.events.models import EventVisibility
from frivillig.organisations.models import Organisation


@pytest.fixture
def published(make_opportunity, make_event, make_shift, organisation, owner):
    Organisation.objects.filter(pk=organisation.pk).update(
        contact_name="Preben Privat", contact_email="kontakt@aeldresagen-nibe.dk"
    )
    shown = make_opportunity("Besøgsven i Nibe", area_slugs=("aeldre", "boern"))
    make_opportunity("Kladde", publish=False)
    event = make_event("Karneval")
    make_shift(event=event, capacity=5)
    make_event("Hemmeligt", visibility=EventVisibility.HIDDEN)
    make_event("Ikke offentliggjort", publish=False)
    return shown


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _json(client, name):
    response = client.get(f"/aabne-data/{name}.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(_body(response))


def test_it_lists_published_opportunities_only(client, published):
    data = _json(client, "muligheder")
    assert data["licence"]["name"] == "CC BY 4.0"
    assert [row["title"] for row in data["results"]] == ["Besøgsven i Nibe"]
    row = data["results"][0]
    assert row["areas"] == ["aeldre", "boern"]
    assert row["town"] == "Nibe" and row["setting"] == "land"
    assert row["url"].endswith(published.get_absolute_url())


def test_it_lists_approved_organisations_with_their_public_contact(client, published):
    data = _json(client, "organisationer")
    names = [row["name"] for row in data["results"]]
    assert "Ældresagen Nibe" in names
    row = next(r for r in data["results"] if r["name"] == "Ældresagen Nibe")
    assert row["email"] == "kontakt@aeldresagen-nibe.dk"
    assert row["opportunities"] == 1


def test_it_lists_public_upcoming_events_only(client, published):
    data = _json(client, "arrangementer")
    assert [row["name"] for row in data["results"]] == ["Karneval"]
    assert data["results"][0]["places"] == 5 and data["results"][0]["free_places"] == 5


@pytest.mark.parametrize("name", ["muligheder", "organisationer", "arrangementer"])
def test_it_leaves_out_personal_data(client, published, owner, name):
    for fmt in ("json", "csv"):
        body = _body(client.get(f"/aabne-data/{name}.{fmt}"))
        for private in ("Karen Kontakt", "karen@example.dk", "Preben Privat", owner.email):
            assert private not in body


def test_it_writes_csv_for_danish_excel(client, published):
    response = client.get("/aabne-data/muligheder.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, first = rows[0], rows[1]
    assert len(rows) == 2
    assert first[header.index("title")] == "Besøgsven i Nibe"
    assert first[header.index("areas")] == "aeldre,boern"


def test_it_answers_404_for_an_unknown_data_set(client, db):
    assert client.get("/aabne-data/brugere.json").status_code == 404
    assert client.get("/aabne-data/muligheder.xml").status_code == 404


def test_it_explains_the_licence_and_links_the_files(client, db):
    response = client.get("/aabne-data/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "CC BY 4.0" in page and "https://creativecommons.org/licenses/by/4.0/" in page
    for name in ("muligheder", "organisationer", "arrangementer"):
        assert f"/aabne-data/{name}.json" in page and f"/aabne-data/{name}.csv" in page


def test_it_links_statistics_from_the_footer(client, db):
    assert 'href="/statistik/"' in client.get("/").content.decode()


@pytest.mark.parametrize("name", ["muligheder", "organisationer", "arrangementer"])
def test_it_costs_the_same_queries_for_2_and_10_rows(
    client, make_opportunity, make_event, make_shift, other_organisation, name
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            _body(client.get(f"/aabne-data/{name}.json"))
        return len(captured)

    def add(n):
        for _ in range(n):
            make_opportunity()
            make_opportunity(organisation=other_organisation)
            make_shift(event=make_event())

    add(2)
    few = queries()
    add(8)
    assert queries() == few


def test_it_lets_any_origin_read_the_public_api(client, db, areas):
    response = client.get("/api/v1/areas")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/opportunities/ukendt")["Access-Control-Allow-Origin"] == "*"


def test_it_keeps_signed_in_api_endpoints_same_origin(client, volunteer):
    client.force_login(volunteer)
    response = client.get("/api/v1/me/expense-claims")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
