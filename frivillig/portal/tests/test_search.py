from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_it_filters_by_text_and_town(client, make_opportunity):
    make_opportunity("Besøgsven i Nibe", place="nibe")
    make_opportunity("Besøgsven i Hals", place="hals")
    response = client.get("/soeg/", {"q": "besøgsven", "town": "nibe"})
    assert response.status_code == 200
    assert [o.title for o in response.context["page"].object_list] == ["Besøgsven i Nibe"]


def test_it_finds_english_friendly_work_within_10_km(client, make_opportunity):
    make_opportunity("Café i Nørresundby", place="noerresundby", suits_english_speakers=True)
    make_opportunity("Café i Nibe", place="nibe", suits_english_speakers=True)
    make_opportunity("Kun dansk", place="aalborg")
    response = client.get(
        "/soeg/", {"postal_code": "9000", "distance": "10", "suitable": "english"}
    )
    assert [o.title for o in response.context["page"].object_list] == ["Café i Nørresundby"]
    assert "km" in response.content.decode()


def test_it_keeps_every_choice_in_the_url_and_the_form(client, make_opportunity):
    make_opportunity("Besøgsven")
    html = client.get(
        "/soeg/?q=bes%C3%B8gsven&area=aeldre&setting=land&sort=newest"
    ).content.decode()
    assert 'value="besøgsven"' in html
    assert 'name="area" value="aeldre" id="id_area_0" checked' in html
    assert '<option value="land" selected>' in html


def test_it_pages_through_results(client, make_opportunity, settings):
    settings.CATALOG_PAGE_SIZE = 2
    for n in range(5):
        make_opportunity(f"Opgave {n}")
    first = client.get("/soeg/", {"q": "opgave"})
    assert first.context["page"].paginator.num_pages == 3
    assert "page=2" in first.content.decode()
    last = client.get("/soeg/", {"q": "opgave", "page": 3})
    assert len(last.context["page"].object_list) == 1


def test_it_answers_htmx_with_only_the_results(client, make_opportunity):
    make_opportunity("Besøgsven")
    response = client.get("/soeg/", {"q": "besøgsven"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_costs_the_same_queries_for_5_and_50_results(client, make_opportunity, settings):
    settings.CATALOG_PAGE_SIZE = 50
    for _ in range(5):
        make_opportunity(area_slugs=("aeldre", "boern"))
    few = _count_queries(client, "/soeg/?q=besøgsven&postal_code=9000")
    for _ in range(45):
        make_opportunity(area_slugs=("aeldre", "boern"))
    many = _count_queries(client, "/soeg/?q=besøgsven&postal_code=9000")
    assert few == many
    assert _count_queries(client, "/") == _count_queries(client, "/")


def test_it_shows_htmx_users_what_is_wrong_in_the_results(client, places, areas):
    response = client.get("/soeg/", {"postal_code": "2100"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx only swaps successful responses
    assert "Vi kender ikke postnummeret 2100" in response.content.decode()


def test_it_stops_counting_where_counting_stops_helping(client, make_opportunity, monkeypatch):
    from frivillig.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for _ in range(5):
        make_opportunity()
    response = client.get("/soeg/", HTTP_ACCEPT_LANGUAGE="en")
    assert "More than 3 opportunities found" in response.content.decode()
    assert response.context["page"].paginator.num_pages == 1  # 3 of 20 a page


def test_it_lists_the_nearest_first_across_pages(client, make_opportunity, settings):
    settings.CATALOG_PAGE_SIZE = 2
    for place in ["nibe", "aalborg", "hals", "noerresundby", None]:
        make_opportunity(f"I {place}", place=place)
    titles = []
    for page in (1, 2, 3):
        response = client.get("/soeg/", {"postal_code": "9000", "sort": "nearest", "page": page})
        titles += [o.title for o in response.context["page"].object_list]
    assert titles == ["I aalborg", "I noerresundby", "I nibe", "I hals", "I None"]
