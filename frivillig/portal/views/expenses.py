"""The volunteer's expense claims on "Min side": list, start, fill in, submit, delete a draft,
and download their own receipts.

A volunteer is unpaid; only expenses are covered, and what a payer may cover depends on the
payer (expenses.policy). The claim page therefore explains the payer's rules in words and
offers only the kinds of expense that payer can pay.

A claim, its lines and its receipts are shown only to the claim's own volunteer; anyone else,
the organisation's staff included (they have the back office), gets a 404.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frivillig.expenses import money, rates, services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind, Vehicle
from frivillig.expenses.policy import LIMIT_FIELDS, payer_for
from frivillig.portal.expense_forms import (
    AMOUNT_LIMITS,
    AllowanceForm,
    MealForm,
    MileageForm,
    NewClaimForm,
    OutlayForm,
)

# The add-forms on the claim page: each has its own prefix (so their fields' ids differ) and
# its own anchor, which the form's action carries so that an answer with errors opens there.
PREFIXES = {"mileage": "mileage", "outlay": "outlay", "allowance": "allowance", "meal": "meal"}


def get_claim_for_user(user, pk: int) -> Claim:
    """The user's own claim, or a 404 for anyone else's."""
    return get_object_or_404(
        Claim.objects.select_related("organisation", "engagement__opportunity").filter(
            volunteer=user
        ),
        pk=pk,
    )


def get_line_for_user(user, claim_pk: int, line_pk: int) -> ClaimLine:
    return get_object_or_404(
        ClaimLine.objects.select_related("claim__organisation").filter(
            claim__volunteer=user, claim_id=claim_pk
        ),
        pk=line_pk,
    )


# --- The list --------------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def my_claims(request):
    claims = (
        Claim.objects.filter(volunteer=request.user)
        .select_related("organisation")
        .annotate(sum_amount=Sum("lines__amount"), line_count=Count("lines"))
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "portal/expenses/list.html",
        {"claims": claims, "nav": "my_page"},
    )


# --- Starting a claim ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def new_claim(request):
    payers = services.payers_for(request.user).order_by("name")
    form = NewClaimForm(
        data=request.POST if request.method == "POST" else None,
        volunteer=request.user,
        payers=payers,
    )
    if form.is_bound and form.is_valid():
        try:
            claim = services.start_claim(
                volunteer=request.user,
                organisation=form.cleaned_data["organisation"],
                engagement=form.cleaned_data["engagement"],
                year=form.cleaned_data["year"],
            )
        except services.ClaimError as error:
            form.add_error("engagement" if form.cleaned_data["engagement"] else None, str(error))
        else:
            messages.success(
                request,
                _("Your claim to %(organisation)s has been started. Add your expenses below.")
                % {"organisation": claim.organisation.name},
            )
            return redirect("portal:my_claim", pk=claim.pk)
    choices = list(payers)
    if len(choices) == 1 and not form.is_bound:
        form.initial["organisation"] = choices[0].pk
    return render(
        request,
        "portal/expenses/new.html",
        {"form": form, "has_payers": bool(choices), "nav": "my_page"},
        status=400 if form.is_bound else 200,
    )


# --- The claim page --------------------------------------------------------------------------


@dataclass(frozen=True)
class RateHints:
    """The year's figures, for the hints next to the forms; None where not recorded."""

    car: tuple[Decimal, Decimal] | None
    bicycle: tuple[Decimal, Decimal] | None
    meal_per_day: Decimal | None
    limits: list[tuple[str, Decimal | None]]


def _rate_hints(payer, claim) -> RateHints:
    year_rates = rates.for_year(claim.year)
    return RateHints(
        car=payer.mileage_rates(year_rates, Vehicle.CAR),
        bicycle=payer.mileage_rates(year_rates, Vehicle.BICYCLE),
        meal_per_day=getattr(year_rates, "meal_allowance_per_day", None),
        limits=[
            (LineKind(kind).label, getattr(year_rates, field, None))
            for kind, field in LIMIT_FIELDS.items()
        ],
    )


def _claim_page(request, claim, *, bound=None, status=200):
    """The claim, with the add-forms its payer allows; `bound` is the one form that came back
    with errors (its name and the form), shown where it was filled in."""
    payer = payer_for(claim.organisation)
    allowed = payer.allowed_kinds()
    lines = list(claim.lines.all())
    editable = claim.status == ClaimStatus.DRAFT
    forms = {}
    if editable:
        amount_kinds = [k for k in allowed if k in AMOUNT_LIMITS]
        if LineKind.MILEAGE in allowed:
            forms["mileage"] = MileageForm(claim=claim, prefix=PREFIXES["mileage"])
        if LineKind.OUTLAY in allowed:
            forms["outlay"] = OutlayForm(claim=claim, prefix=PREFIXES["outlay"])
        if amount_kinds:
            forms["allowance"] = AllowanceForm(
                claim=claim, kinds=amount_kinds, prefix=PREFIXES["allowance"]
            )
        if LineKind.MEAL in allowed:
            forms["meal"] = MealForm(claim=claim, prefix=PREFIXES["meal"])
        if bound is not None:
            forms[bound[0]] = bound[1]
    return render(
        request,
        "portal/expenses/detail.html",
        {
            "claim": claim,
            "lines": lines,
            "total": money.kr(sum((line.amount for line in lines), Decimal(0))),
            "explanation": payer.explanation(),
            "editable": editable,
            "mileage_form": forms.get("mileage"),
            "outlay_form": forms.get("outlay"),
            "allowance_form": forms.get("allowance"),
            "meal_form": forms.get("meal"),
            "hints": _rate_hints(payer, claim) if editable else None,
            "nav": "my_page",
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def my_claim(request, pk):
    return _claim_page(request, get_claim_for_user(request.user, pk))


def _amount_kinds(claim) -> list[str]:
    return [k for k in payer_for(claim.organisation).allowed_kinds() if k in AMOUNT_LIMITS]


def _add(request, pk, name, form_class, add, form_kwargs=None):
    """One add-form's round: parse, call the service, and show ClaimError next to the form
    with what was typed kept."""
    claim = get_claim_for_user(request.user, pk)
    if claim.status != ClaimStatus.DRAFT:
        # A second tab or the back button: the page now shows the claim read-only.
        messages.info(request, _("This claim has been submitted and can no longer change."))
        return redirect("portal:my_claim", pk=claim.pk)
    form = form_class(
        data=request.POST,
        files=request.FILES,
        claim=claim,
        prefix=PREFIXES[name],
        **(form_kwargs(claim) if form_kwargs else {}),
    )
    if form.is_valid():
        try:
            add(claim, form.cleaned_data)
        except services.ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The expense has been added to your claim."))
            return redirect(reverse("portal:my_claim", args=[claim.pk]) + "#lines-heading")
    if "receipt" in form.fields and request.FILES and not form.has_error("receipt"):
        # A browser never fills a file input in again, so say it rather than let it look kept.
        form.add_error("receipt", _("Choose the file again."))
    return _claim_page(request, claim, bound=(name, form), status=400)


@login_required
@require_POST
def add_mileage(request, pk):
    def add(claim, data):
        services.add_mileage(claim=claim, volunteer=request.user, **data)

    return _add(request, pk, "mileage", MileageForm, add)


@login_required
@require_POST
def add_outlay(request, pk):
    def add(claim, data):
        services.add_outlay(claim=claim, volunteer=request.user, **data)

    return _add(request, pk, "outlay", OutlayForm, add)


@login_required
@require_POST
def add_allowance(request, pk):
    def add(claim, data):
        services.add_allowance(claim=claim, volunteer=request.user, **data)

    return _add(
        request,
        pk,
        "allowance",
        AllowanceForm,
        add,
        form_kwargs=lambda claim: {"kinds": _amount_kinds(claim)},
    )


@login_required
@require_POST
def add_meal(request, pk):
    def add(claim, data):
        services.add_allowance(claim=claim, volunteer=request.user, kind=LineKind.MEAL, **data)

    return _add(request, pk, "meal", MealForm, add)


@login_required
@require_POST
def remove_line(request, pk, line_pk):
    line = get_line_for_user(request.user, pk, line_pk)
    try:
        services.remove_line(line=line, volunteer=request.user)
    except services.ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The expense has been removed from your claim."))
    return redirect(reverse("portal:my_claim", args=[pk]) + "#lines-heading")


# --- Submitting and deleting -----------------------------------------------------------------


def _confirm(request, claim, *, template):
    if claim.status != ClaimStatus.DRAFT:
        messages.info(request, _("This claim has been submitted and can no longer change."))
        return redirect("portal:my_claim", pk=claim.pk)
    return render(
        request,
        template,
        {"claim": claim, "total": services.total(claim), "nav": "my_page"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit_claim(request, pk):
    claim = get_claim_for_user(request.user, pk)
    if request.method == "GET":
        return _confirm(request, claim, template="portal/expenses/submit.html")
    try:
        services.submit(claim=claim, volunteer=request.user)
    except services.ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Your claim has been sent to %(organisation)s. We will tell you by e-mail when "
                "it has been decided."
            )
            % {"organisation": claim.organisation.name},
        )
    return redirect("portal:my_claim", pk=claim.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete_claim(request, pk):
    claim = get_claim_for_user(request.user, pk)
    if request.method == "GET":
        return _confirm(request, claim, template="portal/expenses/delete.html")
    try:
        services.delete_draft(claim=claim, volunteer=request.user)
    except services.ClaimError as error:
        messages.error(request, str(error))
        return redirect("portal:my_claim", pk=claim.pk)
    messages.success(request, _("The draft claim has been deleted."))
    return redirect("portal:my_claims")


# --- Receipts --------------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def receipt(request, pk, line_pk):
    line = get_line_for_user(request.user, pk, line_pk)
    if not line.receipt:
        raise Http404
    try:
        handle = line.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Streamed as an attachment with the type found from the file's first bytes when it was
    # uploaded, never the browser's claim, so that an uploaded file cannot run as a page here.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=line.receipt_name or "receipt",
        content_type=line.receipt_type or "application/octet-stream",
    )
