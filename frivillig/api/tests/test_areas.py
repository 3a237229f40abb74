from frivillig.catalog.services import set_opportunity_status

URL = "/api/v1/areas"


def test_it_lists_every_area_with_visible_counts(client, areas, make_opportunity):
    make_opportunity(area_slugs=("aeldre", "boern"))
    make_opportunity(area_slugs=("aeldre",))
    make_opportunity(area_slugs=("boern",), publish=False)
    paused = make_opportunity(area_slugs=("beredskab",))
    set_opportunity_status(opportunity=paused, status="paused")

    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert [a["slug"] for a in body] == list(areas)
    counts = {a["slug"]: a["opportunity_count"] for a in body}
    assert counts == {
        "aeldre": 2,
        "boern": 1,
        "idraet-og-fritid": 0,
        "beredskab": 0,
        "groenne-omraader": 0,
    }


def test_it_gives_both_languages(client, areas):
    areas["aeldre"].description_da = "Besøg og fællesskab"
    areas["aeldre"].save()

    first = client.get(URL).json()[0]

    assert first == {
        "slug": "aeldre",
        "name_da": "Ældre",
        "name_en": "Older people",
        "description_da": "Besøg og fællesskab",
        "description_en": "",
        "opportunity_count": 0,
    }


def test_it_needs_no_login_and_sends_no_cookie(client, areas):
    response = client.get(URL)

    assert response.status_code == 200
    assert not response.cookies
