"""Expense claims: the list, a claim with the yearly guard, approve or reject, mark as paid,
receipts, the yearly statement, the export for the bookkeeping and the payer's policy.

Claims hold personal data and are the payer's accounting records, so every page needs
APPROVE_EXPENSES (a viewer gets a 404) and every query starts from the organisation itself:
another organisation's claim, or a draft the volunteer has not submitted, is a 404."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frivillig.accounts.services import record_personal_data_reads
from frivillig.backoffice.access import log_personal_data_read, organisation_view
from frivillig.backoffice.expense_forms import (
    ClaimFilterForm,
    ExportForm,
    PolicyForm,
    RejectForm,
)
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.expenses import exports, money, rates, services, statements
from frivillig.expenses.models import (
    Claim,
    ClaimLine,
    ClaimStatus,
    LineKind,
    PayerPolicy,
    Vehicle,
)
from frivillig.expenses.policy import LIMIT_FIELDS, payer_for, save_policy
from frivillig.organisations.permissions import APPROVE_EXPENSES

SECTION = "expenses"
CONFIRM = "confirm"


def _claims(request):
    return Claim.objects.filter(organisation=request.organisation).exclude(status=ClaimStatus.DRAFT)


def _with_totals(claims):
    return claims.annotate(
        total=Coalesce(
            Sum("lines__amount"), Value(Decimal(0)), output_field=DecimalField(decimal_places=2)
        ),
        line_count=Count("lines"),
    )


def _claim(request, pk) -> Claim:
    return get_object_or_404(
        _claims(request).select_related("organisation", "volunteer", "decided_by"), pk=pk
    )


def _to_claim(request, claim):
    return redirect("backoffice:claim_detail", request.organisation.slug, claim.pk)


def _log_read(request, claim, what):
    if claim.volunteer_id:  # a deleted account leaves only the payee's name, and no one to log
        log_personal_data_read(request, claim.volunteer, what)


def _kr(value) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


# The list -----------------------------------------------------------------------------------


@organisation_view(APPROVE_EXPENSES)
def claim_list(request):
    form = ClaimFilterForm(request.GET or None)
    claims = _claims(request)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            claims = claims.filter(status=data["status"])
        if data["year"]:
            claims = claims.filter(year=data["year"])
        if data["date_from"]:
            claims = claims.filter(submitted_at__date__gte=data["date_from"])
        if data["date_to"]:
            claims = claims.filter(submitted_at__date__lte=data["date_to"])
    by_status = {
        row["status"]: row
        for row in claims.order_by()
        .values("status")
        .annotate(count=Count("pk", distinct=True), amount=Sum("lines__amount"))
    }
    summary = [
        (label, by_status[value]["count"], money.kr(by_status[value]["amount"] or 0))
        for value, label in ClaimStatus.choices
        if value in by_status
    ]
    page = paginate(request, _with_totals(claims).order_by("-submitted_at", "-pk"))
    return render_page(
        request,
        "backoffice/expenses/list.html",
        {
            "form": form,
            "page": page,
            "summary": summary,
            "grand_total": money.kr(sum((amount for _l, _c, amount in summary), Decimal(0))),
            "any_approved": any(c.status == ClaimStatus.APPROVED for c in page.object_list),
        },
        section=SECTION,
    )


@organisation_view(APPROVE_EXPENSES)
@require_POST
def claim_mark_paid(request):
    """The bulk step from the list: first a confirmation with the count and the sum, then the
    marking. Only approved claims of this organisation are taken, whatever the request says."""
    ids = [int(v) for v in request.POST.getlist("claims") if v.isdigit()]
    chosen = list(
        _with_totals(_claims(request).filter(pk__in=ids, status=ClaimStatus.APPROVED)).order_by(
            "-submitted_at", "-pk"
        )
    )
    back = redirect("backoffice:claim_list", request.organisation.slug)
    if not chosen:
        messages.error(request, _("Choose at least one approved claim to mark as paid."))
        return back
    if request.POST.get("step") != CONFIRM:
        return render_page(
            request,
            "backoffice/expenses/mark_paid.html",
            {
                "claims": chosen,
                "count": len(chosen),
                "amount": money.kr(sum((c.total for c in chosen), Decimal(0))),
                "skipped": len(set(ids)) - len(chosen),
            },
            section=SECTION,
        )
    try:
        paid = services.mark_paid(claims=chosen, by=request.user)
    except services.ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext("%(n)d claim is marked as paid.", "%(n)d claims are marked as paid.", paid)
            % {"n": paid},
        )
    return back


# One claim ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TotalRow:
    label: str
    unit: str  # "kr" or "km"
    before: Decimal
    this: Decimal
    limit: Decimal | None  # a yearly limit to compare with, when there is one
    limit_text: str

    @property
    def together(self) -> Decimal:
        return self.before + self.this

    @property
    def over(self) -> bool:
        return self.limit is not None and self.together > self.limit


def _year_overview(claim, lines, year_rates, payer) -> list[TotalRow] | None:
    """What this volunteer has had approved with this payer this year (other claims), what
    this claim adds, and the year's limits: the figures behind services.guard."""
    if not claim.volunteer_id:
        return None
    before = services.year_to_date(
        volunteer_id=claim.volunteer_id,
        organisation=claim.organisation,
        year=claim.year,
        exclude_claim=claim,
    )
    this = dict.fromkeys(LineKind.values, money.ZERO)
    this_km = Decimal(0)
    for line in lines:
        this[line.kind] += line.amount
        if line.kind == LineKind.MILEAGE and line.vehicle == Vehicle.CAR:
            this_km += line.km
    not_recorded = _("not recorded")

    def figure(name):
        return getattr(year_rates, name, None) if year_rates else None

    low, high = figure("mileage_car_low"), figure("mileage_car_high")
    rows = [
        TotalRow(
            _("Driving by car (km)"),
            "km",
            before["car_km"],
            this_km,
            None,
            _("%(low)s kr/km up to 20,000 km a year, %(high)s kr/km above")
            % {"low": _kr(low), "high": _kr(high)}
            if low is not None and high is not None
            else not_recorded,
        ),
        TotalRow(
            str(LineKind.MILEAGE.label),
            "kr",
            before[LineKind.MILEAGE],
            this[LineKind.MILEAGE],
            None,
            _("At most the state's rate per km"),
        ),
    ]
    if payer.pays_flat_allowances or any(this[k] or before[k] for k in LIMIT_FIELDS):
        for kind, name in LIMIT_FIELDS.items():
            limit = figure(name)
            rows.append(
                TotalRow(
                    str(LineKind(kind).label),
                    "kr",
                    before[kind],
                    this[kind],
                    limit,
                    f"{_kr(limit)} kr" if limit is not None else not_recorded,
                )
            )
        per_day = figure("meal_allowance_per_day")
        rows.append(
            TotalRow(
                str(LineKind.MEAL.label),
                "kr",
                before[LineKind.MEAL],
                this[LineKind.MEAL],
                None,
                _("%(rate)s kr per day") % {"rate": _kr(per_day)}
                if per_day is not None
                else not_recorded,
            )
        )
    rows.append(
        TotalRow(
            str(LineKind.OUTLAY.label),
            "kr",
            before[LineKind.OUTLAY],
            this[LineKind.OUTLAY],
            None,
            _("No yearly limit: documented with receipts"),
        )
    )
    return rows


def _problems(claim):
    return services.guard(claim) if claim.status == ClaimStatus.SUBMITTED else []


def _options(problems) -> dict:
    """Whether "approve only the remaining amount" is open: not when a limit is unknown."""
    return {
        "problems": problems,
        "can_reduce": bool(problems) and all(p.limit is not None for p in problems),
    }


def _remaining(claim, problems) -> dict:
    """The options, and what the claim comes to when every allowance is cut to its limit."""
    cut = sum((p.claimed - p.remaining for p in problems if p.limit is not None), Decimal(0))
    return {**_options(problems), "new_total": money.kr(services.total(claim) - cut)}


@organisation_view(APPROVE_EXPENSES)
def claim_detail(request, pk):
    claim = _claim(request, pk)
    _log_read(request, claim, "expense claim")
    lines = list(claim.lines.all())
    for line in lines:
        line.calculation = statements.calculation(line) if line.kind == LineKind.MILEAGE else ""
    year_rates = rates.for_year(claim.year)
    payer = payer_for(claim.organisation)
    return render_page(
        request,
        "backoffice/expenses/detail.html",
        {
            "claim": claim,
            "lines": lines,
            "total": money.kr(sum((line.amount for line in lines), Decimal(0))),
            "receipts": [line for line in lines if line.receipt],
            "overview": _year_overview(claim, lines, year_rates, payer),
            "year_rates": year_rates,
            "is_submitted": claim.status == ClaimStatus.SUBMITTED,
            "refused": "",
            **_options(_problems(claim)),
        },
        section=SECTION,
    )


def _undecided(request, pk):
    """The claim, or a redirect to it when it has already been decided."""
    claim = _claim(request, pk)
    if claim.status != ClaimStatus.SUBMITTED:
        messages.info(request, _("This claim has already been decided."))
        return claim, _to_claim(request, claim)
    return claim, None


def _decision_page(request, template, claim, context=None, *, status=200):
    return render_page(
        request,
        template,
        {"claim": claim, "total": services.total(claim), **(context or {})},
        section=SECTION,
        status=status,
    )


@organisation_view(APPROVE_EXPENSES)
def claim_approve(request, pk):
    """Asks first (GET), approves on the POST; the guard in the service has the last word."""
    claim, done = _undecided(request, pk)
    if done:
        return done
    template = "backoffice/expenses/approve.html"
    if request.method == "POST":
        try:
            services.approve(claim=claim, by=request.user)
        except services.LimitExceeded as error:
            return _decision_page(
                request,
                template,
                claim,
                {**_options(error.problems), "refused": str(error)},
                status=409,
            )
        except services.ClaimError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The claim is approved, and %(name)s has been told by e-mail.")
                % {"name": claim.payee_name},
            )
        return _to_claim(request, claim)
    return _decision_page(request, template, claim, {**_options(_problems(claim)), "refused": ""})


@organisation_view(APPROVE_EXPENSES)
def claim_approve_remaining(request, pk):
    """Approve only what is left under the yearly limits: the allowances that would pass a
    limit are cut to the rest of it (services.approve with reduce_to_limits)."""
    claim, done = _undecided(request, pk)
    if done:
        return done
    template = "backoffice/expenses/approve_remaining.html"
    if request.method == "POST":
        try:
            services.approve(claim=claim, by=request.user, reduce_to_limits=True)
        except services.LimitExceeded as error:
            return _decision_page(
                request,
                template,
                claim,
                {**_remaining(claim, error.problems), "refused": str(error)},
                status=409,
            )
        except services.ClaimError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "The claim is approved with the remaining amounts under the limits, and "
                    "%(name)s has been told by e-mail."
                )
                % {"name": claim.payee_name},
            )
        return _to_claim(request, claim)
    problems = services.guard(claim)
    if not problems:
        return redirect("backoffice:claim_approve", request.organisation.slug, claim.pk)
    return _decision_page(request, template, claim, {**_remaining(claim, problems), "refused": ""})


@organisation_view(APPROVE_EXPENSES)
def claim_reject(request, pk):
    claim, done = _undecided(request, pk)
    if done:
        return done
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject(claim=claim, by=request.user, reason=form.cleaned_data["reason"])
        except services.ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The claim is rejected, and %(name)s has been told the reason by e-mail.")
                % {"name": claim.payee_name},
            )
            return _to_claim(request, claim)
    return _decision_page(
        request,
        "backoffice/expenses/reject.html",
        claim,
        {"form": form},
        status=400 if form.errors else 200,
    )


@organisation_view(APPROVE_EXPENSES)
def claim_receipt(request, pk):
    """A receipt, streamed from private storage with the type found when it was uploaded.
    Never a public URL: only the payer's approvers get here, and the read is logged."""
    line = get_object_or_404(
        ClaimLine.objects.filter(claim__in=_claims(request))
        .exclude(receipt="")
        .select_related("claim__volunteer"),
        pk=pk,
    )
    try:
        handle = line.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    _log_read(request, line.claim, "expense receipt")
    response = FileResponse(
        handle,
        content_type=line.receipt_type or "application/octet-stream",
        # A download, not a page of ours: an uploaded PDF never runs in the portal's origin.
        as_attachment=True,
        filename=line.receipt_name or f"kvittering-{line.pk}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@organisation_view(APPROVE_EXPENSES)
def claim_statement(request, pk):
    claim = _claim(request, pk)
    statement = statements.for_claim(claim)
    _log_read(request, claim, "expense statement")
    pdf = statements.pdf_bytes(statement, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statements.filename(statement)}"'
    response["Cache-Control"] = "private, no-store"
    return response


# Bookkeeping --------------------------------------------------------------------------------


@organisation_view(APPROVE_EXPENSES)
def claim_export(request):
    chosen = request.GET.get("format")
    if chosen not in (ExportForm.CSV, ExportForm.XLSX):
        chosen = None
    form = ExportForm(request.GET if chosen else None, initial=ExportForm.defaults())
    if chosen and form.is_valid():
        data = form.cleaned_data
        rows = exports.rows(
            exports.lines(
                organisation=request.organisation,
                date_from=data["date_from"],
                date_to=data["date_to"],
                include_paid=data["include_paid"],
            )
        )
        user_model = get_user_model()
        record_personal_data_reads(
            staff=request.user,
            volunteers=[user_model(pk=pk) for pk in {r.volunteer_id for r in rows} if pk],
            organisation=request.organisation,
            what="expense export",
        )
        name = f"udgifter-{request.organisation.slug}-{data['date_from']}-{data['date_to']}"
        if chosen == ExportForm.CSV:
            response = HttpResponse(exports.csv_bytes(rows), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                exports.xlsx_bytes(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{chosen}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render_page(
        request,
        "backoffice/expenses/export.html",
        {"form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )


@organisation_view(APPROVE_EXPENSES)
def expense_policy(request):
    organisation = request.organisation
    payer = payer_for(organisation)
    policy = PayerPolicy.objects.filter(organisation=organisation).first()
    form = PolicyForm(
        request.POST if request.method == "POST" else None,
        instance=policy or PayerPolicy(organisation=organisation),
        is_association=payer.is_association,
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_policy(organisation=organisation, by=request.user, **form.cleaned_data)
        except services.ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The expense policy is saved."))
            return redirect("backoffice:expense_policy", organisation.slug)
    return render_page(
        request,
        "backoffice/expenses/policy.html",
        {"form": form, "explanation": payer.explanation(), "is_association": payer.is_association},
        section=SECTION,
        status=400 if form.errors else 200,
    )
