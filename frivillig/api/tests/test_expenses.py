"""Expenses through the API: the rates per year as open data, an organisation's bookkeeping
system reading its submitted claims with a token, and a volunteer reading their own claims."""

import json
from datetime import date

import pytest
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.engagements import services as engagements
from frivillig.expenses import services
from frivillig.expenses.models import Claim, LineKind
from frivillig.organisations import tokens
from frivillig.organisations.models import Membership, Role
from frivillig.organisations.services import add_member

URL = "/api/v1/org/expense-claims"
RATES_URL = "/api/v1/expense-rates"
MY_URL = "/api/v1/me/expense-claims"


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Bogføring", created_by=owner)[1]


@pytest.fixture
def call(client, raw_token):
    """GET as `organisation`'s system; returns (status, JSON body)."""

    def call(path, params=None, *, token=raw_token, lang="en"):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        response = client.get(path, params, **headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return response.status_code, response.json()

    return call


@pytest.fixture
def engaged(make_opportunity, volunteer, owner):
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    return engagements.accept(application=application, by=owner)


def _phone(claim, volunteer, amount, day=date(2024, 5, 1)):
    services.add_allowance(
        claim=claim,
        volunteer=volunteer,
        kind=LineKind.PHONE,
        date=day,
        purpose="Telefon",
        amount=amount,
    )


def _drive(claim, volunteer, km, day=date(2024, 3, 1)):
    services.add_mileage(
        claim=claim,
        volunteer=volunteer,
        date=day,
        from_place="Nibe",
        to_place="Aalborg",
        purpose="Besøg",
        km=km,
        vehicle="car",
    )


@pytest.fixture
def submitted(engaged, make_claim, volunteer, organisation, django_capture_on_commit_callbacks):
    """A submitted claim: 42 km of driving and a 600 kr phone allowance."""
    with django_capture_on_commit_callbacks(execute=True):
        claim = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
        _drive(claim, volunteer, "42")
        _phone(claim, volunteer, "600")
        return services.submit(claim=claim, volunteer=volunteer)


@pytest.fixture
def approved_before(engaged, make_claim, volunteer, organisation, owner):
    """2,000 kr of phone allowance already approved in 2024."""
    claim = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    _phone(claim, volunteer, "2000", day=date(2024, 2, 1))
    services.submit(claim=claim, volunteer=volunteer)
    return services.approve(claim=claim, by=owner)


@pytest.fixture
def theirs(make_opportunity, make_user, other_organisation, outsider, make_claim):
    stranger = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    opportunity = make_opportunity("Andres opgave", organisation=other_organisation)
    engagements.accept(
        application=engagements.apply(volunteer=stranger, opportunity=opportunity), by=outsider
    )
    claim = make_claim(volunteer=stranger, organisation=other_organisation, year=2024)
    _phone(claim, stranger, "100")
    return services.submit(claim=claim, volunteer=stranger)


# Open data ---------------------------------------------------------------------------------


def test_it_publishes_every_year_with_its_figures_sources_and_what_is_missing(
    get_json, expense_rates
):
    status, body = get_json(RATES_URL, lang="en")

    assert status == 200
    assert [y["year"] for y in body] == [2026, 2025, 2024, 2023]
    year_2024 = body[2]
    assert year_2024["mileage_car_low"] == "3.79"
    assert year_2024["phone_internet_limit"] == "2450.00"
    assert year_2024["special_clothing_limit"] is None
    assert year_2024["missing"] == ["special_clothing_limit", "meal_allowance_per_day"]
    assert year_2024["missing_labels"] == [
        "special clothing, yearly limit",
        "meal allowance per day (events of at least 5 hours)",
    ]
    assert "Skatterådets" in year_2024["sources"]["mileage"]
    assert body[0]["phone_internet_limit"] is None
    assert "phone_internet_limit" in body[0]["missing"]


def test_it_publishes_the_rates_to_anyone_and_an_empty_list_before_any_are_loaded(get_json, db):
    assert get_json(RATES_URL) == (200, [])


# The organisation's token ------------------------------------------------------------------


def test_it_lists_the_submitted_claims_with_totals_and_no_drafts(
    call, submitted, make_claim, volunteer, organisation, theirs
):
    make_claim(volunteer=volunteer, organisation=organisation, year=2024)  # a draft

    status, body = call(URL)

    assert status == 200
    assert body["count"] == 1
    listed = body["results"][0]
    assert listed["id"] == submitted.pk
    assert listed["status"] == "submitted"
    assert listed["payee_name"] == "Vera Frivillig"
    assert listed["total"] == "759.18"  # 42 km × 3.79 + 600
    assert listed["line_count"] == 2
    assert listed["organisation"]["slug"] == organisation.slug
    assert "frivillig@example.dk" not in json.dumps(body)


def test_it_filters_by_status_year_and_day_of_submission(call, submitted, approved_before):
    today = timezone.localdate().isoformat()

    assert call(URL, {"status": "approved"})[1]["count"] == 1
    assert call(URL, {"status": "submitted"})[1]["count"] == 1
    assert call(URL, {"year": "2024"})[1]["count"] == 2
    assert call(URL, {"year": "2025"})[1]["count"] == 0
    assert call(URL, {"from": today, "to": today})[1]["count"] == 2
    assert call(URL, {"to": "2024-01-01"})[1]["count"] == 0


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "draft"}, "status"),
        ({"status": "paid-ish"}, "status"),
        ({"year": "tusind"}, "year"),
        ({"year": "1999"}, "year"),
        ({"from": "1/2/2024"}, "from"),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "to"),
    ],
)
def test_it_rejects_bad_filters_with_a_message_per_parameter(call, db, params, field):
    status, body = call(URL, params)

    assert status == 400
    assert field in body["errors"]


def test_it_lists_without_a_query_per_claim(
    call, engaged, make_claim, volunteer, organisation, django_assert_max_num_queries
):
    for month in range(1, 11):
        claim = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
        _drive(claim, volunteer, "10", day=date(2024, month, 1))
        services.submit(claim=claim, volunteer=volunteer)

    # The token, its last use, the maker's right to approve, the count and the page.
    with django_assert_max_num_queries(7):
        status, body = call(URL)

    assert status == 200 and len(body["results"]) == 10


def test_it_shows_one_claim_with_lines_totals_and_the_year_against_the_limits(
    call, submitted, approved_before, organisation
):
    status, body = call(f"{URL}/{submitted.pk}")

    assert status == 200
    assert body["volunteer_email"] == "frivillig@example.dk"
    assert [line["kind"] for line in body["lines"]] == ["mileage", "phone"]
    drive = body["lines"][0]
    assert (drive["km"], drive["rate_low"], drive["amount"]) == ("42.0", "3.79", "159.18")
    assert body["totals"] == [
        {"kind": "mileage", "amount": "159.18"},
        {"kind": "phone", "amount": "600.00"},
    ]
    phone = next(li for li in body["year_to_date"]["limits"] if li["kind"] == "phone")
    assert phone == {
        "kind": "phone",
        "label": "Telephone and internet (flat allowance)",
        "limit": "2450.00",
        "used": "2000.00",
        "claimed": "600.00",
        "remaining": "450.00",
        "within_limit": False,
    }
    assert body["year_to_date"]["by_kind"] == [{"kind": "phone", "amount": "2000.00"}]
    assert len(body["limit_problems"]) == 1 and "450.00" in body["limit_problems"][0]
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.organisation, read.what) == (None, organisation, "api:expense_claim")


def test_another_organisations_claim_is_not_found(call, theirs):
    status, body = call(f"{URL}/{theirs.pk}")

    assert status == 404
    assert "Fremmed" not in json.dumps(body)
    assert call(URL)[1]["count"] == 0


def test_a_draft_is_not_found(call, engaged, make_claim, volunteer, organisation):
    draft = make_claim(volunteer=volunteer, organisation=organisation, year=2024)

    assert call(f"{URL}/{draft.pk}")[0] == 404


def test_it_refuses_a_token_whose_maker_may_not_approve_expenses(
    call, submitted, organisation, make_user
):
    viewer = make_user("kigger@example.dk")
    add_member(organisation=organisation, user=viewer, role=Role.VIEWER)
    _token, raw = tokens.create_token(organisation=organisation, name="Kig", created_by=viewer)

    assert call(URL, token=raw)[0] == 403
    assert call(f"{URL}/{submitted.pk}", token=raw)[0] == 403


def test_it_refuses_a_token_whose_maker_lost_the_role(call, submitted, owner, organisation):
    Membership.objects.filter(user=owner, organisation=organisation).delete()

    status, body = call(URL)

    assert status == 403
    assert "approve" in body["detail"]


def test_it_needs_a_token(call, submitted):
    assert call(URL, token=None)[0] == 401


def test_a_claim_of_a_deleted_account_keeps_its_payee_and_logs_no_read(
    call, submitted, owner, volunteer
):
    services.approve(claim=submitted, by=owner, reduce_to_limits=True)
    services.forget_volunteer(user=volunteer)

    status, body = call(f"{URL}/{submitted.pk}")

    assert status == 200
    assert (body["payee_name"], body["volunteer_email"]) == ("Vera Frivillig", None)
    assert not PersonalDataRead.objects.filter(action="read").exists()


# The volunteer's own ------------------------------------------------------------------------


def test_a_volunteer_sees_their_own_claims_with_status_and_total(
    client, submitted, make_claim, volunteer, organisation, theirs
):
    draft = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    client.force_login(volunteer)

    response = client.get(MY_URL)

    assert response.status_code == 200
    body = response.json()
    assert [(c["id"], c["status"], c["total"]) for c in body] == [
        (draft.pk, "draft", "0.00"),
        (submitted.pk, "submitted", "759.18"),
    ]
    assert Claim.objects.filter(pk=theirs.pk).exists()


def test_a_volunteer_must_sign_in_to_see_their_claims(client, db):
    response = client.get(MY_URL)

    assert response.status_code == 401
