import pytest

from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation

URL = "/api/v1/organisations"


@pytest.fixture
def unapproved(db):
    return create_organisation(
        name="Ikke godkendt forening",
        kind=OrganisationKind.ASSOCIATION,
        contact_email="privat@example.dk",
    )


@pytest.fixture
def department(db):
    return create_organisation(
        name="Ældre og Handicap", kind=OrganisationKind.DEPARTMENT, is_approved=True
    )


def test_it_lists_approved_organisations_by_name(
    get_json, organisation, other_organisation, unapproved, department
):
    status, body = get_json(URL)

    assert status == 200
    assert body["count"] == 3
    assert (body["page"], body["pages"], body["next"], body["previous"]) == (1, 1, None, None)
    # Æ sorts differently under SQLite's and PostgreSQL's collations: compare as a set.
    assert {o["slug"] for o in body["results"]} == {
        organisation.slug,
        other_organisation.slug,
        department.slug,
    }


def test_it_shows_public_fields_and_no_contact_person(get_json, organisation, settings):
    organisation.contact_name = "Privat Person"
    organisation.contact_email = "privat@example.dk"
    organisation.contact_phone = "12345678"
    organisation.website = "https://example.dk"
    organisation.save()

    status, body = get_json(URL)

    assert status == 200
    result = body["results"][0]
    assert result.pop("url") == settings.SITE_URL + organisation.get_absolute_url()
    assert result == {
        "slug": organisation.slug,
        "name": "Ældresagen Nibe",
        "kind": "association",
        "is_municipal": False,
        "description_da": "",
        "description_en": "",
        "website": "https://example.dk",
        "place": {"slug": "nibe", "name": "Nibe", "postal_code": "9240", "setting": "land"},
    }
    assert "privat" not in str(body).lower()
    assert "12345678" not in str(body)


def test_it_filters_by_kind(get_json, organisation, department):
    status, body = get_json(URL, {"kind": "department"})

    assert status == 200
    assert [o["slug"] for o in body["results"]] == [department.slug]
    assert body["results"][0]["is_municipal"] is True


def test_it_filters_by_name(get_json, organisation, other_organisation):
    status, body = get_json(URL, {"q": "idræt"})

    assert status == 200
    assert [o["slug"] for o in body["results"]] == [other_organisation.slug]


def test_it_filters_by_area_of_visible_opportunities(
    get_json, organisation, other_organisation, make_opportunity
):
    make_opportunity(area_slugs=("aeldre",))
    make_opportunity(area_slugs=("beredskab",), organisation=other_organisation, publish=False)

    assert [o["slug"] for o in get_json(URL, {"area": "aeldre"})[1]["results"]] == [
        organisation.slug
    ]
    assert get_json(URL, {"area": "beredskab"})[1]["count"] == 0


def test_it_rejects_an_unknown_kind_in_danish_by_default(client, organisation):
    response = client.get(URL, {"kind": "company"})

    assert response.status_code == 400
    assert response["Content-Language"] == "da"
    assert set(response.json()) == {"detail", "errors"}
    assert list(response.json()["errors"]) == ["kind"]


def test_it_rejects_bad_filters_in_english_on_request(get_json, areas, organisation):
    status, body = get_json(
        URL, {"kind": "company", "area": "nowhere", "q": "x" * 10_000}, lang="en"
    )

    assert status == 400
    assert body["detail"] == "Some of the query parameters are not valid."
    assert body["errors"] == {
        "q": ["The search text can be at most 200 characters long (it has 10000)."],
        "kind": ["“company” is not one of the choices."],
        "area": ["“nowhere” is not one of the choices."],
    }


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE x; --"])
def test_it_treats_sql_looking_names_as_text(get_json, organisation, q):
    status, body = get_json(URL, {"q": q})

    assert status == 200
    assert body["count"] == 0


def test_it_paginates(get_json, db):
    for n in range(25):
        create_organisation(
            name=f"Forening {n:02}", kind=OrganisationKind.ASSOCIATION, is_approved=True
        )

    status, first = get_json(URL, {"kind": "association"})
    status2, second = get_json(URL, {"kind": "association", "page": "2"})

    assert status == status2 == 200
    assert (first["count"], first["pages"], len(first["results"])) == (25, 2, 20)
    assert first["next"] == "http://testserver/api/v1/organisations?kind=association&page=2"
    assert first["previous"] is None
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/organisations?kind=association&page=1"
    assert second["results"][0]["name"] == "Forening 20"


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_it_rejects_a_bad_page(get_json, organisation, page):
    status, body = get_json(URL, {"page": page}, lang="en")

    assert status == 400
    assert body["errors"] == {"page": ["Write the page as a whole number from 1."]}


def test_it_answers_404_beyond_the_last_page(get_json, organisation):
    status, body = get_json(URL, {"page": "3"}, lang="en")

    assert status == 404
    assert body == {"detail": "Page 3 does not exist; the last page is 1."}


def test_it_shows_one_organisation(get_json, organisation, make_opportunity):
    make_opportunity()
    make_opportunity(publish=False)
    organisation.address = "Torvet 1, 9240 Nibe"
    organisation.save()

    status, body = get_json(f"{URL}/{organisation.slug}")

    assert status == 200
    assert body["slug"] == organisation.slug
    assert body["address"] == "Torvet 1, 9240 Nibe"
    assert body["opportunity_count"] == 1
    assert "contact_email" not in body


def test_it_hides_an_unapproved_organisation(get_json, unapproved):
    status, body = get_json(f"{URL}/{unapproved.slug}", lang="en")

    assert status == 404
    assert body == {"detail": f"There is no organisation “{unapproved.slug}”."}


def test_it_answers_404_in_json_for_an_unknown_slug(get_json, db):
    status, body = get_json(f"{URL}/findes-ikke")

    assert status == 404
    assert set(body) == {"detail"}


def test_it_answers_404_in_json_for_something_that_is_no_slug(get_json, db):
    status, body = get_json(f"{URL}/%00%27%20OR%201=1", lang="en")

    assert status == 404
    assert body == {"detail": "There is nothing at this address."}
