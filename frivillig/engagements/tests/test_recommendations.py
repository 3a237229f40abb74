"""Suggestions on Min side: what fits the volunteer's profile, and why, in plain words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.engagements import services
from frivillig.engagements.recommendations import profile_gaps, recommend

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def profile(volunteer, areas):
    profile = volunteer.profile  # postal code 9000 (Aalborg C), born 1990
    profile.interests.set([areas["aeldre"]])
    return profile


def titles(recommendations):
    return [r.opportunity.title for r in recommendations]


def test_it_recommends_by_interest_and_distance_with_reasons(volunteer, profile, make_opportunity):
    make_opportunity("Besøgsven i Aalborg", place="aalborg", area_slugs=("aeldre",))
    make_opportunity("Fodbold i Hals", place="hals", area_slugs=("idraet-og-fritid",))
    make_opportunity("Natur i Nørresundby", place="noerresundby", area_slugs=("groenne-omraader",))
    result = recommend(user=volunteer)
    assert titles(result) == ["Besøgsven i Aalborg", "Natur i Nørresundby"]
    best = result[0]
    assert "Within your area of interest Older people" in best.reasons
    assert "Less than 1 km from 9000" in best.reasons
    assert "1 km from 9000" in result[1].reasons  # Nørresundby, across the fjord


def test_it_says_how_far_in_whole_kilometres(volunteer, profile, make_opportunity):
    make_opportunity("Besøgsven i Nibe", place="nibe")
    (only,) = recommend(user=volunteer)
    assert "19 km from 9000" in only.reasons


def test_it_ranks_nearby_interests_first(volunteer, profile, make_opportunity):
    make_opportunity("Nær men andet", place="aalborg", area_slugs=("boern",))
    make_opportunity("Langt men ældre", place="hals", area_slugs=("aeldre",))
    make_opportunity("Nær og ældre", place="aalborg", area_slugs=("aeldre",))
    assert titles(recommend(user=volunteer)) == [
        "Nær og ældre",
        "Langt men ældre",
        "Nær men andet",
    ]


def test_it_leaves_out_what_you_have_applied_for_or_do(volunteer, profile, make_opportunity):
    applied = make_opportunity("Allerede søgt", place="aalborg")
    withdrawn = make_opportunity("Trukket tilbage", place="aalborg")
    make_opportunity("Ny mulighed", place="aalborg")
    services.apply(volunteer=volunteer, opportunity=applied)
    services.withdraw(
        application=services.apply(volunteer=volunteer, opportunity=withdrawn),
        volunteer=volunteer,
    )
    assert titles(recommend(user=volunteer)) == ["Ny mulighed"]


def test_it_respects_age_and_driving_licence(volunteer, profile, make_opportunity):
    profile.birth_year = timezone.localdate().year - 16
    profile.save()
    make_opportunity("Kun voksne", place="aalborg", min_age=18)
    make_opportunity("Chauffør", place="aalborg", requires_driving_licence=True)
    make_opportunity("Fra 15 år", place="aalborg", min_age=15)
    (only,) = recommend(user=volunteer)
    assert only.opportunity.title == "Fra 15 år"
    assert "You meet the age requirement (15 years or older)" in only.reasons

    profile.birth_year = 1990
    profile.has_driving_licence = True
    profile.save()
    result = {r.opportunity.title: r.reasons for r in recommend(user=volunteer)}
    assert set(result) == {"Kun voksne", "Chauffør", "Fra 15 år"}
    assert "You have the driving licence it requires" in result["Chauffør"]


def test_it_matches_one_off_or_recurring_and_light_tasks(volunteer, profile, make_opportunity):
    profile.wants_one_off = False
    profile.available_weekdays = False
    profile.available_evenings = True
    profile.save()
    make_opportunity("Fast og let", place="aalborg", kind="recurring", hours_per_month=3)
    make_opportunity(
        "Engangs", place="aalborg", kind="one_off", hours_per_month=None, hours_total=5
    )
    (only,) = recommend(user=volunteer)
    assert only.opportunity.title == "Fast og let"
    assert "Fits your time: a recurring task" in only.reasons
    assert "Fits your time: about 3 hours a month" in only.reasons


def test_it_suggests_flexible_places_for_your_interests(volunteer, profile, make_opportunity):
    make_opportunity("Telefonven", place=None, area_slugs=("aeldre",))
    make_opportunity("Fleksibel men andet", place=None, area_slugs=("beredskab",))
    (only,) = recommend(user=volunteer)
    assert only.opportunity.title == "Telefonven"
    assert "Flexible location, e.g. from home" in only.reasons


def test_it_says_what_to_fill_in_when_the_profile_is_empty(make_user, make_opportunity):
    from frivillig.accounts.models import VolunteerProfile

    user = make_user()
    make_opportunity(place="aalborg")
    assert recommend(user=user) == []
    assert profile_gaps(None)
    profile = VolunteerProfile.objects.create(user=user)
    assert recommend(user=user) == []
    gaps = profile_gaps(profile)
    assert "Choose the areas that interest you." in gaps
    assert "Add your postal code, so we can find opportunities near you." in gaps


def test_it_shows_suggestions_and_hints_on_my_page(client, volunteer, make_opportunity):
    make_opportunity("Besøgsven i Aalborg", place="aalborg")
    client.force_login(volunteer)
    html = client.get(reverse("portal:my_page"), **EN).content.decode()
    assert "Besøgsven i Aalborg" in html
    assert "Less than 1 km from 9000" in html
    assert "Choose the areas that interest you." in html


def test_it_uses_the_same_number_of_queries_for_5_and_40_candidates(
    volunteer, profile, make_opportunity
):
    def count_queries(n):
        for i in range(n):
            make_opportunity(f"Mulighed {i}", place="aalborg" if i % 2 else "nibe")
        with CaptureQueriesContext(connection) as queries:
            result = recommend(user=volunteer, limit=50)
            for r in result:
                r.opportunity.organisation.name, r.opportunity.place.name  # noqa: B018
        return len(queries), len(result)

    few, n_few = count_queries(5)
    many, n_many = count_queries(35)
    assert (n_few, n_many) == (5, 40)
    assert few == many <= 5
