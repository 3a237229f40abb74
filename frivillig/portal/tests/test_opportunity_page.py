import json
import re

from frivillig.catalog import services
from frivillig.catalog.models import OpportunityStatus


def test_it_shows_the_opportunity_in_plain_words(client, make_opportunity):
    opportunity = make_opportunity(
        "Lektiehjælp",
        min_age=18,
        requires_child_certificate=True,
        address="Torvet 1",
        covers_expenses=True,
    )
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert "<h1>Lektiehjælp</h1>" in html
    assert "Du skal være mindst 18 år." in html
    assert "børneattest" in html
    assert "Karen Kontakt" in html
    assert "56.9830° N, 9.6370° Ø" in html  # coordinates as text, for everyone
    assert opportunity.organisation.get_absolute_url() in html


def test_it_describes_itself_to_search_engines(client, make_opportunity):
    opportunity = make_opportunity("Besøgsven </script><script>alert(1)</script>")
    html = client.get(opportunity.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "VOLUNTEER"
    assert data["title"].startswith("Besøgsven </script>")
    assert data["jobLocation"]["address"]["postalCode"] == "9240"
    assert "<script>alert(1)" not in html


def test_it_marks_danish_text_on_an_english_page(client, make_opportunity):
    opportunity = make_opportunity("Besøgsven")
    html = client.get(opportunity.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 lang="da">Besøgsven</h1>' in html


def test_it_is_gone_when_paused(client, make_opportunity):
    opportunity = make_opportunity()
    services.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)
    assert client.get(opportunity.get_absolute_url()).status_code == 404


def test_it_shows_organisation_area_and_town_pages(
    client, make_opportunity, organisation, areas, places
):
    make_opportunity("Besøgsven i Nibe")
    for url in (
        organisation.get_absolute_url(),
        areas["aeldre"].get_absolute_url(),
        places["nibe"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Besøgsven i Nibe" in response.content.decode()
    assert "Besøgsven i Nibe" not in client.get(areas["boern"].get_absolute_url()).content.decode()


def test_it_hides_unapproved_organisations(client, organisation):
    organisation.is_approved = False
    organisation.save()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert organisation.name not in client.get("/organisationer/").content.decode()
