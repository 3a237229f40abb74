"""The bookkeeping export (CSV for Danish Excel, XLSX with numbers and dates) and the yearly
statement per volunteer: what is in them, what is not, and that the sums add up."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from frivillig.engagements import services as engagements
from frivillig.expenses import exports, services, statements
from frivillig.expenses.models import ClaimStatus, LineKind


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def engaged(volunteer, make_opportunity, coordinator):
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    return engagements.accept(application=application, by=coordinator)


@pytest.fixture
def claim_with(engaged, make_claim, volunteer, organisation, coordinator):
    """A claim by Vera with driving and a phone allowance, approved unless approve=False."""

    def make(*, km="42", phone="100", purpose="Besøg", approve=True, year=2024):
        claim = make_claim(volunteer=volunteer, organisation=organisation, year=year)
        services.add_mileage(
            claim=claim,
            volunteer=volunteer,
            date=date(year, 3, 1),
            from_place="Nibe",
            to_place="Aalborg",
            purpose=purpose,
            km=km,
            vehicle="car",
        )
        if phone:
            services.add_allowance(
                claim=claim,
                volunteer=volunteer,
                kind=LineKind.PHONE,
                date=date(year, 4, 1),
                purpose="Telefon",
                amount=phone,
            )
        services.submit(claim=claim, volunteer=volunteer)
        if approve:
            claim = services.approve(claim=claim, by=coordinator)
        return claim

    return make


def _today():
    return timezone.localdate()


def _rows(organisation, **kwargs):
    return exports.rows(
        exports.lines(organisation=organisation, date_from=_today(), date_to=_today(), **kwargs)
    )


def test_it_takes_approved_claims_of_the_period_and_paid_ones_only_when_asked(
    claim_with, organisation, coordinator
):
    approved = claim_with()
    paid = claim_with(phone=None)
    services.mark_paid(claims=[paid], by=coordinator)
    claim_with(approve=False)  # submitted
    assert {r.claim_id for r in _rows(organisation)} == {approved.pk}
    rows = _rows(organisation, include_paid=True)
    assert {r.claim_id for r in rows} == {approved.pk, paid.pk}
    assert next(r for r in rows if r.claim_id == paid.pk).paid == _today()
    yesterday = date.fromordinal(_today().toordinal() - 1)
    assert not exports.rows(
        exports.lines(organisation=organisation, date_from=yesterday, date_to=yesterday)
    )


def test_it_writes_csv_as_danish_excel_expects_with_an_empty_cpr_column(claim_with, organisation):
    claim_with(purpose='=HYPERLINK("http://example.com")')
    data = exports.csv_bytes(_rows(organisation))
    assert data.startswith("\ufeff".encode())
    header, driving, phone, total = csv.reader(io.StringIO(data.decode("utf-8")[1:]), delimiter=";")
    assert header[-1] == "CPR number (filled in by the payroll system)"
    assert len(header) == len(driving) == 18
    assert driving[4].startswith("'=")  # never a formula in the bookkeeper's Excel
    assert (driving[7], driving[9], driving[10], driving[11]) == ("42,0", "42,0", "0,0", "3,79")
    assert driving[13] == "159,18" and driving[-1] == ""
    assert phone[3] == "Telephone and internet (flat allowance)" and phone[7] == ""
    assert (total[1], total[13]) == ("Total", "259,18")


def test_it_writes_xlsx_with_numbers_dates_and_a_totals_row_that_adds_up(claim_with, organisation):
    claim_with(purpose="=1+1")
    claim_with(km="12.5", phone="250")
    rows = _rows(organisation)
    book = load_workbook(BytesIO(exports.xlsx_bytes(rows)))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-1] == "CPR number (filled in by the payroll system)"
    body, totals = values[1:-1], values[-1]
    assert len(body) == 4
    first = body[0]
    assert isinstance(first[2], datetime) and first[2].date() == date(2024, 3, 1)
    assert isinstance(first[15], datetime) and first[15].date() == _today()
    assert first[4] == "=1+1"  # kept as text, not run as a formula
    assert sheet.cell(row=2, column=5).data_type == "s"
    assert first[13] == pytest.approx(159.18) and first[-1] is None
    assert sheet.cell(row=2, column=14).number_format == "#,##0.00"
    expected = sum(Decimal(str(r[13])) for r in body)
    assert Decimal(str(totals[13])).quantize(Decimal("0.01")) == expected == Decimal("556.56")
    assert totals[7] == pytest.approx(54.5)
    assert totals[1] == "Total"


def test_an_empty_period_still_gives_a_workbook_with_a_zero_total(organisation, db):
    book = load_workbook(BytesIO(exports.xlsx_bytes([])))
    values = list(book.active.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][13] == 0


def test_the_statement_documents_the_years_approved_driving_allowances_and_outlays(
    claim_with, organisation, coordinator, volunteer, other_organisation
):
    first = claim_with(km="30", phone="100")
    second = claim_with(km="12", phone=None)
    services.mark_paid(claims=[second], by=coordinator)
    waiting = claim_with(km="99", approve=False)
    rejected = claim_with(km="77", approve=False)
    services.reject(claim=rejected, by=coordinator, reason="Ikke aftalt")

    statement = statements.for_claim(waiting)
    assert [c.pk for c in statement.claims] == [first.pk, second.pk]
    assert [line.km for line in statement.driving] == [Decimal("30.0"), Decimal("12.0")]
    assert statement.driving[0].calculation == "30.0 km × 3.79 kr = 113.70 kr"
    assert statement.car_km == Decimal("42.0")
    assert statement.driving_total == Decimal("159.18")
    assert statement.allowances_by_kind() == [
        ("Telephone and internet (flat allowance)", Decimal("100.00"))
    ]
    assert statement.total == Decimal("259.18")
    assert statement.payee_name == "Vera Frivillig" and statement.year == 2024

    pdf = statements.pdf_bytes(statement, base_url="http://testserver/")
    assert pdf.startswith(b"%PDF")


def test_the_statement_shows_both_rates_when_the_threshold_is_passed(
    claim_with, organisation, make_claim, volunteer, coordinator
):
    for _ in range(4):
        claim_with(km="4997.5", phone=None)  # 19,990 km
    last = claim_with(km="30", phone=None)
    statement = statements.for_claim(last)
    assert statement.driving[-1].calculation == ("10.0 km × 3.79 kr + 20.0 km × 2.23 kr = 82.50 kr")
    assert statement.car_km == Decimal("20020.0")
    assert last.status == ClaimStatus.APPROVED
