import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.catalog.geo import haversine_km
from frivillig.catalog.services import set_opportunity_status

URL = "/api/v1/opportunities"


def slugs(body):
    return [o["slug"] for o in body["results"]]


# Happy paths -------------------------------------------------------------------------------


def test_it_lists_visible_opportunities_newest_first(get_json, make_opportunity):
    older = make_opportunity("Besøgsven")
    newer = make_opportunity("Lektiehjælp", area_slugs=("boern",))
    make_opportunity("Kladde", publish=False)
    paused = make_opportunity("På pause")
    set_opportunity_status(opportunity=paused, status="paused")

    status, body = get_json(URL)

    assert status == 200
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    assert (body["next"], body["previous"]) == (None, None)
    assert slugs(body) == [newer.slug, older.slug]


def test_it_serialises_an_opportunity(get_json, make_opportunity, organisation, settings):
    opportunity = make_opportunity(
        "Besøgsven i Nibe",
        title_en="Visiting friend in Nibe",
        description_en="Visit",
        target_group_en="Lonely elderly",
        area_slugs=("aeldre", "boern"),
        min_age=18,
        requires_driving_licence=True,
        languages="dansk",
        skills="tålmodighed",
        suits_seniors=True,
        suits_english_speakers=True,
        offers_insurance=True,
        covers_expenses=True,
        is_urgent=True,
        contact_phone="12345678",
    )

    status, body = get_json(URL)

    assert status == 200
    result = body["results"][0]
    published_at = result.pop("published_at")
    assert published_at.startswith(str(opportunity.published_at.year))
    assert result == {
        "slug": opportunity.slug,
        "url": settings.SITE_URL + opportunity.get_absolute_url(),
        "title": "Besøgsven i Nibe",
        "title_en": "Visiting friend in Nibe",
        "description": "Kom og vær en god besøgsven for en ældre borger.",
        "description_en": "Visit",
        "target_group": "Ensomme ældre",
        "target_group_en": "Lonely elderly",
        "organisation": {"slug": organisation.slug, "name": "Ældresagen Nibe"},
        "areas": ["aeldre", "boern"],
        "place": {"slug": "nibe", "name": "Nibe", "postal_code": "9240", "setting": "land"},
        "is_flexible_location": False,
        "latitude": 56.983,
        "longitude": 9.637,
        "distance_km": None,
        "kind": "recurring",
        "hours_per_month": 4,
        "hours_total": None,
        "start_date": None,
        "end_date": None,
        "volunteers_wanted": 1,
        "is_urgent": True,
        "requirements": {
            "min_age": 18,
            "requires_child_certificate": False,
            "requires_driving_licence": True,
            "languages": "dansk",
            "skills": "tålmodighed",
        },
        "suitable": {
            "young": False,
            "seniors": True,
            "families": False,
            "english": True,
            "wheelchair": False,
        },
        "offers": {"training": False, "expenses": True, "insurance": True},
        "contact_name": "Karen Kontakt",
    }


def test_it_keeps_contact_details_and_internals_out_of_the_list(client, make_opportunity):
    make_opportunity(contact_email="karen@example.dk", contact_phone="12345678")

    text = client.get(URL).content.decode()

    assert "karen@example.dk" not in text
    assert "12345678" not in text
    assert "search_" not in text
    assert "status" not in text


def test_it_shows_a_flexible_opportunity_without_place(get_json, make_opportunity):
    make_opportunity(place=None)

    result = get_json(URL)[1]["results"][0]

    assert result["place"] is None
    assert result["is_flexible_location"] is True
    assert (result["latitude"], result["longitude"]) == (None, None)


def test_it_shows_one_opportunity_with_its_contact(get_json, make_opportunity):
    opportunity = make_opportunity(contact_phone="12345678", address="Torvet 1")

    status, body = get_json(f"{URL}/{opportunity.slug}")

    assert status == 200
    assert body["slug"] == opportunity.slug
    assert body["contact_email"] == "karen@example.dk"
    assert body["contact_phone"] == "12345678"
    assert body["address"] == "Torvet 1"
    assert body["areas"] == ["aeldre"]
    assert "search_document" not in body and "search_vector" not in body


def test_it_hides_an_opportunity_that_is_not_visible(get_json, make_opportunity):
    draft = make_opportunity(publish=False)

    status, body = get_json(f"{URL}/{draft.slug}", lang="en")

    assert status == 404
    assert body == {"detail": f"There is no published opportunity “{draft.slug}”."}


def test_it_hides_opportunities_of_an_unapproved_organisation(
    get_json, make_opportunity, organisation
):
    opportunity = make_opportunity()
    organisation.is_approved = False
    organisation.save()

    assert get_json(URL)[1]["count"] == 0
    assert get_json(f"{URL}/{opportunity.slug}")[0] == 404


def test_it_answers_an_unknown_slug_with_json_404_in_danish_by_default(client, db):
    response = client.get(f"{URL}/findes-ikke")

    assert response.status_code == 404
    assert response["Content-Language"] == "da"
    assert set(response.json()) == {"detail"}


# Filters: the same as the portal's search --------------------------------------------------


def test_it_filters_by_area(get_json, make_opportunity):
    elderly = make_opportunity(area_slugs=("aeldre",))
    children = make_opportunity(area_slugs=("boern",))
    both = make_opportunity(area_slugs=("aeldre", "boern"))
    make_opportunity(area_slugs=("beredskab",))

    assert set(slugs(get_json(URL, {"area": "aeldre"})[1])) == {elderly.slug, both.slug}
    body = get_json(URL, {"area": ["aeldre", "boern"]})[1]
    assert sorted(slugs(body)) == sorted([elderly.slug, children.slug, both.slug])
    assert body["count"] == 3


def test_it_filters_by_town_and_setting(get_json, make_opportunity):
    nibe = make_opportunity(place="nibe")
    aalborg = make_opportunity(place="aalborg")

    assert slugs(get_json(URL, {"town": "nibe"})[1]) == [nibe.slug]
    assert slugs(get_json(URL, {"setting": "by"})[1]) == [aalborg.slug]


def test_it_filters_by_distance_from_a_postal_code(get_json, make_opportunity):
    aalborg = make_opportunity(place="aalborg")
    noerresundby = make_opportunity(place="noerresundby")
    nibe = make_opportunity(place="nibe")
    make_opportunity(place=None)

    status, body = get_json(URL, {"postal_code": "9000", "distance": "5", "sort": "nearest"})

    assert status == 200
    assert slugs(body) == [aalborg.slug, noerresundby.slug]
    assert [o["distance_km"] for o in body["results"]] == [0.0, 1.2]
    wider = get_json(URL, {"postal_code": "9000", "distance": "25", "sort": "nearest"})[1]
    assert slugs(wider) == [aalborg.slug, noerresundby.slug, nibe.slug]
    assert wider["results"][2]["distance_km"] == round(
        haversine_km(57.048, 9.919, 56.983, 9.637), 1
    )


def test_it_gives_distances_without_a_limit(get_json, make_opportunity):
    make_opportunity(place="hals")
    make_opportunity(place=None)

    body = get_json(URL, {"postal_code": "9240", "sort": "nearest"})[1]

    assert [o["distance_km"] is None for o in body["results"]] == [False, True]


def test_it_filters_by_suitability(get_json, make_opportunity):
    english = make_opportunity(suits_english_speakers=True)
    both = make_opportunity(suits_english_speakers=True, suits_young=True)
    make_opportunity()

    assert set(slugs(get_json(URL, {"suitable": "english"})[1])) == {english.slug, both.slug}
    assert slugs(get_json(URL, {"suitable": ["english", "young"]})[1]) == [both.slug]


def test_it_leaves_out_child_certificates_on_request(get_json, make_opportunity):
    free = make_opportunity()
    make_opportunity(requires_child_certificate=True)

    assert slugs(get_json(URL, {"no_child_certificate": "true"})[1]) == [free.slug]
    assert get_json(URL, {"no_child_certificate": "false"})[1]["count"] == 2


def test_it_filters_by_kind_and_commitment(get_json, make_opportunity):
    event = make_opportunity(kind="event", hours_per_month=None, hours_total=6)
    heavy = make_opportunity(hours_per_month=20)
    one_off = make_opportunity(kind="one_off", hours_per_month=None, hours_total=30)

    assert set(slugs(get_json(URL, {"kind": ["event", "one_off"]})[1])) == {
        event.slug,
        one_off.slug,
    }
    assert slugs(get_json(URL, {"commitment": "light"})[1]) == [event.slug]
    assert slugs(get_json(URL, {"commitment": "heavy"})[1]) == [heavy.slug]


def test_it_searches_text(get_json, make_opportunity):
    reading = make_opportunity("Højtlæsning for børn", area_slugs=("boern",))
    make_opportunity("Fodboldtræner", area_slugs=("idraet-og-fritid",))

    assert slugs(get_json(URL, {"q": "højtlæsning"})[1]) == [reading.slug]


# Bad input: 400 with errors per field, never a 500 ------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 10_000}, "q"),
        ({"distance": "-5", "postal_code": "9000"}, "distance"),
        ({"distance": "999999", "postal_code": "9000"}, "distance"),
        ({"distance": "abc", "postal_code": "9000"}, "distance"),
        ({"distance": "5"}, "postal_code"),
        ({"postal_code": "1234"}, "postal_code"),
        ({"postal_code": "90000"}, "postal_code"),
        ({"area": "nonexistent"}, "area"),
        ({"town": "' OR 1=1 --"}, "town"),
        ({"kind": "paid"}, "kind"),
        ({"suitable": "everyone"}, "suitable"),
        ({"setting": "moon"}, "setting"),
        ({"commitment": "forever"}, "commitment"),
        ({"sort": "random"}, "sort"),
        ({"sort": "nearest"}, "postal_code"),
        ({"q": "nul\x00byte"}, "q"),
    ],
)
def test_it_rejects_bad_filters_with_400(client, make_opportunity, params, field):
    make_opportunity()

    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Language"] == "da"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert field in body["errors"]
    assert all(isinstance(m, str) and m for m in body["errors"][field])


def test_it_explains_bad_filters_in_english_on_request(client, areas):
    response = client.get(
        URL,
        {"q": "x" * 10_000, "distance": "999999", "area": "nonexistent"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json() == {
        "detail": "Some of the query parameters are not valid.",
        "errors": {
            "q": ["The search text can be at most 200 characters long (it has 10000)."],
            "area": ["“nonexistent” is not one of the choices."],
            "distance": ["The distance can be at most 100 km."],
        },
    }


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        "'; DROP TABLE catalog_opportunity; --",
        "%",
        "_",
        "\\",
        "ældre:* & !",
        "()|&<->",
    ],
)
def test_it_treats_sql_and_search_operators_as_text(get_json, make_opportunity, q):
    make_opportunity()

    status, body = get_json(URL, {"q": q})

    assert status == 200
    assert isinstance(body["count"], int)


# Pagination --------------------------------------------------------------------------------


def test_it_paginates_and_keeps_the_filters_in_the_links(get_json, make_opportunity):
    made = [make_opportunity() for _ in range(45)]

    first = get_json(URL, {"area": "aeldre", "suitable": "young"})[1]
    assert first["count"] == 0

    first = get_json(URL, {"area": "aeldre"})[1]
    second = get_json(URL, {"area": "aeldre", "page": "2"})[1]
    third = get_json(URL, {"area": "aeldre", "page": "3"})[1]

    assert (first["count"], first["pages"]) == (45, 3)
    assert [len(p["results"]) for p in (first, second, third)] == [20, 20, 5]
    assert first["next"] == "http://testserver/api/v1/opportunities?area=aeldre&page=2"
    assert second["previous"] == "http://testserver/api/v1/opportunities?area=aeldre&page=1"
    assert third["next"] is None
    everything = slugs(first) + slugs(second) + slugs(third)
    assert everything == [o.slug for o in reversed(made)]


@pytest.mark.parametrize("page", ["abc", "0", "-3", "", "1e3", "9" * 5000])
def test_it_rejects_a_page_that_is_no_number(get_json, make_opportunity, page):
    make_opportunity()

    status, body = get_json(URL, {"page": page}, lang="en")

    if page == "":  # an empty page is the first page, as on the portal
        assert status == 200
    elif page == "9" * 5000:  # a number, but past the last page
        assert status in (400, 404)
    else:
        assert status == 400
        assert body["errors"] == {"page": ["Write the page as a whole number from 1."]}


def test_it_answers_404_beyond_the_last_page(get_json, make_opportunity):
    make_opportunity()

    status, body = get_json(URL, {"page": "2"}, lang="en")

    assert status == 404
    assert body == {"detail": "Page 2 does not exist; the last page is 1."}


def test_it_answers_an_empty_first_page(get_json, db):
    status, body = get_json(URL)

    assert status == 200
    assert (body["count"], body["page"], body["results"]) == (0, 1, [])


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("params", [{}, {"postal_code": "9000", "distance": "50", "q": "besøg"}])
def test_it_costs_the_same_queries_for_5_or_50_opportunities(
    client, make_opportunity, settings, params
):
    settings.CATALOG_PAGE_SIZE = 100
    for n in range(5):
        make_opportunity(area_slugs=("aeldre", "boern"), place=("nibe", "aalborg")[n % 2])
    few, shown_few = _count_queries(client, params)

    for n in range(45):
        make_opportunity(area_slugs=("aeldre", "boern"), place=("nibe", "aalborg")[n % 2])
    many, shown_many = _count_queries(client, params)

    assert (shown_few, shown_many) == (5, 50)
    assert few == many
    # Areas and towns for the form, the postal code, count, page, areas prefetch; on
    # PostgreSQL text search may first ask whether the words match at all.
    assert many <= 7


def test_it_combines_every_filter(get_json, make_opportunity):
    match = make_opportunity(
        "Besøgsven og lektiehjælp",
        area_slugs=("aeldre", "boern"),
        place="aalborg",
        suits_english_speakers=True,
    )
    make_opportunity("Besøgsven", area_slugs=("aeldre",), place="hals", suits_english_speakers=True)

    status, body = get_json(
        URL,
        {
            "q": "besøgsven",
            "area": ["aeldre", "boern"],
            "postal_code": "9000",
            "distance": "10",
            "setting": "by",
            "kind": "recurring",
            "commitment": "light",
            "suitable": "english",
            "no_child_certificate": "on",
            "sort": "nearest",
        },
    )

    assert status == 200
    assert slugs(body) == [match.slug]
    assert body["results"][0]["distance_km"] == 0.0


@pytest.mark.parametrize("query", ["q=%FF%FE", "area=%00", "page=%00", "town=%E2%9C%93&q=%C3"])
def test_it_survives_broken_encodings(client, make_opportunity, query):
    make_opportunity()

    response = client.get(f"{URL}?{query}")

    assert response.status_code in (200, 400)
    assert response.json()
