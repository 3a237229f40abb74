import pytest

from frivillig.catalog import services
from frivillig.catalog.models import Opportunity, OpportunityStatus


def test_it_creates_a_draft_with_coordinates_from_its_town(make_opportunity, places):
    opportunity = make_opportunity(publish=False)
    assert opportunity.status == OpportunityStatus.DRAFT
    assert (opportunity.latitude, opportunity.longitude) == (
        places["nibe"].latitude,
        places["nibe"].longitude,
    )
    assert "ældresagen nibe" in opportunity.search_document
    assert "ældre" in opportunity.search_document


def test_it_publishes_only_for_an_approved_organisation(make_opportunity, organisation):
    organisation.is_approved = False
    organisation.save()
    opportunity = make_opportunity(publish=False)
    with pytest.raises(services.CatalogError):
        services.publish_opportunity(opportunity=opportunity)
    assert Opportunity.objects.get(pk=opportunity.pk).status == OpportunityStatus.DRAFT


def test_it_hides_paused_and_closed_opportunities(make_opportunity):
    visible = make_opportunity()
    paused = make_opportunity()
    services.set_opportunity_status(opportunity=paused, status=OpportunityStatus.PAUSED)
    closed = make_opportunity()
    services.set_opportunity_status(opportunity=closed, status=OpportunityStatus.CLOSED)
    assert list(Opportunity.objects.visible()) == [visible]


def test_it_refuses_to_reopen_a_closed_opportunity(make_opportunity):
    opportunity = make_opportunity()
    services.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.CLOSED)
    with pytest.raises(services.CatalogError):
        services.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)


def test_it_loads_the_municipalitys_towns(db, settings):
    path = settings.BASE_DIR / "catalog" / "data" / "aalborg_towns.csv"
    assert services.load_places(csv_path=path) >= 25
    from frivillig.catalog.models import Place

    nibe = Place.objects.get(slug="nibe")
    assert (nibe.postal_code, nibe.setting) == ("9240", "land")
    assert services.load_places(csv_path=path) == Place.objects.count()  # idempotent


def test_it_never_reopens_a_closed_opportunity(make_opportunity):
    opportunity = make_opportunity()
    services.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.CLOSED)
    with pytest.raises(services.CatalogError):
        services.publish_opportunity(opportunity=opportunity)
