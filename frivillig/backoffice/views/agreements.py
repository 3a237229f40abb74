"""Individual agreements: the lists (by status, waiting for a signature, engagements without
a signed agreement), making a draft from a template, editing it with a preview, sending,
countersigning, a new version, ending, the PDF; and the organisation's own templates.

Every step that changes an agreement asks first (GET) and acts on the POST; the rules (what
may change when, who may sign) are in agreements.services, whose AgreementError becomes a
message."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import VolunteerProfile
from frivillig.agreements import queries, services
from frivillig.agreements.models import AgreementStatus, AgreementTemplate, IndividualAgreement
from frivillig.agreements.pdf import render_pdf
from frivillig.backoffice.access import get_in_scope, log_personal_data_read, organisation_view
from frivillig.backoffice.agreement_forms import (
    AgreementDraftForm,
    AgreementListForm,
    AgreementTemplateForm,
    StartAgreementForm,
)
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.organisations.permissions import MANAGE_AGREEMENTS

SECTION = "agreements"
# What the personal data log says was read (see views/read_log.py).
READ_WHAT = "agreement"
# The buttons of the draft form and of its preview: nothing is saved until SAVE.
PREVIEW, EDIT_MORE, SAVE = "preview", "edit", "save"


def _page(request, template, context=None, *, status=200):
    return render_page(
        request,
        template,
        {"can_manage": request.can(MANAGE_AGREEMENTS), **(context or {})},
        section=SECTION,
        status=status,
    )


def _get(request, pk):
    return get_in_scope(
        request,
        IndividualAgreement.objects.select_related(
            "volunteer", "organisation", "engagement__opportunity", "framework"
        ),
        pk=pk,
    )


def _to_detail(request, agreement):
    return redirect("backoffice:agreement_detail", request.organisation.slug, agreement.pk)


def _ip(request):
    return request.META.get("REMOTE_ADDR") or None


# ---------------------------------------------------------------------------------------------
# Lists


@organisation_view()
def agreement_list(request):
    form = AgreementListForm(request.GET or None)
    # A wrong value in one filter is shown with its message; the others still apply.
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    tab = data.get("tab") or AgreementListForm.STATUS
    days = data.get("days") or queries.UNSIGNED_AFTER_DAYS
    context = {
        "form": form,
        "tab": tab,
        "days": days,
        "several_organisations": request.scope.count() > 1,
    }
    if tab == AgreementListForm.UNCOVERED:
        rows, total = queries.coverage(request.scope)
        for row in rows:
            # Shows the tree without indentation styles; screen readers skip it.
            row.prefix = "– " * row.depth
        context.update(
            page=paginate(request, queries.engagements_without_signed_agreement(request.scope)),
            coverage=rows,
            coverage_total=total,
        )
    elif tab == AgreementListForm.UNSIGNED:
        page = paginate(request, queries.unsigned_after(request.scope, days))
        today = timezone.localdate()
        for agreement in page.object_list:
            agreement.days_waiting = (today - timezone.localdate(agreement.sent_at)).days
        context["page"] = page
    else:
        context["page"] = paginate(
            request, queries.agreements_by_status(request.scope, data.get("status", ""))
        )
    return _page(request, "backoffice/agreements/list.html", context)


# ---------------------------------------------------------------------------------------------
# One agreement


@organisation_view()
def agreement_detail(request, pk):
    agreement = _get(request, pk)
    log_personal_data_read(request, agreement.volunteer, READ_WHAT)
    newer = IndividualAgreement.objects.filter(previous=agreement).only("pk", "version").first()
    return _page(
        request,
        "backoffice/agreements/detail.html",
        {
            "agreement": agreement,
            # A draft shows the text as it would be sent; a sent one the text as frozen.
            "text": agreement.rendered_text or services.render_text(agreement),
            "newer": newer,
        },
    )


def _volunteer_language(volunteer) -> str:
    language = (
        VolunteerProfile.objects.filter(user=volunteer).values_list("language", flat=True).first()
    )
    return language or "da"


@organisation_view(MANAGE_AGREEMENTS)
def agreement_create(request, pk):
    """A draft for one engagement (pk is the engagement's), from a template."""
    engagement = get_in_scope(
        request,
        Engagement.objects.select_related("volunteer", "opportunity", "organisation"),
        pk=pk,
    )
    if engagement.status == EngagementStatus.ENDED:
        messages.info(request, _("This engagement has ended, so it needs no agreement."))
        return redirect("backoffice:engagement_detail", request.organisation.slug, engagement.pk)
    existing = queries.open_agreement_for(engagement)
    if existing is not None:
        messages.info(
            request,
            _(
                "This engagement already has an agreement. To change a sent or signed "
                "agreement, make a new version of it."
            ),
        )
        return _to_detail(request, existing)
    templates = services.templates_for(engagement.organisation)
    if request.method == "POST":
        form = StartAgreementForm(request.POST, templates=templates)
        if form.is_valid():
            try:
                agreement = services.draft_from_template(
                    organisation=engagement.organisation,
                    volunteer=engagement.volunteer,
                    template=form.cleaned_data["template"],
                    by=request.user,
                    engagement=engagement,
                )
            except services.AgreementError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "The draft is made. Check every part and fill in what is missing, then "
                        "send it for signing."
                    ),
                )
                return redirect(
                    "backoffice:agreement_edit", request.organisation.slug, agreement.pk
                )
    else:
        default = services.default_template(_volunteer_language(engagement.volunteer))
        form = StartAgreementForm(
            initial={"template": default.pk if default else None}, templates=templates
        )
    return _page(
        request,
        "backoffice/agreements/create.html",
        {"engagement": engagement, "form": form},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_AGREEMENTS)
def agreement_edit(request, pk):
    """The draft form, its preview (the exact text to be signed) and the save. The preview
    carries every value in hidden fields, so "Edit more" returns to the form as it was."""
    agreement = _get(request, pk)
    if agreement.status != AgreementStatus.DRAFT:
        messages.info(
            request,
            _(
                "This agreement has been sent for signing and can no longer change. Make a new "
                "version instead."
            ),
        )
        return _to_detail(request, agreement)
    template = "backoffice/agreements/form.html"
    if request.method != "POST":
        form = AgreementDraftForm(instance=agreement)
        return _page(request, template, {"form": form, "agreement": agreement})

    form = AgreementDraftForm(request.POST, instance=agreement)
    step = request.POST.get("step", PREVIEW)
    if step == EDIT_MORE or not form.is_valid():
        return _page(
            request,
            template,
            {"form": form, "agreement": agreement},
            status=200 if step == EDIT_MORE or not form.errors else 400,
        )
    if step != SAVE:
        return _page(
            request,
            "backoffice/agreements/preview.html",
            {"form": form, "agreement": agreement, "text": services.render_text(form.instance)},
        )
    try:
        services.update_draft(agreement=agreement, **form.service_fields())
    except services.AgreementError as error:
        messages.error(request, str(error))
        return _page(request, template, {"form": form, "agreement": agreement}, status=400)
    messages.success(request, _("The draft is saved."))
    return _to_detail(request, agreement)


def _step(request, pk, *, step, act, done, then=None):
    """Ask first, act on the POST: the shared shape of send, countersign, new version, end."""
    agreement = _get(request, pk)
    if request.method == "POST":
        try:
            result = act(agreement)
        except services.AgreementError as error:
            messages.error(request, str(error))
            return _to_detail(request, agreement)
        messages.success(request, done)
        return then(result) if then else _to_detail(request, result)
    context = {"agreement": agreement, "step": step, "text": ""}
    if step == "send":
        context["text"] = services.render_text(agreement)
    elif step == "countersign":
        context["text"] = agreement.rendered_text
    return _page(request, "backoffice/agreements/confirm.html", context)


@organisation_view(MANAGE_AGREEMENTS)
def agreement_send(request, pk):
    return _step(
        request,
        pk,
        step="send",
        act=lambda a: services.send_for_signing(agreement=a, by=request.user),
        done=_("The agreement is sent. The volunteer gets an e-mail asking them to sign it."),
    )


@organisation_view(MANAGE_AGREEMENTS)
def agreement_countersign(request, pk):
    return _step(
        request,
        pk,
        step="countersign",
        act=lambda a: services.countersign(agreement=a, by=request.user, ip=_ip(request)),
        done=_("The agreement is signed by both parties."),
    )


@organisation_view(MANAGE_AGREEMENTS)
def agreement_new_version(request, pk):
    return _step(
        request,
        pk,
        step="new_version",
        act=lambda a: services.new_version(agreement=a, by=request.user),
        done=_(
            "A new version is made as a draft. Change it and send it; the current version holds "
            "until the new one is signed."
        ),
        then=lambda new: redirect("backoffice:agreement_edit", request.organisation.slug, new.pk),
    )


@organisation_view(MANAGE_AGREEMENTS)
def agreement_end(request, pk):
    return _step(
        request,
        pk,
        step="end",
        act=lambda a: services.end(agreement=a, by=request.user),
        done=_("The agreement has ended."),
    )


@organisation_view()
def agreement_pdf(request, pk):
    agreement = _get(request, pk)
    if not agreement.sha256:
        messages.info(request, _("A draft has no PDF yet: it is made when the draft is sent."))
        return _to_detail(request, agreement)
    log_personal_data_read(request, agreement.volunteer, READ_WHAT)
    response = HttpResponse(render_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="agreement-{agreement.code}-v{agreement.version}.pdf"'
    )
    return response


# ---------------------------------------------------------------------------------------------
# The organisation's own templates


def _own_templates(request):
    # Only templates of organisations in scope: the municipality's defaults (no organisation)
    # are read-only here, so they can never be reached by id.
    return AgreementTemplate.objects.filter(organisation__in=request.scope).select_related(
        "organisation"
    )


@organisation_view()
def template_list(request):
    return _page(
        request,
        "backoffice/agreements/templates.html",
        {
            "own": _own_templates(request).order_by("name", "pk"),
            "defaults": AgreementTemplate.objects.filter(organisation__isnull=True).order_by(
                "language", "name"
            ),
            "several_organisations": request.scope.count() > 1,
        },
    )


def _template_form_page(request, form, *, template=None, status=200):
    return _page(
        request,
        "backoffice/agreements/template_form.html",
        {"form": form, "agreement_template": template},
        status=status,
    )


@organisation_view(MANAGE_AGREEMENTS)
def template_create(request):
    if request.method == "POST":
        form = AgreementTemplateForm(request.POST)
        if not form.is_valid():
            return _template_form_page(request, form, status=400)
        try:
            services.create_template(organisation=request.organisation, **form.service_fields())
        except services.AgreementError as error:
            messages.error(request, str(error))
            return _template_form_page(request, form, status=400)
        messages.success(request, _("The template is saved."))
        return redirect("backoffice:agreement_template_list", request.organisation.slug)
    language = "en" if request.GET.get("language") == "en" else "da"
    default = services.default_template(language)
    initial = {}
    if default is not None:
        initial = {name: getattr(default, name) for name in services.TEMPLATE_FIELDS}
        initial["name"] = _("%(organisation)s: %(name)s") % {
            "organisation": request.organisation.name,
            "name": default.name,
        }
    return _template_form_page(request, AgreementTemplateForm(initial=initial))


@organisation_view(MANAGE_AGREEMENTS)
def template_edit(request, pk):
    template = get_in_scope(request, AgreementTemplate.objects.all(), pk=pk)
    if request.method != "POST":
        return _template_form_page(
            request, AgreementTemplateForm(instance=template), template=template
        )
    form = AgreementTemplateForm(request.POST, instance=template)
    if not form.is_valid():
        return _template_form_page(request, form, template=template, status=400)
    try:
        services.update_template(template=template, **form.service_fields())
    except services.AgreementError as error:
        messages.error(request, str(error))
        return _template_form_page(request, form, template=template, status=400)
    messages.success(request, _("Your changes are saved."))
    return redirect("backoffice:agreement_template_list", request.organisation.slug)


@organisation_view(MANAGE_AGREEMENTS)
def template_delete(request, pk):
    template = get_in_scope(request, AgreementTemplate.objects.all(), pk=pk)
    if request.method == "POST":
        try:
            services.delete_template(template=template)
        except services.AgreementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The template is deleted."))
        return redirect("backoffice:agreement_template_list", request.organisation.slug)
    return _page(
        request, "backoffice/agreements/template_delete.html", {"agreement_template": template}
    )
