"""The central office links near-duplicate needs of several organisations (same area, town
and time) as one joint effort, and the portal shows the effort once."""

import datetime

import pytest
from django.urls import reverse

from frivillig.catalog import joint
from frivillig.catalog.models import JointEffort, Opportunity, OpportunityStatus
from frivillig.catalog.queries import newest_opportunities
from frivillig.catalog.services import set_opportunity_status
from frivillig.organisations.models import Organisation


def pause_opportunity(*, opportunity):
    set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)


D = datetime.date


@pytest.fixture
def scope(db):
    return Organisation.objects.all()


@pytest.fixture
def pair(make_opportunity, other_organisation):
    first = make_opportunity("Besøgsven i Nibe", start_date=D(2030, 1, 1), end_date=D(2030, 6, 1))
    second = make_opportunity(
        "Besøgsvenner søges", organisation=other_organisation, start_date=D(2030, 5, 1)
    )
    return first, second


def _groups(scope):
    return [{o.pk for o in c.opportunities} for c in joint.candidates(scope)]


def test_it_finds_the_same_need_of_two_organisations(scope, pair):
    assert _groups(scope) == [{pair[0].pk, pair[1].pk}]


def test_it_treats_missing_dates_as_open_ended(scope, make_opportunity, other_organisation):
    first = make_opportunity()
    second = make_opportunity(organisation=other_organisation, end_date=D(2031, 1, 1))
    assert _groups(scope) == [{first.pk, second.pk}]


@pytest.mark.parametrize(
    "fields",
    [
        {"place": "hals"},
        {"area_slugs": ("boern",)},
        {"start_date": D(2030, 7, 1)},
        {"publish": False},
    ],
    ids=["other town", "other area", "no overlap", "not published"],
)
def test_it_finds_nothing_when_the_needs_differ(
    scope, make_opportunity, other_organisation, fields
):
    make_opportunity(start_date=D(2030, 1, 1), end_date=D(2030, 6, 1))
    make_opportunity(organisation=other_organisation, **fields)
    assert _groups(scope) == []


def test_it_finds_nothing_within_one_organisation(scope, make_opportunity):
    make_opportunity()
    make_opportunity()
    assert _groups(scope) == []


def test_it_keeps_to_the_scope(pair, organisation):
    assert _groups(Organisation.objects.filter(pk=organisation.pk)) == []


def test_it_links_and_then_no_longer_proposes(scope, pair, office_staff):
    effort = joint.link(opportunities=pair, title="Besøgsvenner i Nibe", by=office_staff)
    assert set(effort.opportunities.values_list("pk", flat=True)) == {p.pk for p in pair}
    assert effort.created_by == office_staff
    assert _groups(scope) == []


@pytest.mark.parametrize("title", ["", "   "])
def test_it_refuses_a_link_without_title(pair, office_staff, title):
    with pytest.raises(joint.JointEffortError):
        joint.link(opportunities=pair, title=title, by=office_staff)


def test_it_refuses_one_opportunity_or_one_organisation(make_opportunity, office_staff):
    a, b = make_opportunity(), make_opportunity()
    with pytest.raises(joint.JointEffortError):
        joint.link(opportunities=[a], title="T", by=office_staff)
    with pytest.raises(joint.JointEffortError, match="to organisationer"):
        joint.link(opportunities=[a, b], title="T", by=office_staff)
    assert not JointEffort.objects.exists()


def test_it_refuses_an_unpublished_or_already_linked_opportunity(pair, office_staff):
    joint.link(opportunities=pair, title="T", by=office_staff)
    with pytest.raises(joint.JointEffortError, match="allerede"):
        joint.link(opportunities=pair, title="T2", by=office_staff)
    joint.unlink(effort=JointEffort.objects.get(), by=office_staff)
    pause_opportunity(opportunity=pair[1])
    with pytest.raises(joint.JointEffortError, match="ikke længere offentliggjort"):
        joint.link(opportunities=pair, title="T", by=office_staff)
    assert not Opportunity.objects.filter(joint_effort__isnull=False).exists()


def test_it_unlinks(pair, office_staff):
    effort = joint.link(opportunities=pair, title="T", by=office_staff)
    joint.unlink(effort=effort, by=office_staff)
    assert not JointEffort.objects.exists()
    assert not Opportunity.objects.filter(joint_effort__isnull=False).exists()


def test_it_shows_a_joint_effort_once_on_the_portal(client, pair, office_staff):
    first, second = pair
    joint.link(opportunities=pair, title="Besøgsvenner i Nibe", by=office_staff)
    assert [o.pk for o in newest_opportunities()] == [first.pk]
    page = client.get(reverse("portal:search")).content.decode()
    assert first.get_absolute_url() in page
    assert second.get_absolute_url() not in page
    detail = client.get(first.get_absolute_url()).content.decode()
    assert "Besøgsvenner i Nibe" in detail
    assert second.get_absolute_url() in detail
    # An organisation's own page still lists all of its opportunities.
    org_page = client.get(second.organisation.get_absolute_url()).content.decode()
    assert second.get_absolute_url() in org_page


def test_it_shows_the_next_one_when_the_first_is_paused(client, pair, office_staff):
    joint.link(opportunities=pair, title="T", by=office_staff)
    pause_opportunity(opportunity=pair[0])
    assert [o.pk for o in newest_opportunities()] == [pair[1].pk]


def test_it_reads_candidates_in_a_fixed_number_of_queries(
    scope, make_opportunity, other_organisation, django_assert_max_num_queries
):
    for _ in range(5):
        make_opportunity()
        make_opportunity(organisation=other_organisation)
    with django_assert_max_num_queries(4):
        assert len(joint.candidates(scope)) == 1
