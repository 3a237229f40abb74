"""Who is asked. Distances from Nibe: Aalborg C about 19 km, Nørresundby about 20 km, Hals
about 41 km."""

from frivillig.callouts import matching
from frivillig.callouts.models import Skill


def _matched(places, town="nibe", radius_km=10, skills=()):
    return set(
        matching.matching_volunteers(
            place=places[town], radius_km=radius_km, skills=skills
        ).values_list("email", flat=True)
    )


def test_it_asks_only_volunteers_within_the_radius(make_volunteer, places):
    make_volunteer("nibe@example.dk", town="nibe")
    make_volunteer("aalborg@example.dk", town="aalborg")
    make_volunteer("hals@example.dk", town="hals")

    assert _matched(places, radius_km=5) == {"nibe@example.dk"}
    assert _matched(places, radius_km=25) == {"nibe@example.dk", "aalborg@example.dk"}
    assert _matched(places, radius_km=50) == {
        "nibe@example.dk",
        "aalborg@example.dk",
        "hals@example.dk",
    }


def test_it_asks_only_volunteers_who_opted_in(make_volunteer, places):
    make_volunteer("ja@example.dk")
    make_volunteer("nej@example.dk", opted_in=False)

    assert _matched(places) == {"ja@example.dk"}


def test_it_uses_the_postal_code_of_the_profile_when_no_town_is_chosen(make_volunteer, places):
    make_volunteer("postnummer@example.dk", town=None, postal_code="9240")
    make_volunteer("langt-vaek@example.dk", town=None, postal_code="9370")
    make_volunteer("ukendt@example.dk", town=None, postal_code="")

    assert _matched(places) == {"postnummer@example.dk"}


def test_it_prefers_the_chosen_town_over_the_postal_code(make_volunteer, places):
    make_volunteer("flyttet@example.dk", town="hals", postal_code="9240")

    assert _matched(places) == set()
    assert _matched(places, town="hals") == {"flyttet@example.dk"}


def test_it_asks_for_at_least_one_of_the_skills_when_skills_are_wanted(make_volunteer, places):
    make_volunteer("staerk@example.dk", skills=[Skill.PHYSICAL])
    make_volunteer("chauffoer@example.dk", skills=[Skill.DRIVING, Skill.FIRST_AID])
    make_volunteer("ingen@example.dk", skills=[])

    assert _matched(places, skills=[Skill.PHYSICAL]) == {"staerk@example.dk"}
    assert _matched(places, skills=[Skill.PHYSICAL, Skill.FIRST_AID]) == {
        "staerk@example.dk",
        "chauffoer@example.dk",
    }
    assert len(_matched(places)) == 3


def test_it_never_asks_inactive_accounts(make_volunteer, places):
    make_volunteer("lukket@example.dk", is_active=False)

    assert _matched(places) == set()


def test_it_counts_the_same_people_it_asks(make_volunteer, places):
    for n in range(3):
        make_volunteer(f"p{n}@example.dk")
    make_volunteer("hals@example.dk", town="hals")

    assert matching.count_matching(place=places["nibe"], radius_km=10) == 3
