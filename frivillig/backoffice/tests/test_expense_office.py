"""The central volunteer office keeps the rates and limits per year and looks across every
organisation's claims, in counts and sums; no other organisation has these pages."""

from datetime import date

import pytest
from django.utils import timezone

from frivillig.engagements import services as engagements
from frivillig.expenses import services as expenses
from frivillig.expenses.models import LineKind, YearRates
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation

RATES, OVERVIEW = "expense_office_rates", "expense_office_overview"


@pytest.fixture
def office(db, places):
    return create_organisation(
        name="Frivilligt socialt arbejde",
        kind=OrganisationKind.UNIT,
        is_approved=True,
        is_volunteer_office=True,
        place=places["aalborg"],
    )


@pytest.fixture
def office_staff(make_user, office):
    user = make_user("kontor@example.dk", first_name="Birgitte", last_name="Kontor")
    add_member(organisation=office, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def as_office(english, office_staff):
    english.force_login(office_staff)
    return english


def _engage(volunteer, opportunity, by):
    return engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=opportunity), by=by
    )


def _claim(volunteer, organisation, *, phone="100", drive_km=None):
    claim = expenses.start_claim(volunteer=volunteer, organisation=organisation, year=2024)
    if phone:
        expenses.add_allowance(
            claim=claim,
            volunteer=volunteer,
            kind=LineKind.PHONE,
            date=date(2024, 4, 1),
            purpose="Telefon",
            amount=phone,
        )
    if drive_km:
        expenses.add_mileage(
            claim=claim,
            volunteer=volunteer,
            date=date(2024, 4, 2),
            from_place="Nibe",
            to_place="Aalborg",
            purpose="Besøg",
            km=drive_km,
            vehicle="car",
        )
    return claim


@pytest.fixture
def claims(expense_rates, volunteer, organisation, municipal_unit, make_opportunity, owner):
    """In 2024: the association has one submitted and two approved claims (one with two lines)
    and a draft; the municipal unit one rejected claim."""
    _engage(volunteer, make_opportunity(), owner)
    staff = add_member(
        organisation=municipal_unit,
        user=owner,
        role=Role.COORDINATOR,
    ).user
    _engage(volunteer, make_opportunity(organisation=municipal_unit), staff)
    submitted = _claim(volunteer, organisation, phone="150")
    expenses.submit(claim=submitted, volunteer=volunteer)
    for phone, km in (("100", "10"), ("200", None)):
        claim = _claim(volunteer, organisation, phone=phone, drive_km=km)
        expenses.submit(claim=claim, volunteer=volunteer)
        expenses.approve(claim=claim, by=owner)
    _claim(volunteer, organisation)  # a draft
    unit_claim = _claim(volunteer, municipal_unit, phone=None, drive_km="5")
    expenses.submit(claim=unit_claim, volunteer=volunteer)
    expenses.reject(claim=unit_claim, by=staff, reason="Kørslen er betalt af foreningen.")


# Rates and limits ---------------------------------------------------------------------------


def test_it_shows_the_office_every_year_with_its_figures_sources_and_what_is_missing(
    as_office, office, expense_rates, bo_url
):
    response = as_office.get(bo_url(RATES, office))

    assert response.status_code == 200
    html = response.content.decode()
    for year in ("2023", "2024", "2025", "2026"):
        assert f'<th scope="col">{year}</th>' in html
    assert "3.79" in html and "2,450.00" in html
    assert "<strong>2024:</strong> not recorded: special clothing, yearly limit" in html
    assert "Skatterådets satser for skattefri kørselsgodtgørelse 2024" in html
    assert "python manage.py load_expense_rates" in html
    assert "<caption>" in html


def test_a_year_without_figures_is_shown_as_not_recorded_never_guessed(
    as_office, office, expense_rates, bo_url
):
    this_year = timezone.localdate().year
    YearRates.objects.filter(year=this_year).delete()

    html = as_office.get(bo_url(RATES, office)).content.decode()

    assert f"<strong>{this_year}:</strong> no figures are recorded for this year." in html
    assert f'<th scope="col">{this_year}</th>' in html


def test_it_says_so_when_no_rates_are_loaded_at_all(as_office, office, bo_url):
    html = as_office.get(bo_url(RATES, office)).content.decode()

    assert "no figures are recorded for this year" in html
    assert "Not recorded" in html


# The overview -------------------------------------------------------------------------------


def test_it_counts_and_sums_claims_per_organisation_and_status_without_names(
    as_office, office, claims, organisation, municipal_unit, bo_url
):
    response = as_office.get(bo_url(OVERVIEW, office), {"year": "2024"})

    assert response.status_code == 200
    html = response.content.decode()
    rows = html.split('<th scope="row">')[1:]
    association = next(r for r in rows if r.startswith(organisation.name))
    # Submitted 1 (150 kr), approved 2 (100 + 37.90 + 200 kr), rejected 0, paid 0.
    assert "<td>1 · 150.00</td><td>2 · 337.90</td><td>0 · 0.00</td><td>0 · 0.00</td>" in (
        association.replace("\n", "")
    )
    unit = next(r for r in rows if r.startswith(municipal_unit.name))
    assert "<td>0 · 0.00</td><td>0 · 0.00</td><td>1 · 18.95</td>" in unit.replace("\n", "")
    total = next(r for r in rows if r.startswith("All organisations"))
    assert "<td>1 · 150.00</td><td>2 · 337.90</td><td>1 · 18.95</td>" in total.replace("\n", "")
    assert "Vera" not in html and "frivillig@example.dk" not in html
    assert "Telefon" not in html


def test_it_shows_the_current_year_by_default_and_an_empty_year_as_such(
    as_office, office, claims, bo_url
):
    html = as_office.get(bo_url(OVERVIEW, office)).content.decode()

    assert f"No claims have been submitted for {timezone.localdate().year}." in html


def test_a_year_that_is_not_a_choice_shows_an_error_and_the_current_year(
    as_office, office, claims, bo_url
):
    response = as_office.get(bo_url(OVERVIEW, office), {"year": "1066"})

    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()


def test_the_overview_costs_the_same_queries_for_2_or_10_organisations(
    as_office, office, expense_rates, volunteer, make_opportunity, owner, bo_url
):
    def organisations_with_a_claim(n):
        for i in range(n):
            association = create_organisation(
                name=f"Forening {i} {n}", kind=OrganisationKind.ASSOCIATION, is_approved=True
            )
            add_member(organisation=association, user=owner, role=Role.ADMIN)
            _engage(volunteer, make_opportunity(organisation=association), owner)
            claim = _claim(volunteer, association)
            expenses.submit(claim=claim, volunteer=volunteer)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert as_office.get(bo_url(OVERVIEW, office), {"year": "2024"}).status_code == 200
        return len(context.captured_queries)

    organisations_with_a_claim(2)
    two = queries()
    organisations_with_a_claim(8)
    assert queries() == two


# Who may see it -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [RATES, OVERVIEW])
def test_every_other_organisation_has_no_such_page(
    client, owner, organisation, office, expense_rates, bo_url, name
):
    client.force_login(owner)

    assert client.get(bo_url(name, organisation)).status_code == 404
    assert client.get(bo_url(name, office)).status_code == 404


@pytest.mark.parametrize("name", [RATES, OVERVIEW])
def test_an_outsider_gets_404_and_a_stranger_is_sent_to_sign_in(
    client, outsider, office, bo_url, name
):
    response = client.get(bo_url(name, office))
    assert response.status_code == 302 and "login" in response["Location"]

    client.force_login(outsider)
    assert client.get(bo_url(name, office)).status_code == 404


@pytest.mark.parametrize("name", [RATES, OVERVIEW])
def test_the_pages_only_read(as_office, office, bo_url, name):
    assert as_office.post(bo_url(name, office)).status_code == 405
