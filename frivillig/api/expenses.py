"""Expenses in the API: the rates and tax-free limits per year as open data, an organisation's
claims for its bookkeeping (API token), and a volunteer's own claims (session).

Amounts are Danish kroner as strings with two decimals ("159.18"): exact, never a float. A
figure the platform does not know for a year is null and named in `missing`; it is never
guessed.

The organisation's part is read-only (approving is a person's act, done in the back office) and
answers only a token whose maker may approve expenses for the token's organisation: the token
acts for that person. Every query starts from the token's scope, so another organisation's
claim is a 404. Drafts are the volunteer's own until submitted and are not shown. Reading one
claim is logged as a read of the volunteer's personal data."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django import forms
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from frivillig.accounts.services import record_personal_data_read
from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import _scope
from frivillig.api.public import ApiError, _invalid, _paginate
from frivillig.api.schemas import ErrorOut, OrganisationRef, PageOut, ValidationErrorOut
from frivillig.expenses import money, rates, services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind, YearRates
from frivillig.expenses.policy import LIMIT_FIELDS
from frivillig.organisations.permissions import APPROVE_EXPENSES, user_can

router = Router(tags=["Expenses"])
org_router = Router(tags=["Organisation (API token)"], auth=api_token_auth)
me_router = Router(tags=["My data (signed in)"], auth=volunteer_session)

KRONER = 'Danish kroner with two decimals, as a string (exact, e.g. "159.18")'


def _kr(value) -> str | None:
    return None if value is None else str(money.kr(value))


# Schemas -----------------------------------------------------------------------------------

ClaimStatusValue = Literal["draft", "submitted", "approved", "rejected", "paid"]
LineKindValue = Literal["mileage", "outlay", "phone", "administration", "clothing", "meal"]
VehicleValue = Literal["car", "bicycle", ""]
FigureName = Literal[
    "mileage_car_low",
    "mileage_car_high",
    "mileage_bicycle",
    "phone_internet_limit",
    "administration_limit",
    "special_clothing_limit",
    "meal_allowance_per_day",
]


class YearRatesOut(Schema):
    year: int
    mileage_car_low: str | None = Field(
        description="Car or motorcycle, kr per km up to 20,000 km a year with one payer."
    )
    mileage_car_high: str | None = Field(
        description="Car or motorcycle, kr per km above 20,000 km a year with one payer."
    )
    mileage_bicycle: str | None = Field(description="Bicycle or moped, kr per km.")
    phone_internet_limit: str | None = Field(
        description="Tax-free yearly limit for a flat telephone and internet allowance."
    )
    administration_limit: str | None = Field(
        description="Tax-free yearly limit for a flat administration allowance."
    )
    special_clothing_limit: str | None = Field(
        description="Tax-free yearly limit for a flat special-clothing allowance."
    )
    meal_allowance_per_day: str | None = Field(
        description="Meal allowance per day at events of at least 5 hours."
    )
    missing: list[FigureName] = Field(
        description="The figures not recorded for this year (null above): never guessed."
    )
    missing_labels: list[str] = Field(
        description="The same, as labels in the language of the request."
    )
    sources: dict[str, str] = Field(description="Where the figures come from.")
    updated_at: datetime

    @staticmethod
    def resolve_missing(obj) -> list[str]:
        return [name for name in rates.FIELDS if getattr(obj, name) is None]

    @staticmethod
    def resolve_missing_labels(obj) -> list[str]:
        return obj.missing

    @staticmethod
    def resolve_sources(obj) -> dict[str, str]:
        return {str(k): str(v) for k, v in (obj.sources or {}).items()}

    @staticmethod
    def resolve_mileage_car_low(obj) -> str | None:
        return _kr(obj.mileage_car_low)

    @staticmethod
    def resolve_mileage_car_high(obj) -> str | None:
        return _kr(obj.mileage_car_high)

    @staticmethod
    def resolve_mileage_bicycle(obj) -> str | None:
        return _kr(obj.mileage_bicycle)

    @staticmethod
    def resolve_phone_internet_limit(obj) -> str | None:
        return _kr(obj.phone_internet_limit)

    @staticmethod
    def resolve_administration_limit(obj) -> str | None:
        return _kr(obj.administration_limit)

    @staticmethod
    def resolve_special_clothing_limit(obj) -> str | None:
        return _kr(obj.special_clothing_limit)

    @staticmethod
    def resolve_meal_allowance_per_day(obj) -> str | None:
        return _kr(obj.meal_allowance_per_day)


class ClaimOut(Schema):
    id: int
    status: ClaimStatusValue
    organisation: OrganisationRef
    payee_name: str = Field(description="The payee as bookkeeping knows them.")
    engagement_id: int | None
    year: int = Field(description="The claim's year: every line is dated in it.")
    total: str = Field(description=KRONER)
    line_count: int
    submitted_at: datetime | None
    decided_at: datetime | None
    paid_at: datetime | None

    @staticmethod
    def resolve_total(obj) -> str:
        return _kr(obj.total_amount)


class ClaimPage(PageOut):
    results: list[ClaimOut]


class ClaimLineOut(Schema):
    id: int
    kind: LineKindValue
    date: date
    purpose: str
    from_place: str
    to_place: str
    km: str | None = Field(description="Driving: the distance in km (one decimal).")
    vehicle: VehicleValue
    km_low: str | None = Field(description="Driving: km paid at the rate up to 20,000 km.")
    km_high: str | None = Field(description="Driving: km paid at the rate above 20,000 km.")
    rate_low: str | None
    rate_high: str | None
    days: int | None = Field(description="Meal allowance: days of at least 5 hours.")
    has_receipt: bool = Field(description="Outlays: a receipt is attached (in the back office).")
    amount: str = Field(description=KRONER)
    claimed_amount: str | None = Field(
        description="When an approver paid only the rest of a yearly limit: what was asked."
    )

    @staticmethod
    def resolve_km(obj) -> str | None:
        return None if obj.km is None else str(obj.km)

    @staticmethod
    def resolve_km_low(obj) -> str | None:
        return None if obj.km_low is None else str(obj.km_low)

    @staticmethod
    def resolve_km_high(obj) -> str | None:
        return None if obj.km_high is None else str(obj.km_high)

    @staticmethod
    def resolve_rate_low(obj) -> str | None:
        return _kr(obj.rate_low)

    @staticmethod
    def resolve_rate_high(obj) -> str | None:
        return _kr(obj.rate_high)

    @staticmethod
    def resolve_has_receipt(obj) -> bool:
        return bool(obj.receipt)

    @staticmethod
    def resolve_amount(obj) -> str:
        return _kr(obj.amount)

    @staticmethod
    def resolve_claimed_amount(obj) -> str | None:
        return _kr(obj.claimed_amount)


class KindTotalOut(Schema):
    kind: LineKindValue
    amount: str = Field(description=KRONER)


class LimitOut(Schema):
    kind: Literal["phone", "administration", "clothing"]
    label: str
    limit: str | None = Field(description="The year's tax-free limit; null: not recorded.")
    used: str = Field(
        description="Approved or paid this year with this payer in the volunteer's other claims."
    )
    claimed: str = Field(description="In this claim.")
    remaining: str | None = Field(description="What is left of the limit before this claim.")
    within_limit: bool = Field(
        description="False when this claim would pass the limit, or the limit is not known."
    )


class YearToDateOut(Schema):
    by_kind: list[KindTotalOut] = Field(
        description="Approved or paid this year with this payer, in the volunteer's other claims."
    )
    car_km: str = Field(description="Car km counted towards the 20,000 km threshold.")
    limits: list[LimitOut]


class ClaimDetailOut(ClaimOut):
    volunteer_email: str | None = Field(
        description="The volunteer's e-mail; null when the account is deleted."
    )
    note: str
    rejection_reason: str
    created_at: datetime
    lines: list[ClaimLineOut]
    totals: list[KindTotalOut] = Field(description="This claim's amounts per kind.")
    year_to_date: YearToDateOut
    limit_problems: list[str] = Field(
        description="For a submitted claim: why it cannot be approved as tax-free as it is "
        "(empty when it can)."
    )


class MyClaimOut(Schema):
    id: int
    status: ClaimStatusValue
    organisation: OrganisationRef
    year: int
    total: str = Field(description=KRONER)
    line_count: int
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    paid_at: datetime | None
    rejection_reason: str

    @staticmethod
    def resolve_total(obj) -> str:
        return _kr(obj.total_amount)


class ClaimParams(Schema):
    status: str | None = Field(
        None,
        description="Only claims with this status: 'submitted', 'approved', 'rejected' or 'paid'.",
    )
    year: str | None = Field(None, description="Only claims for this year.")
    from_: str | None = Field(
        None, alias="from", description="Only claims submitted on or after this day (YYYY-MM-DD)."
    )
    to: str | None = Field(
        None, description="Only claims submitted on or before this day (YYYY-MM-DD)."
    )
    page: str | None = Field(None, description="Page number, from 1.")


# Filters -----------------------------------------------------------------------------------

VISIBLE_TO_ORGANISATION = [s for s in ClaimStatus.values if s != ClaimStatus.DRAFT]
DATE_ERRORS = {"invalid": gettext_lazy("Write the day as YYYY-MM-DD.")}


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[("", ""), *((s, s) for s in VISIBLE_TO_ORGANISATION)],
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not one of the choices.")},
    )
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added by name.
        for name in ("from", "to"):
            self.fields[name] = forms.DateField(
                required=False, input_formats=["%Y-%m-%d"], error_messages=DATE_ERRORS
            )

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", _("The end day cannot be before the start day."))
        return data

    def apply(self, claims):
        data = self.cleaned_data
        if data["status"]:
            claims = claims.filter(status=data["status"])
        if data["year"] is not None:
            claims = claims.filter(year=data["year"])
        if data["from"]:
            claims = claims.filter(submitted_at__date__gte=data["from"])
        if data["to"]:
            claims = claims.filter(submitted_at__date__lte=data["to"])
        return claims


def with_totals(claims):
    """The total and number of lines per claim, counted by the database in the same query."""
    return claims.annotate(
        total_amount=Coalesce(
            Sum("lines__amount"),
            Value(Decimal(0)),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
        line_count=Count("lines"),
    )


# Public ------------------------------------------------------------------------------------


@router.get(
    "/expense-rates",
    response=list[YearRatesOut],
    summary="Rates and tax-free limits for volunteers' expenses, per year",
)
def list_expense_rates(request):
    """Every year the platform knows: the state's mileage rates and the tax-free limits for
    flat allowances to unpaid volunteers in associations (ligningsloven § 7 M), with their
    sources. A figure that is not recorded is null and named in `missing`: claims that need it
    wait until the central volunteer office records it. Newest year first."""
    return YearRates.objects.order_by("-year")


# The organisation's (token) ----------------------------------------------------------------

ORG_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _claims(request: HttpRequest):
    token = request.auth
    if token.created_by is None or not user_can(
        token.created_by, token.organisation, APPROVE_EXPENSES
    ):
        raise ApiError(
            403,
            _(
                "This token cannot read expense claims: the person who made it may no longer "
                "approve expenses for the organisation."
            ),
        )
    return Claim.objects.filter(
        organisation__in=_scope(request), status__in=VISIBLE_TO_ORGANISATION
    ).select_related("organisation")


@org_router.get(
    "/expense-claims",
    response={200: ClaimPage, 400: ValidationErrorOut, **ORG_ERRORS},
    summary="Expense claims",
)
def list_claims(request, params: Query[ClaimParams]):
    """Claims that volunteers have submitted to the organisation and those below it, newest
    first, with their totals. Filter by `status`, `year`, and the day of submission (`from`,
    `to`). Payee names only: the lines are in each claim, where reading it is logged."""
    claims = _claims(request)
    form = ClaimFilterForm(data=request.GET)
    if not form.is_valid():
        raise _invalid(form)
    qs = with_totals(form.apply(claims)).order_by("-submitted_at", "-pk")
    return _paginate(request, qs)


def _by_kind(sums: dict) -> list[dict]:
    return [{"kind": kind, "amount": _kr(sums[kind])} for kind in LineKind.values if sums.get(kind)]


def _year_to_date(claim: Claim, lines: list[ClaimLine]) -> dict:
    used = services.year_to_date(
        volunteer_id=claim.volunteer_id,
        organisation=claim.organisation,
        year=claim.year,
        exclude_claim=claim,
    )
    if claim.volunteer_id is None:
        # The account is gone; nothing can be matched to the person any more.
        used = dict.fromkeys(used, money.ZERO)
    year_rates = rates.for_year(claim.year)
    limits = []
    for kind, field in LIMIT_FIELDS.items():
        claimed = money.kr(sum((line.amount for line in lines if line.kind == kind), Decimal(0)))
        limit = getattr(year_rates, field, None)
        remaining = None if limit is None else max(limit - used[kind], money.ZERO)
        limits.append(
            {
                "kind": kind,
                "label": str(LineKind(kind).label),
                "limit": _kr(limit),
                "used": _kr(used[kind]),
                "claimed": _kr(claimed),
                "remaining": _kr(remaining),
                "within_limit": not claimed
                or (limit is not None and used[kind] + claimed <= limit),
            }
        )
    return {"by_kind": _by_kind(used), "car_km": str(used["car_km"]), "limits": limits}


@org_router.get(
    "/expense-claims/{int:claim_id}",
    response={200: ClaimDetailOut, **ORG_ERRORS},
    summary="One expense claim, with its lines and the year so far against the limits",
)
def get_claim(request, claim_id: int):
    """The lines, the totals per kind, and what the volunteer has had approved this year with
    this payer against the tax-free limits. Reading this is logged as a read of the
    volunteer's personal data."""
    claim = (
        with_totals(_claims(request).select_related("volunteer"))
        .prefetch_related("lines")
        .filter(pk=claim_id)
        .first()
    )
    if claim is None:
        raise ApiError(404, _("There is no expense claim with id %(id)d.") % {"id": claim_id})
    lines = list(claim.lines.all())
    totals = {}
    for line in lines:
        totals[line.kind] = totals.get(line.kind, money.ZERO) + line.amount
    problems = (
        [problem.message() for problem in services.guard(claim)]
        if claim.status == ClaimStatus.SUBMITTED
        else []
    )
    if claim.volunteer_id is not None:
        record_personal_data_read(
            staff=None,
            volunteer=claim.volunteer,
            organisation=claim.organisation,
            what="api:expense_claim",
        )
    claim.volunteer_email = claim.volunteer.email if claim.volunteer_id else None
    claim.totals = _by_kind(totals)
    claim.year_to_date = _year_to_date(claim, lines)
    claim.limit_problems = problems
    return claim


# The volunteer's own (session) -------------------------------------------------------------


@me_router.get(
    "/expense-claims",
    response={200: list[MyClaimOut], 401: ErrorOut, 403: ErrorOut},
    summary="My expense claims",
)
def my_claims(request):
    """Every claim of mine, drafts included, newest first, with its status and total."""
    return with_totals(
        Claim.objects.filter(volunteer=request.user).select_related("organisation")
    ).order_by("-created_at", "-pk")
