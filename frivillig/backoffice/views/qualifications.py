"""Qualifications in the back office: the organisation's types and recheck policies, a
volunteer's checks (from their engagement or application), and the rechecks coming up.

Only facts and dates are kept: never a document, its content or a CPR number."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frivillig.backoffice.access import get_in_scope, log_personal_data_read, organisation_view
from frivillig.backoffice.qualification_forms import (
    RECORD_HELP,
    PolicyForm,
    QualificationTypeForm,
    RecordForm,
)
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.engagements import qualifications
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    QualificationKind,
    QualificationPolicy,
    QualificationRecord,
    QualificationStatus,
    QualificationType,
)
from frivillig.organisations.permissions import MANAGE_AGREEMENTS, MANAGE_APPLICATIONS

SECTION = "qualifications"
DUE_WITHIN_DAYS = 60


def _render(request, template, context=None, *, section=SECTION, status=200):
    return render_page(
        request,
        template,
        {
            "can_manage_types": request.can(MANAGE_AGREEMENTS),
            "can_record": request.can(MANAGE_APPLICATIONS),
            **(context or {}),
        },
        section=section,
        status=status,
    )


def _months_by_type(organisation, types) -> dict[int, int | None]:
    """How long a check of each type holds in `organisation`: the nearest policy above or at
    it, else the type's default. One query, whatever the number of types."""
    nearest = {}
    policies = QualificationPolicy.objects.filter(
        organisation__in=organisation.ancestor_ids()
    ).order_by("organisation__path")
    for policy in policies:  # the deepest organisation comes last and wins
        nearest[policy.qualification_type_id] = policy.valid_months
    return {t.pk: nearest.get(t.pk, t.valid_months) for t in types}


# ---------------------------------------------------------------------------------------------
# Types and policies


@organisation_view()
def qualification_overview(request):
    organisation = request.organisation
    types = list(qualifications.types_for(organisation).select_related("organisation"))
    months = _months_by_type(organisation, types)
    for item in types:
        item.months_here = months[item.pk]
        item.is_own = item.organisation_id == organisation.pk
    policies = list(
        QualificationPolicy.objects.filter(organisation__in=organisation.ancestor_ids())
        .select_related("organisation", "qualification_type")
        .order_by("qualification_type__name", "organisation__path")
    )
    for policy in policies:
        policy.is_own = policy.organisation_id == organisation.pk
    return _render(
        request,
        "backoffice/qualifications/overview.html",
        {"types": types, "policies": policies},
    )


def _type_form_page(request, form, *, qualification_type):
    return _render(
        request,
        "backoffice/qualifications/type_form.html",
        {"form": form, "qualification_type": qualification_type},
        status=400 if form.errors else 200,
    )


def _to_overview(request):
    return redirect("backoffice:qualification_overview", request.organisation.slug)


@organisation_view(MANAGE_AGREEMENTS)
def qualification_type_create(request):
    form = QualificationTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            qualifications.add_type(organisation=request.organisation, **form.cleaned_data)
        except qualifications.QualificationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("The qualification is added."))
            return _to_overview(request)
    return _type_form_page(request, form, qualification_type=None)


@organisation_view(MANAGE_AGREEMENTS)
def qualification_type_edit(request, pk):
    # Only the organisation's own types (and those of organisations below it) can change.
    item = get_in_scope(request, QualificationType.objects.all(), pk=pk)
    initial = {
        "name": item.name,
        "description": item.description,
        "valid_months": item.valid_months,
    }
    form = QualificationTypeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            qualifications.update_type(qualification_type=item, **form.cleaned_data)
        except qualifications.QualificationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return _to_overview(request)
    return _type_form_page(request, form, qualification_type=item)


@organisation_view(MANAGE_AGREEMENTS)
def qualification_policy_create(request):
    types = qualifications.types_for(request.organisation)
    if request.method == "POST":
        form = PolicyForm(request.POST, types=types)
        if form.is_valid():
            try:
                qualifications.set_policy(organisation=request.organisation, **form.cleaned_data)
            except qualifications.QualificationError as error:
                form.add_error("valid_months", str(error))
            else:
                messages.success(
                    request,
                    _("The recheck rule is saved. It applies to checks recorded from now on."),
                )
                return _to_overview(request)
    else:
        form = PolicyForm(types=types, initial={"qualification_type": request.GET.get("type")})
    return _render(
        request,
        "backoffice/qualifications/policy_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_AGREEMENTS)
def qualification_policy_remove(request, pk):
    policy = get_in_scope(
        request, QualificationPolicy.objects.select_related("qualification_type"), pk=pk
    )
    if request.method == "POST":
        qualifications.remove_policy(policy=policy)
        messages.success(request, _("The recheck rule is removed."))
        return _to_overview(request)
    return _render(request, "backoffice/qualifications/policy_remove.html", {"policy": policy})


# ---------------------------------------------------------------------------------------------
# Rechecks coming up


@organisation_view()
def qualification_rechecks(request):
    today = timezone.localdate()
    records = (
        QualificationRecord.objects.filter(
            organisation__in=request.scope,
            status=QualificationStatus.APPROVED,
            recheck_on__lte=today + timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("volunteer", "qualification_type", "organisation")
        .order_by("recheck_on", "pk")
    )
    page = paginate(request, records)
    for item in page.object_list:
        item.is_expired = item.recheck_on < today
    return _render(
        request,
        "backoffice/qualifications/rechecks.html",
        {
            "page": page,
            "days": DUE_WITHIN_DAYS,
            "several_organisations": request.scope.count() > 1,
        },
    )


# ---------------------------------------------------------------------------------------------
# One volunteer's checks


def requirement_gap(application) -> dict | None:
    """For the application page: what the opportunity requires that the applicant lacks,
    explained for staff, or None."""
    if application.status != ApplicationStatus.PENDING:
        return None
    types = qualifications.required_types(opportunity=application.opportunity)
    lacking = qualifications.missing(application.volunteer, application.organisation, types)
    if not lacking:
        return None
    return {"explanation": qualifications.explain(lacking, for_staff=True), "types": lacking}


def _visible_records(request, volunteer, organisation):
    """The checks that matter to `organisation`: its own and those above or below it, and any
    approved personal qualification (first aid and the like count wherever they were
    checked). Another organisation's child certificate is theirs alone."""
    return (
        QualificationRecord.objects.filter(volunteer=volunteer)
        .filter(
            Q(organisation__in=request.scope)
            | Q(organisation__in=organisation.ancestor_ids())
            | (
                ~Q(qualification_type__kind=QualificationKind.CHILD_CERTIFICATE)
                & Q(status=QualificationStatus.APPROVED)
            )
        )
        .select_related("qualification_type", "organisation")
        .order_by("qualification_type__name", "-updated_at")
    )


def _volunteer_page(request, subject, *, back_url, back_label, section):
    """A volunteer's checks, seen from an engagement or an application (`subject`), and the
    form to record one for the subject's organisation."""
    volunteer, organisation = subject.volunteer, subject.organisation
    if request.method == "POST" and not request.can(MANAGE_APPLICATIONS):
        raise Http404
    log_personal_data_read(request, volunteer, "qualifications")
    types = qualifications.types_for(organisation).order_by("name")
    months = _months_by_type(organisation, list(types))
    if request.method == "POST":
        form = RecordForm(request.POST, types=types, months=months)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = qualifications.record(
                    volunteer=volunteer,
                    qualification_type=data["qualification_type"],
                    organisation=organisation,
                    status=data["status"],
                    obtained_on=data["obtained_on"],
                    checked_by=request.user,
                    note=data["note"],
                )
            except qualifications.QualificationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _saved_message(item))
                return redirect(request.path)
    else:
        form = RecordForm(
            types=types, months=months, initial={"qualification_type": request.GET.get("type")}
        )
    required = qualifications.required_types(opportunity=subject.opportunity)
    lacking = qualifications.missing(volunteer, organisation, required)
    scope_ids = set(request.scope.values_list("pk", flat=True))
    today = timezone.localdate()
    records = list(_visible_records(request, volunteer, organisation))
    for item in records:
        item.is_ours = item.organisation_id in scope_ids
        item.is_expired = bool(item.recheck_on and item.recheck_on < today)
    return _render(
        request,
        "backoffice/qualifications/volunteer.html",
        {
            "subject": subject,
            "volunteer": volunteer,
            "form": form,
            "record_help": RECORD_HELP,
            "records": records,
            "required": required,
            "lacking": lacking,
            "explanation": qualifications.explain(lacking, for_staff=True) if lacking else "",
            "back_url": back_url,
            "back_label": back_label,
        },
        section=section,
        status=400 if form.errors else 200,
    )


def _saved_message(item) -> str:
    if item.recheck_on:
        return _("The check is recorded. Recheck by %(date)s.") % {
            "date": date_format(item.recheck_on, "DATE_FORMAT")
        }
    return _("The check is recorded.")


_SUBJECT_FIELDS = ("volunteer", "organisation", "opportunity")


@organisation_view()
def engagement_qualifications(request, pk):
    engagement = get_in_scope(request, Engagement.objects.select_related(*_SUBJECT_FIELDS), pk=pk)
    return _volunteer_page(
        request,
        engagement,
        back_url=_url(request, "engagement_detail", engagement),
        back_label=_("Back to the volunteer"),
        section="volunteers",
    )


@organisation_view()
def application_qualifications(request, pk):
    application = get_in_scope(request, Application.objects.select_related(*_SUBJECT_FIELDS), pk=pk)
    return _volunteer_page(
        request,
        application,
        back_url=_url(request, "application_detail", application),
        back_label=_("Back to the application"),
        section="applications",
    )


@organisation_view(MANAGE_APPLICATIONS)
def qualification_record_edit(request, pk):
    item = get_in_scope(
        request,
        QualificationRecord.objects.select_related(
            "volunteer", "qualification_type", "organisation"
        ),
        pk=pk,
    )
    log_personal_data_read(request, item.volunteer, "qualifications")
    if request.method == "POST":
        form = RecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = qualifications.record(
                    volunteer=item.volunteer,
                    qualification_type=item.qualification_type,
                    organisation=item.organisation,
                    status=data["status"],
                    obtained_on=data["obtained_on"],
                    checked_by=request.user,
                    note=data["note"],
                )
            except qualifications.QualificationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _saved_message(item))
                return redirect("backoffice:qualification_rechecks", request.organisation.slug)
    else:
        form = RecordForm(
            initial={"status": item.status, "obtained_on": item.obtained_on, "note": item.note}
        )
    return _render(
        request,
        "backoffice/qualifications/record_form.html",
        {
            "record": item,
            "form": form,
            "record_help": RECORD_HELP,
            "months": qualifications.recheck_months(item.organisation, item.qualification_type),
        },
        status=400 if form.errors else 200,
    )


def _url(request, name, subject):
    return reverse(f"backoffice:{name}", args=[request.organisation.slug, subject.pk])
