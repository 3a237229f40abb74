import datetime

import pytest
from django.db import connection
from django.utils import timezone

from frivillig.catalog.queries import (
    OpportunityFilters,
    Sort,
    origin_for_postal_code,
    search_opportunities,
)

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL search; CI runs it on PostgreSQL"
)


def titles(filters):
    return [o.title for o in search_opportunities(filters)]


def test_it_finds_danish_inflections_and_compounds(make_opportunity):
    make_opportunity("Besøgsvenner søges til Nibe")
    make_opportunity("Café-vært på ældrecentret", description="Hyggeligt samvær.")
    make_opportunity(
        "Fodboldtræner for U10",
        area_slugs=("idraet-og-fritid",),
        description="Træn de små i klubben.",
        target_group="Børn",
    )
    assert titles(OpportunityFilters(q="besøgsven")) == ["Besøgsvenner søges til Nibe"]
    assert "Café-vært på ældrecentret" in titles(OpportunityFilters(q="ældre"))
    assert titles(OpportunityFilters(q="fodbold")) == ["Fodboldtræner for U10"]


def test_it_requires_every_word(make_opportunity):
    make_opportunity("Besøgsven i Nibe")
    make_opportunity("Lektiehjælp i Nibe", area_slugs=("boern",))
    assert titles(OpportunityFilters(q="lektiehjælp nibe")) == ["Lektiehjælp i Nibe"]


def test_it_ignores_operators_and_sql_in_the_query(make_opportunity):
    make_opportunity("Besøgsven")
    assert titles(OpportunityFilters(q="' OR 1=1 -- & | ! :* ()")) == []
    assert titles(OpportunityFilters(q="besøgsven & | !")) == ["Besøgsven"]


@on_postgres
def test_it_forgives_typos_on_postgres(make_opportunity):
    make_opportunity(
        "Fodboldtræner for U10",
        area_slugs=("idraet-og-fritid",),
        description="Træn de små.",
        target_group="Børn",
    )
    make_opportunity("Besøgsven", description="Kaffe og en god snak.")
    assert titles(OpportunityFilters(q="fotbold")) == ["Fodboldtræner for U10"]
    assert titles(OpportunityFilters(q="fodbol træner")) == ["Fodboldtræner for U10"]


@on_postgres
def test_it_ranks_title_matches_first_on_postgres(make_opportunity):
    make_opportunity("Gåtur med hunde", description="Vi går også med besøgsvenner en gang.")
    make_opportunity("Besøgsven for ældre", description="Kaffe og en god snak.")
    assert titles(OpportunityFilters(q="besøgsven"))[0] == "Besøgsven for ældre"


@on_postgres
def test_it_stems_danish_on_postgres(make_opportunity, other_organisation):
    make_opportunity("Frivillig på ældreområdet", description="Hjælp i hverdagen.")
    make_opportunity(
        "Hjælper til sommerfesten",
        description="Vi mangler hjælpere.",
        area_slugs=("boern",),
        target_group="Byens børn",
        organisation=other_organisation,
    )
    assert titles(OpportunityFilters(q="ældre")) == ["Frivillig på ældreområdet"]
    assert titles(OpportunityFilters(q="hjælpere"))[0] == "Hjælper til sommerfesten"


def test_it_filters_by_area_town_and_setting(make_opportunity):
    make_opportunity("A", area_slugs=("aeldre",), place="nibe")
    make_opportunity("B", area_slugs=("boern",), place="aalborg")
    make_opportunity("C", area_slugs=("aeldre", "boern"), place="hals")
    assert sorted(titles(OpportunityFilters(areas=("aeldre",)))) == ["A", "C"]
    assert sorted(titles(OpportunityFilters(areas=("aeldre", "boern")))) == ["A", "B", "C"]
    assert titles(OpportunityFilters(town="nibe")) == ["A"]
    assert sorted(titles(OpportunityFilters(setting="land"))) == ["A", "C"]


def test_it_filters_by_kind_commitment_suitability_and_certificate(make_opportunity):
    make_opportunity("Let", hours_per_month=2, suits_english_speakers=True)
    make_opportunity("Mellem", hours_per_month=8, requires_child_certificate=True)
    make_opportunity("Meget", hours_per_month=20, suits_young=True)
    make_opportunity("Dag", kind="one_off", hours_per_month=None, hours_total=6)
    assert sorted(titles(OpportunityFilters(commitment="light"))) == ["Dag", "Let"]
    assert titles(OpportunityFilters(commitment="medium")) == ["Mellem"]
    assert titles(OpportunityFilters(commitment="heavy")) == ["Meget"]
    assert titles(OpportunityFilters(kinds=("one_off",))) == ["Dag"]
    assert titles(OpportunityFilters(suitable=("english",))) == ["Let"]
    assert "Mellem" not in titles(OpportunityFilters(no_child_certificate=True))


def test_it_finds_within_a_distance_and_sorts_nearest(make_opportunity):
    make_opportunity("I Nibe", place="nibe")  # about 17 km from Aalborg C
    make_opportunity("I Nørresundby", place="noerresundby")  # about 1 km
    make_opportunity("I Aalborg", place="aalborg")
    make_opportunity("Hjemmefra", place=None)
    origin = origin_for_postal_code("9000")
    near = search_opportunities(
        OpportunityFilters(origin=origin, distance_km=10, sort=Sort.NEAREST)
    )
    assert [o.title for o in near] == ["I Aalborg", "I Nørresundby"]
    assert near[1].distance == pytest.approx(1.24, abs=0.2)
    everything = titles(OpportunityFilters(origin=origin, sort=Sort.NEAREST))
    assert everything == ["I Aalborg", "I Nørresundby", "I Nibe", "Hjemmefra"]


def test_it_knows_only_the_municipalitys_postal_codes(places):
    assert origin_for_postal_code("9000") == pytest.approx((57.048, 9.919))
    assert origin_for_postal_code("2100") is None


def test_it_sorts_by_soonest_start_and_newest(make_opportunity):
    soon = datetime.date(2030, 1, 1)
    make_opportunity("Senere", start_date=soon + datetime.timedelta(days=30))
    make_opportunity("Snart", start_date=soon)
    make_opportunity("Uden dato")
    assert titles(OpportunityFilters(sort=Sort.SOONEST)) == ["Snart", "Senere", "Uden dato"]
    assert titles(OpportunityFilters(sort=Sort.NEWEST))[0] == "Uden dato"


def test_it_respects_the_publishing_window_and_end_date(make_opportunity):
    now = timezone.now()
    make_opportunity("Før", publish_from=now + datetime.timedelta(days=1))
    make_opportunity(
        "Efter",
        publish_until=now - datetime.timedelta(days=1),
        publish_from=now - datetime.timedelta(days=10),
    )
    make_opportunity(
        "Slut", start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    make_opportunity("Nu")
    assert titles(OpportunityFilters()) == ["Nu"]


@pytest.mark.parametrize("within", [None, 20])
def test_it_pages_nearest_first_by_walking_the_towns(make_opportunity, within):
    from frivillig.catalog.queries import nearest_ids

    for place in ["nibe", "aalborg", "hals", "noerresundby", "aalborg", None, "nibe", "aalborg"]:
        make_opportunity(place=place)
    filters = OpportunityFilters(
        origin=origin_for_postal_code("9000"), distance_km=within, sort=Sort.NEAREST
    )
    qs = search_opportunities(filters)
    expected = [(o.pk, o.distance) for o in qs]
    for offset in range(0, len(expected) + 2):
        for limit in (1, 3):
            got = nearest_ids(qs, filters.origin, within, offset, limit)
            want = expected[offset : offset + limit]
            assert [pk for pk, _ in got] == [pk for pk, _ in want]
            for (_, values), (_, distance) in zip(got, want, strict=True):
                assert values["distance"] == pytest.approx(distance, abs=1e-6)
