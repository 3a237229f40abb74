"""/kommune/faelles-indsatser/: the central office sees needs several organisations posted
for the same area, town and time, links them as one joint effort and can undo it."""

import pytest
from django.urls import reverse

from frivillig.catalog.models import JointEffort, Opportunity
from frivillig.organisations.models import Role
from frivillig.organisations.services import add_member

LIST = reverse("coordination:joint_candidates")
LINK = reverse("coordination:joint_link")


@pytest.fixture
def pair(make_opportunity, other_organisation):
    return (
        make_opportunity("Besøgsven i Nibe"),
        make_opportunity("Besøgsvenner søges", organisation=other_organisation),
    )


@pytest.fixture
def office(client, office_staff):
    client.force_login(office_staff)
    return client


def test_it_is_for_the_office_only(client, pair, owner, unit_coordinator):
    for user in (owner, unit_coordinator):
        client.force_login(user)
        assert client.get(LIST).status_code == 404
        assert (
            client.post(LINK, {"opportunity": [o.pk for o in pair], "title": "T"}).status_code
            == 404
        )
    assert not JointEffort.objects.exists()


def test_it_lists_the_candidates(office, pair):
    page = office.get(LIST).content.decode()
    assert "Besøgsven i Nibe" in page and "Besøgsvenner søges" in page
    assert f'href="{LIST}"' in page  # the navigation link


def test_it_links_and_undoes_with_confirmation(office, pair):
    response = office.post(
        LINK, {"opportunity": [o.pk for o in pair], "title": "Besøgsvenner i Nibe"}, follow=True
    )
    assert "vises én gang på portalen" in response.content.decode()
    effort = JointEffort.objects.get()
    assert set(effort.opportunities.values_list("pk", flat=True)) == {o.pk for o in pair}
    assert "Besøgsvenner i Nibe" in office.get(LIST).content.decode()

    unlink = reverse("coordination:joint_unlink", args=[effort.pk])
    confirm = office.get(unlink)
    assert confirm.status_code == 200
    assert JointEffort.objects.exists()
    assert office.post(unlink).status_code == 302
    assert not JointEffort.objects.exists()
    assert not Opportunity.objects.filter(joint_effort__isnull=False).exists()


def test_it_explains_a_refused_link(office, pair):
    response = office.post(LINK, {"opportunity": [pair[0].pk], "title": "T"}, follow=True)
    assert "mindst to" in response.content.decode()
    assert not JointEffort.objects.exists()


def test_it_lets_an_office_viewer_look_but_not_link(client, make_user, volunteer_office, pair):
    viewer = make_user()
    add_member(organisation=volunteer_office, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    page = client.get(LIST)
    assert page.status_code == 200
    assert "Kobl sammen som én fælles indsats" not in page.content.decode()
    assert client.post(LINK, {"opportunity": [o.pk for o in pair], "title": "T"}).status_code == 404


def test_it_lists_without_n_plus_one(
    office, make_opportunity, other_organisation, office_staff, django_assert_max_num_queries
):
    from frivillig.catalog import joint

    def add_pairs(n):
        for i in range(n):
            a = make_opportunity()
            b = make_opportunity(organisation=other_organisation)
            joint.link(opportunities=[a, b], title=f"Indsats {i}", by=office_staff)

    add_pairs(2)
    with django_assert_max_num_queries(30) as few:
        office.get(LIST)
    add_pairs(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        office.get(LIST)
