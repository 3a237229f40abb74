"""Local cooperation agreements ("samarbejdsaftaler") between a municipal unit and a partner:
the list, a draft, sending, each party's signature, a new version, ending, and the PDF.

Both parties' staff see an agreement from their own back office; to anyone else it does not
exist (404)."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from frivillig.agreements import services as agreements
from frivillig.agreements.models import CooperationAgreement, CooperationStatus
from frivillig.agreements.pdf import render_pdf
from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.cooperation_forms import (
    CooperationForm,
    NewCooperationForm,
    PartnerSearchForm,
    SignForm,
)
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.organisations.permissions import MANAGE_AGREEMENTS

SECTION = "cooperation"

# Those waiting for someone first, then drafts, the active ones, and the past at the end.
_STATUS_ORDER = [
    CooperationStatus.AWAITING_SIGNATURES,
    CooperationStatus.DRAFT,
    CooperationStatus.ACTIVE,
    CooperationStatus.ENDED,
    CooperationStatus.SUPERSEDED,
]


def _scoped(request):
    return CooperationAgreement.objects.filter(
        Q(municipal_unit__in=request.scope) | Q(partner__in=request.scope)
    ).select_related("municipal_unit", "partner")


def _get(request, pk) -> CooperationAgreement:
    return get_object_or_404(_scoped(request), pk=pk)


def _render(request, template, context=None, *, status=200):
    return render_page(
        request,
        template,
        {"can_manage": request.can(MANAGE_AGREEMENTS), **(context or {})},
        section=SECTION,
        status=status,
    )


def _to_detail(request, agreement):
    return redirect("backoffice:cooperation_detail", request.organisation.slug, agreement.pk)


def _unsigned_parties(request, agreement) -> list:
    """The parties the current back office may sign for and that have not signed yet."""
    in_scope = set(
        request.scope.filter(
            pk__in=[agreement.municipal_unit_id, agreement.partner_id]
        ).values_list("pk", flat=True)
    )
    parties = []
    if agreement.municipal_unit_id in in_scope and not agreement.unit_signed_at:
        parties.append(agreement.municipal_unit)
    if agreement.partner_id in in_scope and not agreement.partner_signed_at:
        parties.append(agreement.partner)
    return parties


@organisation_view()
def cooperation_list(request):
    rows = _scoped(request).order_by(
        Case(
            *(When(status=s, then=Value(i)) for i, s in enumerate(_STATUS_ORDER)),
            output_field=IntegerField(),
        ),
        "review_on",
        "-pk",
    )
    status = request.GET.get("status", "")
    if status in CooperationStatus.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    return _render(
        request,
        "backoffice/cooperation/list.html",
        {
            "page": paginate(request, rows),
            "statuses": CooperationStatus.choices,
            "chosen_status": status,
            "may_start": request.organisation.is_municipal,
        },
    )


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_create(request):
    unit = request.organisation
    if not unit.is_municipal:
        return _render(request, "backoffice/cooperation/not_municipal.html")
    search = PartnerSearchForm(request.GET or None)
    term = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if request.method == "POST":
        form = NewCooperationForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                agreement = agreements.draft_cooperation(
                    municipal_unit=unit,
                    partner=form.cleaned_data["partner"],
                    by=request.user,
                    **form.service_fields(),
                )
            except agreements.AgreementError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The agreement is saved as a draft. Send it for signing when it is ready."),
                )
                return _to_detail(request, agreement)
    else:
        form = NewCooperationForm(
            unit=unit,
            search=term,
            initial={"unit_contact": request.user.get_full_name() or request.user.email},
        )
    return _render(
        request,
        "backoffice/cooperation/form.html",
        {
            "form": form,
            "search": search,
            "is_new": True,
            "agreement": None,
            "no_partner_found": bool(term) and not form.fields["partner"].queryset.exists(),
        },
        status=400 if form.errors else 200,
    )


@organisation_view()
def cooperation_detail(request, pk):
    agreement = _get(request, pk)
    versions = list(
        CooperationAgreement.objects.filter(
            municipal_unit_id=agreement.municipal_unit_id, partner_id=agreement.partner_id
        )
        .exclude(pk=agreement.pk)
        .order_by("-version")
        .only("pk", "version", "status", "title")
    )
    newer = next((v for v in versions if v.version > agreement.version), None)
    return _render(
        request,
        "backoffice/cooperation/detail.html",
        {
            "agreement": agreement,
            "is_draft": agreement.status == CooperationStatus.DRAFT,
            "may_sign": agreement.status == CooperationStatus.AWAITING_SIGNATURES
            and bool(_unsigned_parties(request, agreement)),
            "may_renew": agreement.status
            in (CooperationStatus.ACTIVE, CooperationStatus.AWAITING_SIGNATURES)
            and not any(v.version > agreement.version for v in versions),
            "may_end": agreement.status
            not in (CooperationStatus.ENDED, CooperationStatus.SUPERSEDED),
            "versions": versions,
            "newer": newer,
            "paragraphs": agreement.rendered_text.split("\n\n") if agreement.rendered_text else [],
        },
    )


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_edit(request, pk):
    agreement = _get(request, pk)
    if agreement.status != CooperationStatus.DRAFT:
        messages.info(
            request,
            _("This agreement has been sent and can no longer change. Make a new version instead."),
        )
        return _to_detail(request, agreement)
    if request.method == "POST":
        form = CooperationForm(request.POST, instance=agreement)
        if form.is_valid():
            try:
                agreements.update_cooperation(agreement=agreement, **form.service_fields())
            except agreements.AgreementError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Your changes are saved."))
                return _to_detail(request, agreement)
    else:
        form = CooperationForm(instance=agreement)
    return _render(
        request,
        "backoffice/cooperation/form.html",
        {
            "form": form,
            "search": None,
            "is_new": False,
            "agreement": agreement,
            "no_partner_found": False,
        },
        status=400 if form.errors else 200,
    )


def _confirm_step(request, pk, *, template, step, success, possible):
    """A step that cannot be undone: a page that asks (GET), then the service (POST). The
    service has the last word; `possible` only spares a question that cannot be answered."""
    agreement = _get(request, pk)
    if request.method != "POST" and not possible(agreement):
        messages.info(request, _("That step is not possible for this agreement now."))
        return _to_detail(request, agreement)
    if request.method == "POST":
        try:
            result = step(agreement)
        except agreements.AgreementError as error:
            messages.error(request, str(error))
            return _to_detail(request, agreement)
        messages.success(request, success)
        return _to_detail(request, result)
    return _render(request, template, {"agreement": agreement})


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_send(request, pk):
    return _confirm_step(
        request,
        pk,
        template="backoffice/cooperation/send.html",
        step=lambda agreement: agreements.send_cooperation(agreement=agreement, by=request.user),
        success=_("The agreement is sent. Both parties' staff are asked to sign it."),
        possible=lambda agreement: agreement.status == CooperationStatus.DRAFT,
    )


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_sign(request, pk):
    agreement = _get(request, pk)
    if agreement.status != CooperationStatus.AWAITING_SIGNATURES:
        messages.error(request, _("This agreement is not waiting for signatures."))
        return _to_detail(request, agreement)
    parties = _unsigned_parties(request, agreement)
    if not parties:
        messages.info(request, _("Your side has already signed."))
        return _to_detail(request, agreement)
    form = SignForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        party = next(p for p in parties if p.pk == form.cleaned_data["party"])
        try:
            agreements.sign_cooperation(
                agreement=agreement,
                party=party,
                by=request.user,
                ip=request.META.get("REMOTE_ADDR") or None,
            )
        except agreements.AgreementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You have signed for %(party)s.") % {"party": party.name})
        return _to_detail(request, agreement)
    return _render(
        request,
        "backoffice/cooperation/sign.html",
        {"agreement": agreement, "form": form, "parties": parties},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_new_version(request, pk):
    agreement = _get(request, pk)
    if request.method == "POST":
        try:
            copy = agreements.new_cooperation_version(agreement=agreement, by=request.user)
        except agreements.AgreementError as error:
            messages.error(request, str(error))
            return _to_detail(request, agreement)
        messages.success(
            request,
            _("A new version is made as a draft. Change it, then send it for signing."),
        )
        return redirect("backoffice:cooperation_edit", request.organisation.slug, copy.pk)
    if agreement.status not in (CooperationStatus.ACTIVE, CooperationStatus.AWAITING_SIGNATURES):
        messages.info(request, _("That step is not possible for this agreement now."))
        return _to_detail(request, agreement)
    return _render(request, "backoffice/cooperation/new_version.html", {"agreement": agreement})


@organisation_view(MANAGE_AGREEMENTS)
def cooperation_end(request, pk):
    return _confirm_step(
        request,
        pk,
        template="backoffice/cooperation/end.html",
        step=lambda agreement: agreements.end_cooperation(agreement=agreement, by=request.user),
        success=_("The agreement has ended."),
        possible=lambda agreement: (
            agreement.status not in (CooperationStatus.ENDED, CooperationStatus.SUPERSEDED)
        ),
    )


@organisation_view()
def cooperation_pdf(request, pk):
    agreement = get_object_or_404(_scoped(request).select_related("framework"), pk=pk)
    if not agreement.rendered_text:
        # A draft has no fixed text yet; what could be printed might still change.
        raise Http404
    response = HttpResponse(render_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="samarbejdsaftale-{agreement.code}-v{agreement.version}.pdf"'
    )
    return response
