URL = "/api/v1/places"


def test_it_lists_places_by_name(client, places):
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert [p["name"] for p in body] == ["Aalborg C", "Hals", "Nibe", "Nørresundby"]
    assert body[2] == {
        "slug": "nibe",
        "name": "Nibe",
        "postal_code": "9240",
        "latitude": 56.983,
        "longitude": 9.637,
        "setting": "land",
    }


def test_it_answers_an_empty_list(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == []
