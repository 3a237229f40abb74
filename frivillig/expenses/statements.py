"""The yearly statement for one payee with one payer: what was approved and paid, with the
documentation the tax rules ask of tax-free driving allowances (purpose, date, from, to, km,
vehicle, the rates and the calculation) and of the flat allowances and outlays.

Approved and paid claims count (as in services.year_to_date); drafts, submitted and rejected
claims do not. A statement shows a volunteer's personal data: the surface logs the read."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, timezone

from frivillig.expenses import money, rates
from frivillig.expenses.models import Claim, ClaimLine, LineKind, Vehicle, YearRates
from frivillig.expenses.policy import payer_for
from frivillig.expenses.services import COUNTED

TEMPLATE = "expenses/statement.html"


@dataclass
class Statement:
    organisation: object
    payee_name: str
    year: int
    rates: YearRates | None
    explanation: list[str]
    claims: list[Claim]
    driving: list[ClaimLine] = field(default_factory=list)
    allowances: list[ClaimLine] = field(default_factory=list)
    outlays: list[ClaimLine] = field(default_factory=list)

    @property
    def car_km(self) -> Decimal:
        return money.km(sum((x.km for x in self.driving if x.vehicle == Vehicle.CAR), Decimal(0)))

    @property
    def other_km(self) -> Decimal:
        return money.km(sum((x.km for x in self.driving if x.vehicle != Vehicle.CAR), Decimal(0)))

    @property
    def total_km(self) -> Decimal:
        return money.km(self.car_km + self.other_km)

    @property
    def driving_total(self) -> Decimal:
        return money.kr(sum((x.amount for x in self.driving), Decimal(0)))

    @property
    def allowances_total(self) -> Decimal:
        return money.kr(sum((x.amount for x in self.allowances), Decimal(0)))

    @property
    def outlays_total(self) -> Decimal:
        return money.kr(sum((x.amount for x in self.outlays), Decimal(0)))

    @property
    def total(self) -> Decimal:
        return money.kr(self.driving_total + self.allowances_total + self.outlays_total)

    def allowances_by_kind(self) -> list[tuple[str, Decimal]]:
        sums: dict[str, Decimal] = {}
        for line in self.allowances:
            label = line.get_kind_display()
            sums[label] = sums.get(label, Decimal(0)) + line.amount
        return [(label, money.kr(amount)) for label, amount in sums.items()]


def calculation(line: ClaimLine) -> str:
    """The driving line's sum as it was priced: km at each rate."""

    def n(value, places):
        return formats.number_format(value, places, use_l10n=True)

    parts = []
    if line.km_low:
        parts.append(f"{n(line.km_low, 1)} km × {n(line.rate_low, 2)} kr")
    if line.km_high:
        parts.append(f"{n(line.km_high, 1)} km × {n(line.rate_high, 2)} kr")
    return f"{' + '.join(parts) or '0'} = {n(line.amount, 2)} kr"


def for_claim(claim: Claim) -> Statement:
    """The statement for the payee of `claim`, in the claim's year, with the claim's payer.
    A claim whose account is deleted has no link to the person's other claims (names are not
    unique), so its statement covers that claim alone."""
    claims = Claim.objects.filter(
        organisation=claim.organisation, year=claim.year, status__in=COUNTED
    )
    if claim.volunteer_id:
        claims = claims.filter(volunteer_id=claim.volunteer_id)
    else:
        claims = claims.filter(pk=claim.pk)
    claims = list(claims.order_by("decided_at", "pk"))
    statement = Statement(
        organisation=claim.organisation,
        payee_name=claim.payee_name,
        year=claim.year,
        rates=rates.for_year(claim.year),
        explanation=payer_for(claim.organisation).explanation(),
        claims=claims,
    )
    for line in (
        ClaimLine.objects.filter(claim__in=claims)
        .select_related("claim")
        .order_by("date", "claim_id", "pk")
    ):
        if line.kind == LineKind.MILEAGE:
            line.calculation = calculation(line)
            statement.driving.append(line)
        elif line.kind == LineKind.OUTLAY:
            statement.outlays.append(line)
        else:
            statement.allowances.append(line)
    return statement


def pdf_bytes(statement: Statement, *, base_url: str) -> bytes:
    import weasyprint  # Imported here: it loads Pango and fonts, which most requests never need.

    html = render_to_string(TEMPLATE, {"statement": statement, "printed_at": timezone.localtime()})
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


def filename(statement: Statement) -> str:
    from django.utils.text import slugify

    return f"udgiftsopgoerelse-{statement.year}-{slugify(statement.payee_name) or 'frivillig'}.pdf"
