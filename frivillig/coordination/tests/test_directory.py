"""The coordinator directory: who runs volunteering where, for municipal staff only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.accounts.models import VolunteerProfile
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation, move_organisation

URL = reverse("coordination:directory")


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def owner_under_unit(owner, organisation, municipal_unit):
    """The association works under the municipal unit, so the unit's coordinator sees it."""
    move_organisation(organisation=organisation, parent=municipal_unit)
    VolunteerProfile.objects.create(user=owner, phone="11 22 33 44")
    return owner


def test_it_lists_coordinators_below_a_unit_with_role_organisation_and_contact(
    english, unit_coordinator, owner_under_unit, outsider, member
):
    english.force_login(unit_coordinator)
    response = english.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olga Ejer" in html and "ejer@example.dk" in html and "11 22 33 44" in html
    assert "Administrator" in html and "Association" in html
    assert "part of Ældre- og Handicapforvaltningen, Nibe" in html
    assert "Ulrik Enhed" in html and "Municipal unit" in html
    # Another part of the municipality, and viewers who do not run anything, are not listed.
    assert "Ulla Udenfor" not in html
    assert "Mads Medlem" not in html
    assert "For municipal staff only" in html
    assert "<caption>" in html and 'scope="col"' in html


def test_it_shows_the_volunteer_office_everyone(english, office_staff, owner, outsider):
    english.force_login(office_staff)
    html = english.get(URL).content.decode()
    assert "Olga Ejer" in html and "Ulla Udenfor" in html and "Kirsten Kontor" in html


def test_it_searches_name_organisation_and_e_mail(english, office_staff, owner, outsider):
    english.force_login(office_staff)
    for query in ("olga ejer", "Ældresagen", "ejer@example"):
        html = english.get(URL, {"q": query}).content.decode()
        assert "Olga Ejer" in html, query
        assert "Ulla Udenfor" not in html, query
    html = english.get(URL, {"q": "ingen-saadan-person"}).content.decode()
    assert "Nobody matches your search." in html


def test_it_filters_by_kind_of_organisation(english, office_staff, owner, unit_coordinator):
    english.force_login(office_staff)
    html = english.get(URL, {"kind": "municipal"}).content.decode()
    assert "Ulrik Enhed" in html and "Kirsten Kontor" in html and "Olga Ejer" not in html
    html = english.get(URL, {"kind": "association"}).content.decode()
    assert "Olga Ejer" in html and "Ulrik Enhed" not in html


def test_it_ignores_an_unknown_kind_instead_of_failing(english, office_staff, owner):
    english.force_login(office_staff)
    response = english.get(URL, {"kind": "nonsense"})
    assert response.status_code == 200
    assert "Olga Ejer" in response.content.decode()


def test_it_pages_long_lists(english, office_staff, make_user, organisation):
    for _n in range(55):
        add_member(organisation=organisation, user=make_user(), role=Role.COORDINATOR)
    english.force_login(office_staff)
    html = english.get(URL).content.decode()
    assert "Page 1 of 2" in html
    assert "Page 2 of 2" in english.get(URL, {"page": 2}).content.decode()


def test_it_leaves_out_deactivated_accounts(english, office_staff, owner):
    owner.is_active = False
    owner.save()
    english.force_login(office_staff)
    assert "Olga Ejer" not in english.get(URL).content.decode()


def test_it_is_not_there_for_an_association_admin_or_a_stranger(client, owner):
    assert client.get(URL).status_code == 302
    client.force_login(owner)
    assert client.get(URL).status_code == 404


def _queries_for(client, count, make_user, parent):
    for n in range(count):
        organisation = create_organisation(
            name=f"Forening {count}-{n}", kind=OrganisationKind.ASSOCIATION, parent=parent
        )
        user = make_user(first_name=f"Person{n}")
        VolunteerProfile.objects.create(user=user, phone=f"1000 {n:04d}")
        add_member(organisation=organisation, user=user, role=Role.ADMIN)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL).content.decode()
    assert html.count("tel:") >= count
    return len(queries)


def test_it_reads_the_list_in_a_fixed_number_of_queries(
    client, office_staff, make_user, municipal_unit, volunteer_office
):
    client.force_login(office_staff)
    few = _queries_for(client, 2, make_user, municipal_unit)
    many = _queries_for(client, 10, make_user, volunteer_office)
    assert few == many
