"""Claims: write, submit, approve (behind the guard), reject, pay, keep and forget.

Every function owns its transaction and raises ClaimError with a message for the user.
Approving locks the volunteer's account row first and then the claim (the project's lock
order: the person, then the thing), so two approvers cannot both fit a claim under the same
yearly limit or the same 20,000 km.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.services import record_personal_data_change
from frivillig.events.models import SignupStatus
from frivillig.expenses import money, notices, rates
from frivillig.expenses.models import (
    FLAT_ALLOWANCES,
    Claim,
    ClaimLine,
    ClaimStatus,
    LineKind,
    Vehicle,
)
from frivillig.expenses.policy import LIMIT_FIELDS, payer_for

COUNTED = [ClaimStatus.APPROVED, ClaimStatus.PAID]
RETENTION_YEARS = 5
RECEIPT_TYPES = {
    b"%PDF": "application/pdf",
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


class ClaimError(Exception):
    """The step cannot be taken; str(error) says why, in the user's language."""


@dataclass(frozen=True)
class LimitProblem:
    kind: str
    label: str
    limit: Decimal | None  # None: the year's limit is not known
    used: Decimal
    claimed: Decimal

    @property
    def remaining(self) -> Decimal:
        return max((self.limit or money.ZERO) - self.used, money.ZERO)

    def message(self) -> str:
        if self.limit is None:
            return _(
                "%(label)s: the tax-free limit for this year is not recorded, so the amount "
                "cannot be approved as tax-free. The central volunteer office adds the "
                "limit when it is published."
            ) % {"label": self.label}
        return _(
            "%(label)s: %(used)s kr is already paid this year and this claim asks for "
            "%(claimed)s kr, which passes the tax-free limit of %(limit)s kr. If the limit is "
            "passed, all flat allowances become taxable. Approve only the remaining "
            "%(remaining)s kr, or reject the line with a reason."
        ) % {
            "label": self.label,
            "used": self.used,
            "claimed": self.claimed,
            "limit": self.limit,
            "remaining": self.remaining,
        }


# ---------------------------------------------------------------------------------------------
# Who may claim from whom


def payers_for(volunteer):
    """The organisations the volunteer works for: engagements, and shifts they had a place on."""
    from frivillig.organisations.models import Organisation

    return Organisation.objects.filter(
        Q(engagements__volunteer=volunteer)
        | Q(
            shifts__signups__volunteer=volunteer,
            shifts__signups__status=SignupStatus.CONFIRMED,
        )
    ).distinct()


@transaction.atomic
def start_claim(*, volunteer, organisation, year: int | None = None, engagement=None) -> Claim:
    if not payers_for(volunteer).filter(pk=organisation.pk).exists():
        raise ClaimError(_("You can claim expenses only from an organisation you volunteer for."))
    if engagement is not None and (
        engagement.volunteer_id != volunteer.pk or engagement.organisation_id != organisation.pk
    ):
        raise ClaimError(_("Choose one of your own engagements with this organisation."))
    return Claim.objects.create(
        volunteer=volunteer,
        payee_name=volunteer.get_full_name() or volunteer.email,
        organisation=organisation,
        engagement=engagement,
        year=year or timezone.localdate().year,
    )


def _locked_claim(claim) -> Claim:
    return (
        Claim.objects.select_for_update(of=("self",), no_key=True)
        .select_related("organisation")
        .get(pk=claim.pk)
    )


def _own_draft(claim, volunteer) -> Claim:
    claim = _locked_claim(claim)
    if claim.volunteer_id != volunteer.pk:
        raise ClaimError(_("This claim is not yours."))
    if claim.status != ClaimStatus.DRAFT:
        raise ClaimError(_("This claim has been submitted and can no longer change."))
    return claim


# ---------------------------------------------------------------------------------------------
# Lines


def _check_date(claim, day: date) -> None:
    if day.year != claim.year:
        raise ClaimError(
            _("The date must be in %(year)d; make a separate claim for another year.")
            % {"year": claim.year}
        )
    if day > timezone.localdate():
        raise ClaimError(_("The date cannot be in the future."))


def _check_kind(claim, kind) -> None:
    if kind not in payer_for(claim.organisation).allowed_kinds():
        raise ClaimError(
            _("%(org)s does not pay this kind of expense. The form shows what it can pay.")
            % {"org": claim.organisation.name}
        )


def km_counted(claim) -> Decimal:
    """Car km already counted for this payer this year in other claims (approved or paid);
    this claim's own lines are priced after them, in date order (_reprice)."""
    return ClaimLine.objects.filter(
        kind=LineKind.MILEAGE,
        vehicle=Vehicle.CAR,
        claim__volunteer_id=claim.volunteer_id,
        claim__organisation_id=claim.organisation_id,
        claim__year=claim.year,
        claim__status__in=COUNTED,
    ).exclude(claim=claim).aggregate(total=Sum("km"))["total"] or Decimal(0)


def _price_mileage(claim, line: ClaimLine, before: Decimal) -> None:
    year_rates = rates.for_year(line.date.year)
    pair = payer_for(claim.organisation).mileage_rates(year_rates, line.vehicle)
    if pair is None:
        raise ClaimError(
            _(
                "The rate per km for %(year)d is not recorded yet, so this driving cannot be "
                "claimed now. The central volunteer office adds it when it is published."
            )
            % {"year": line.date.year}
        )
    line.rate_low, line.rate_high = pair
    if line.vehicle == Vehicle.CAR:
        line.km_low, line.km_high = money.split_km(before, line.km)
    else:
        line.km_low, line.km_high = line.km, money.km(0)
    line.amount = money.mileage(line.km_low, line.km_high, line.rate_low, line.rate_high)


def _reprice(claim) -> None:
    """Price every driving line in date order against the km already counted this year."""
    before = km_counted(claim)
    for line in claim.lines.filter(kind=LineKind.MILEAGE).order_by("date", "pk"):
        _price_mileage(claim, line, before)
        line.save(update_fields=["km_low", "km_high", "rate_low", "rate_high", "amount"])
        if line.vehicle == Vehicle.CAR:
            before += line.km


@transaction.atomic
def add_mileage(
    *, claim, volunteer, date: date, from_place: str, to_place: str, purpose: str, km, vehicle: str
) -> ClaimLine:
    claim = _own_draft(claim, volunteer)
    _check_kind(claim, LineKind.MILEAGE)
    _check_date(claim, date)
    distance = money.km(km)
    if distance <= 0 or distance > 5000:
        raise ClaimError(_("Write the distance in km, more than 0 and at most 5,000."))
    if vehicle not in Vehicle.values:
        raise ClaimError(_("Choose the vehicle."))
    if not (from_place.strip() and to_place.strip() and purpose.strip()):
        raise ClaimError(_("Write where you drove from and to, and why."))
    line = ClaimLine(
        claim=claim,
        kind=LineKind.MILEAGE,
        date=date,
        from_place=from_place.strip(),
        to_place=to_place.strip(),
        purpose=purpose.strip(),
        km=distance,
        vehicle=vehicle,
        amount=money.ZERO,
    )
    line.save()
    _reprice(claim)
    line.refresh_from_db()
    return line


def _receipt_type(upload) -> str:
    from django.conf import settings

    if upload.size > settings.EXPENSES_RECEIPT_MAX_BYTES:
        raise ClaimError(_("The receipt is too large: at most 10 MB."))
    head = upload.read(8)
    upload.seek(0)
    for magic, content_type in RECEIPT_TYPES.items():
        if head.startswith(magic):
            return content_type
    raise ClaimError(_("The receipt must be a photo (JPEG or PNG) or a PDF."))


@transaction.atomic
def add_outlay(*, claim, volunteer, date: date, purpose: str, amount, receipt) -> ClaimLine:
    claim = _own_draft(claim, volunteer)
    _check_kind(claim, LineKind.OUTLAY)
    _check_date(claim, date)
    value = money.kr(amount)
    if value <= 0 or value > 50000:
        raise ClaimError(_("Write the amount in kroner, more than 0 and at most 50,000."))
    if not purpose.strip():
        raise ClaimError(_("Write what the expense was for."))
    if receipt is None:
        raise ClaimError(_("Add the receipt: a photo or a PDF."))
    content_type = _receipt_type(receipt)
    line = ClaimLine(
        claim=claim,
        kind=LineKind.OUTLAY,
        date=date,
        purpose=purpose.strip(),
        amount=value,
        receipt_name=(getattr(receipt, "name", "") or "")[:200],
        receipt_type=content_type,
    )
    line.receipt.save("receipt", receipt, save=False)
    line.save()
    return line


@transaction.atomic
def add_allowance(
    *, claim, volunteer, kind: str, date: date, purpose: str, amount=None, days: int | None = None
) -> ClaimLine:
    claim = _own_draft(claim, volunteer)
    if kind not in FLAT_ALLOWANCES:
        raise ClaimError(_("Choose a kind of allowance."))
    _check_kind(claim, kind)
    _check_date(claim, date)
    if not purpose.strip():
        raise ClaimError(_("Write what the allowance is for."))
    if kind == LineKind.MEAL:
        per_day = getattr(rates.for_year(date.year), "meal_allowance_per_day", None)
        if per_day is None:
            raise ClaimError(
                _(
                    "The meal allowance for %(year)d is not recorded yet, so it cannot be "
                    "claimed now."
                )
                % {"year": date.year}
            )
        if not days or days < 1 or days > 366:
            raise ClaimError(_("Write the number of days of at least 5 hours."))
        value = money.kr(per_day * days)
    else:
        value = money.kr(amount or 0)
        if value <= 0 or value > 50000:
            raise ClaimError(_("Write the amount in kroner, more than 0 and at most 50,000."))
    return ClaimLine.objects.create(
        claim=claim, kind=kind, date=date, purpose=purpose.strip(), amount=value, days=days
    )


@transaction.atomic
def remove_line(*, line: ClaimLine, volunteer) -> None:
    claim = _own_draft(line.claim, volunteer)
    ClaimLine.objects.filter(pk=line.pk, claim=claim).delete()
    if line.receipt:
        transaction.on_commit(lambda: line.receipt.storage.delete(line.receipt.name))
    _reprice(claim)


# ---------------------------------------------------------------------------------------------
# Totals and the guard


def total(claim) -> Decimal:
    return money.kr(claim.lines.aggregate(total=Sum("amount"))["total"] or 0)


def year_to_date(*, volunteer_id, organisation, year: int, exclude_claim=None) -> dict:
    """Approved and paid amounts this year with this payer, per kind, and car km."""
    lines = ClaimLine.objects.filter(
        claim__volunteer_id=volunteer_id,
        claim__organisation=organisation,
        claim__year=year,
        claim__status__in=COUNTED,
    )
    if exclude_claim is not None:
        lines = lines.exclude(claim=exclude_claim)
    sums = dict.fromkeys(LineKind.values, money.ZERO)
    for kind, amount in lines.values("kind").annotate(s=Sum("amount")).values_list("kind", "s"):
        sums[kind] = money.kr(amount)
    sums["car_km"] = _car_km(lines)
    return sums


def _car_km(lines) -> Decimal:
    return lines.filter(kind=LineKind.MILEAGE, vehicle=Vehicle.CAR).aggregate(t=Sum("km"))[
        "t"
    ] or Decimal(0)


def guard(claim) -> list[LimitProblem]:
    """Flat allowances in `claim` that would pass the year's tax-free limit with this payer
    (or whose limit is not known)."""
    year_rates = rates.for_year(claim.year)
    used = year_to_date(
        volunteer_id=claim.volunteer_id,
        organisation=claim.organisation,
        year=claim.year,
        exclude_claim=claim,
    )
    claimed = {
        kind: money.kr(amount)
        for kind, amount in claim.lines.filter(kind__in=list(LIMIT_FIELDS))
        .values("kind")
        .annotate(s=Sum("amount"))
        .values_list("kind", "s")
    }
    problems = []
    for kind, amount in claimed.items():
        limit = getattr(year_rates, LIMIT_FIELDS[kind], None) if year_rates else None
        if limit is None or used[kind] + amount > limit:
            problems.append(
                LimitProblem(
                    kind=kind,
                    label=str(LineKind(kind).label),
                    limit=limit,
                    used=used[kind],
                    claimed=amount,
                )
            )
    if claim.lines.filter(kind=LineKind.MEAL).exists() and (
        year_rates is None or year_rates.meal_allowance_per_day is None
    ):
        problems.append(
            LimitProblem(
                kind=LineKind.MEAL,
                label=str(LineKind.MEAL.label),
                limit=None,
                used=used[LineKind.MEAL],
                claimed=claim.lines.filter(kind=LineKind.MEAL).aggregate(s=Sum("amount"))["s"],
            )
        )
    return problems


class LimitExceeded(ClaimError):
    def __init__(self, problems: list[LimitProblem]):
        self.problems = problems
        super().__init__(" ".join(p.message() for p in problems))


# ---------------------------------------------------------------------------------------------
# The steps


def _keep_until(moment) -> date:
    return date(timezone.localtime(moment).year + RETENTION_YEARS, 12, 31)


@transaction.atomic
def submit(*, claim, volunteer) -> Claim:
    claim = _own_draft(claim, volunteer)
    if not claim.lines.exists():
        raise ClaimError(_("Add at least one expense before you submit."))
    _reprice(claim)
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = timezone.now()
    claim.save(update_fields=["status", "submitted_at"])
    notices.claim_submitted(claim)
    return claim


def _lock_person(claim) -> None:
    if claim.volunteer_id:
        get_user_model().objects.select_for_update(no_key=True).filter(
            pk=claim.volunteer_id
        ).values_list("pk").get()


def _check_approver(claim, by) -> None:
    from frivillig.organisations.permissions import APPROVE_EXPENSES, user_can

    if not user_can(by, claim.organisation, APPROVE_EXPENSES):
        raise ClaimError(_("You cannot approve expenses for this organisation."))


@transaction.atomic
def approve(*, claim, by, reduce_to_limits: bool = False) -> Claim:
    """Approve a submitted claim. A flat allowance that would pass the year's tax-free limit
    stops the approval (LimitExceeded, with what to do), unless the approver chooses to pay
    only the rest of the limit."""
    _lock_person(Claim.objects.only("volunteer_id").get(pk=claim.pk))
    claim = _locked_claim(claim)
    _check_approver(claim, by)
    if claim.status != ClaimStatus.SUBMITTED:
        raise ClaimError(_("Only a submitted claim can be approved."))
    # Other claims may have been approved since this one was written: price the driving again
    # against what now counts.
    _reprice(claim)
    problems = guard(claim)
    if problems:
        if not reduce_to_limits or any(p.limit is None for p in problems):
            raise LimitExceeded(problems)
        for problem in problems:
            _reduce(claim, problem)
    claim.status = ClaimStatus.APPROVED
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.keep_until = _keep_until(claim.decided_at)
    claim.save(update_fields=["status", "decided_at", "decided_by", "keep_until"])
    record_personal_data_change(
        staff=by,
        volunteer=claim.volunteer,
        organisation=claim.organisation,
        what="expense claim",
    )
    notices.claim_decided(claim)
    return claim


def _reduce(claim, problem: LimitProblem) -> None:
    """Pay only the rest of the limit for one kind: lines are cut in date order."""
    left = problem.remaining
    for line in claim.lines.filter(kind=problem.kind).order_by("date", "pk"):
        pay = min(line.amount, left)
        if pay != line.amount:
            line.claimed_amount = line.amount
            line.amount = money.kr(pay)
            line.save(update_fields=["amount", "claimed_amount"])
        left -= pay


@transaction.atomic
def reject(*, claim, by, reason: str) -> Claim:
    claim = _locked_claim(claim)
    _check_approver(claim, by)
    if claim.status != ClaimStatus.SUBMITTED:
        raise ClaimError(_("Only a submitted claim can be rejected."))
    if not reason.strip():
        raise ClaimError(_("Write the reason, so that the volunteer understands the decision."))
    claim.status = ClaimStatus.REJECTED
    claim.rejection_reason = reason.strip()
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.keep_until = _keep_until(claim.decided_at)
    claim.save(
        update_fields=["status", "rejection_reason", "decided_at", "decided_by", "keep_until"]
    )
    record_personal_data_change(
        staff=by,
        volunteer=claim.volunteer,
        organisation=claim.organisation,
        what="expense claim",
    )
    notices.claim_decided(claim)
    return claim


@transaction.atomic
def mark_paid(*, claims, by) -> int:
    """Bulk: approved claims become paid; anything else is left as it is."""
    now = timezone.now()
    paid = 0
    for claim in (
        Claim.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk__in=[c.pk for c in claims], status=ClaimStatus.APPROVED)
        .select_related("organisation")
    ):
        _check_approver(claim, by)
        claim.status = ClaimStatus.PAID
        claim.paid_at = now
        claim.keep_until = max(claim.keep_until or _keep_until(now), _keep_until(now))
        claim.save(update_fields=["status", "paid_at", "keep_until"])
        record_personal_data_change(
            staff=by,
            volunteer=claim.volunteer,
            organisation=claim.organisation,
            what="expense claim",
        )
        notices.claim_paid(claim)
        paid += 1
    return paid


@transaction.atomic
def delete_draft(*, claim, volunteer) -> None:
    claim = _own_draft(claim, volunteer)
    names = [line.receipt.name for line in claim.lines.exclude(receipt="")]
    claim.delete()
    _delete_files(names)


# ---------------------------------------------------------------------------------------------
# Retention


def _delete_files(names) -> None:
    from frivillig.expenses.models import private_receipts

    storage = private_receipts()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def forget_volunteer(*, user) -> None:
    """Before an account is deleted: drafts and unanswered claims go; decided claims are
    accounting records and stay, without the link to the account (the payee's name stays,
    as bookkeeping needs it)."""
    pending = Claim.objects.filter(
        volunteer=user, status__in=[ClaimStatus.DRAFT, ClaimStatus.SUBMITTED]
    )
    names = list(
        ClaimLine.objects.filter(claim__in=pending)
        .exclude(receipt="")
        .values_list("receipt", flat=True)
    )
    pending.delete()
    _delete_files(names)
    Claim.objects.filter(volunteer=user).update(volunteer=None, engagement=None)


def purge_expired(*, today: date | None = None) -> int:
    """Delete claims whose five years have passed (a scheduled job)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = Claim.objects.filter(keep_until__lt=today)
        names = list(
            ClaimLine.objects.filter(claim__in=expired)
            .exclude(receipt="")
            .values_list("receipt", flat=True)
        )
        count = expired.count()
        expired.delete()
        _delete_files(names)
    return count
