"""Approved claims for the bookkeeping: one row per line, as CSV for Danish Excel and as XLSX.

The rows carry the payee's name, so the surface that hands them out logs the read. There is a
column for the CPR number, always empty: the platform never stores CPR numbers, and the payroll
system that pays the volunteer adds it."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from frivillig import spreadsheet
from frivillig.expenses import money
from frivillig.expenses.models import ClaimLine, ClaimStatus


@dataclass(frozen=True)
class Row:
    claim_id: int
    payee: str
    date: date
    kind: str
    purpose: str
    from_place: str
    to_place: str
    km: Decimal | None
    vehicle: str
    km_low: Decimal | None
    km_high: Decimal | None
    rate_low: Decimal | None
    rate_high: Decimal | None
    amount: Decimal
    status: str
    approved: date | None
    paid: date | None
    volunteer_id: int | None


def lines(*, organisation, date_from: date, date_to: date, include_paid: bool = False):
    """The lines of `organisation`'s claims approved within the period (by the day of the
    approval), oldest claim first."""
    statuses = [ClaimStatus.APPROVED, ClaimStatus.PAID] if include_paid else [ClaimStatus.APPROVED]
    return (
        ClaimLine.objects.filter(
            claim__organisation=organisation,
            claim__status__in=statuses,
            claim__decided_at__date__gte=date_from,
            claim__decided_at__date__lte=date_to,
        )
        .select_related("claim")
        .order_by("claim__decided_at", "claim_id", "date", "pk")
    )


def _local_date(moment) -> date | None:
    from django.utils import timezone

    return timezone.localdate(moment) if moment else None


def rows(queryset) -> list[Row]:
    result = []
    for line in queryset:
        claim = line.claim
        driving = line.kind == "mileage"
        result.append(
            Row(
                claim_id=claim.pk,
                payee=claim.payee_name,
                date=line.date,
                kind=line.get_kind_display(),
                purpose=line.purpose,
                from_place=line.from_place,
                to_place=line.to_place,
                km=line.km if driving else None,
                vehicle=line.get_vehicle_display() if driving else "",
                km_low=line.km_low if driving else None,
                km_high=line.km_high if driving else None,
                rate_low=line.rate_low if driving else None,
                rate_high=line.rate_high if driving else None,
                amount=line.amount,
                status=claim.get_status_display(),
                approved=_local_date(claim.decided_at),
                paid=_local_date(claim.paid_at),
                volunteer_id=claim.volunteer_id,
            )
        )
    return result


def headers() -> list[str]:
    return [
        _("Claim"),
        _("Payee"),
        _("Date"),
        _("Kind"),
        _("Purpose"),
        _("From"),
        _("To"),
        _("Km"),
        _("Vehicle"),
        _("Km below 20,000"),
        _("Km above 20,000"),
        _("Rate below 20,000 km (kr/km)"),
        _("Rate above 20,000 km (kr/km)"),
        _("Amount (kr)"),
        _("Status"),
        _("Approved"),
        _("Paid"),
        _("CPR number (filled in by the payroll system)"),
    ]


def _values(row: Row) -> list:
    return [
        row.claim_id,
        row.payee,
        row.date,
        row.kind,
        row.purpose,
        row.from_place,
        row.to_place,
        row.km,
        row.vehicle,
        row.km_low,
        row.km_high,
        row.rate_low,
        row.rate_high,
        row.amount,
        row.status,
        row.approved,
        row.paid,
        "",  # CPR: never stored here
    ]


def totals(rows_: list[Row]) -> tuple[Decimal, Decimal]:
    """(km, kroner) over the rows."""
    km = sum((r.km for r in rows_ if r.km is not None), Decimal(0))
    return money.km(km), money.kr(sum((r.amount for r in rows_), Decimal(0)))


# CSV ----------------------------------------------------------------------------------------


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # Danish Excel reads the comma as the decimal sign.
        return str(value).replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet.text(value)


def csv_bytes(rows_: list[Row]) -> bytes:
    """The period's lines and a totals row as a spreadsheet file (see frivillig.spreadsheet)."""
    km, amount = totals(rows_)
    total_row = [""] * len(headers())
    total_row[1], total_row[7], total_row[13] = _("Total"), _csv_cell(km), _csv_cell(amount)
    lines = [[_csv_cell(value) for value in _values(row)] for row in rows_]
    return spreadsheet.csv_bytes(headers(), [*lines, total_row])


# XLSX ---------------------------------------------------------------------------------------

AMOUNT_FORMAT = "#,##0.00"
KM_FORMAT = "#,##0.0"
DATE_FORMAT = "yyyy-mm-dd"
_AMOUNT_COLUMNS = {12, 13, 14}  # 1-based: the rates and the amount
_KM_COLUMNS = {8, 10, 11}
_DATE_COLUMNS = {3, 16, 17}


def xlsx_bytes(rows_: list[Row], *, title: str = "") -> bytes:
    """Amounts and km as numbers, dates as dates, and a totals row with the computed sums (not
    formulas, so that every reader sees the figures without recalculating)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = (title or _("Expenses"))[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows_:
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in _values(row)]
        )
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                # openpyxl writes a text beginning with "=" as a formula; keep it text.
                cell.data_type = "s"
    km, amount = totals(rows_)
    total_row = [None] * len(headers())
    total_row[1], total_row[7], total_row[13] = _("Total"), km, amount
    sheet.append(total_row)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in _AMOUNT_COLUMNS | _KM_COLUMNS | _DATE_COLUMNS:
        number_format = (
            AMOUNT_FORMAT
            if column in _AMOUNT_COLUMNS
            else KM_FORMAT
            if column in _KM_COLUMNS
            else DATE_FORMAT
        )
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    widths = {"A": 8, "B": 24, "C": 12, "D": 26, "E": 30, "F": 16, "G": 16, "I": 18, "R": 34}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
