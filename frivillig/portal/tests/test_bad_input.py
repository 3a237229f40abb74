import pytest


@pytest.mark.parametrize(
    "query, field",
    [
        ({"area": "findes-ikke"}, "area"),
        ({"kind": "paid"}, "kind"),
        ({"sort": "price"}, "sort"),
        ({"postal_code": "abcd"}, "postal_code"),
        ({"postal_code": "2100"}, "postal_code"),
        ({"postal_code": "9000", "distance": "-5"}, "distance"),
        ({"postal_code": "9000", "distance": "99999999999999999999"}, "distance"),
        ({"postal_code": "9000", "distance": "ti"}, "distance"),
        ({"distance": "10"}, "postal_code"),
        ({"q": "x" * 10_000}, "q"),
    ],
)
def test_it_explains_bad_filters_without_failing(client, places, areas, query, field):
    response = client.get("/soeg/", query)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "alert-error" in response.content.decode()


def test_it_keeps_what_was_typed_when_a_filter_is_wrong(client, places, areas):
    html = client.get("/soeg/", {"q": "besøgsven", "postal_code": "2100"}).content.decode()
    assert 'value="besøgsven"' in html
    assert 'value="2100"' in html
    assert "Vi kender ikke postnummeret 2100" in html


def test_it_explains_errors_in_english_too(client, places, areas):
    html = client.get("/soeg/", {"postal_code": "2100"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We do not know the postal code 2100" in html


@pytest.mark.parametrize("page, status", [("abc", 400), ("0", 400), ("-1", 400), ("999", 404)])
def test_it_explains_pages_that_do_not_exist(client, make_opportunity, page, status):
    make_opportunity()
    response = client.get("/soeg/", {"page": page})
    assert response.status_code == status
    assert "alert-error" in response.content.decode()


def test_it_never_reflects_markup_unescaped(client, make_opportunity):
    make_opportunity()
    evil = "<script>alert(1)</script>' OR 1=1 --"
    html = client.get("/soeg/", {"q": evil}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "/muligheder/findes-ikke/",
        "/organisationer/findes-ikke/",
        "/omraader/findes-ikke/",
        "/byer/findes-ikke/",
        "/findes-ikke/",
    ],
)
def test_it_shows_a_helpful_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Vi kunne ikke finde siden" in response.content.decode()


def test_it_shows_a_helpful_500_without_details(client, db, settings, monkeypatch):
    from frivillig.portal.views import public

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(public, "areas_with_counts", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der skete en fejl" in html
    assert "secret detail" not in html


def test_it_explains_a_missing_csrf_token_kindly(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Siden er udløbet</h1>" in html
    assert "Go back, reload the page and try again." in html
