import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/saadan-bliver-du-frivillig/",
        "/frivilligstrategi/",
        "/tilgaengelighed/",
        "/privatliv/",
        "/organisationer/",
    ],
)
@pytest.mark.parametrize("language", ["da", "en"])
def test_it_serves_every_information_page_in_both_languages(client, db, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert "/tilgaengelighed/" in html and "/privatliv/" in html  # footer links


def test_it_defines_a_volunteer_as_the_strategy_does(client, db):
    html = client.get("/saadan-bliver-du-frivillig/").content.decode()
    for word in ("Ulønnet", "Utvungen", "Organiseret", "For andre"):
        assert word in html


def test_it_lists_everything_public_in_the_sitemap(client, make_opportunity, organisation):
    opportunity = make_opportunity()
    xml = client.get("/sitemap.xml").content.decode()
    assert opportunity.get_absolute_url() in xml
    assert organisation.get_absolute_url() in xml
    assert "/omraader/aeldre/" in xml


def test_it_points_robots_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: " in text and text.rstrip().endswith("/sitemap.xml")
    assert "Disallow: /org/" in text


def test_it_publishes_an_atom_feed_of_new_opportunities(client, make_opportunity):
    make_opportunity("Besøgsven i Nibe")
    response = client.get("/feeds/nye-muligheder/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Besøgsven i Nibe" in response.content.decode()
