"""The applications inbox: pending first with how long each has waited, the application with
the volunteer's details (a logged read of personal data), and the three answers."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.accounts.models import VolunteerProfile
from frivillig.backoffice.access import get_in_scope, log_personal_data_read, organisation_view
from frivillig.backoffice.forms import ApplicationFilterForm, DeclineForm, QuestionForm
from frivillig.backoffice.views.common import mark_waiting, paginate, render_page
from frivillig.backoffice.views.qualifications import requirement_gap
from frivillig.catalog.models import Opportunity
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus
from frivillig.organisations.permissions import MANAGE_APPLICATIONS

SECTION = "applications"


def _scoped(request):
    return Application.objects.filter(organisation__in=request.scope).select_related(
        "opportunity", "volunteer", "organisation"
    )


@organisation_view()
def application_list(request):
    form = ApplicationFilterForm(
        request.GET or None,
        opportunities=Opportunity.objects.filter(organisation__in=request.scope).order_by("title"),
    )
    applications = _scoped(request).order_by(
        # Pending first, the longest-waiting at the top; answered ones after, newest first.
        Case(
            When(status=ApplicationStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        Case(When(status=ApplicationStatus.PENDING, then="created_at")).asc(nulls_last=True),
        "-created_at",
        "-pk",
    )
    if form.is_valid():
        if form.cleaned_data["status"]:
            applications = applications.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["opportunity"]:
            applications = applications.filter(opportunity_id=form.cleaned_data["opportunity"])
    page = paginate(request, applications)
    mark_waiting(page.object_list)
    return render_page(
        request,
        "backoffice/applications/list.html",
        {"form": form, "page": page, "several_organisations": request.scope.count() > 1},
        section=SECTION,
    )


@organisation_view()
def application_detail(request, pk):
    application = get_in_scope(request, _scoped(request), pk=pk)
    volunteer = application.volunteer
    log_personal_data_read(request, volunteer, "application")
    phone = VolunteerProfile.objects.filter(user=volunteer).values_list("phone", flat=True).first()
    mark_waiting([application])
    engagement = getattr(application, "engagement", None)
    return render_page(
        request,
        "backoffice/applications/detail.html",
        {
            "application": application,
            "phone": phone or "",
            "engagement": engagement,
            "qualification_gap": requirement_gap(application),
        },
        section=SECTION,
    )


def _back_to(request, application):
    return redirect("backoffice:application_detail", request.organisation.slug, application.pk)


def _to_inbox(request):
    # After an answer, back to the inbox: the next application is the likely next task.
    return redirect("backoffice:application_list", request.organisation.slug)


@organisation_view(MANAGE_APPLICATIONS)
@require_POST
def application_accept(request, pk):
    application = get_in_scope(request, _scoped(request), pk=pk)
    try:
        engagements.accept(application=application, by=request.user)
    except engagements.EngagementError as error:
        # Back to the application, where the reason (e.g. a missing check) can be acted on.
        messages.error(request, str(error))
        return _back_to(request, application)
    else:
        messages.success(
            request,
            _(
                "%(name)s is accepted. A welcome e-mail with the contact person's details is on "
                "its way to them."
            )
            % {"name": application.volunteer},
        )
    return _to_inbox(request)


def _answer_page(request, pk, *, form_class, initial, template, service, success):
    """Decline and ask a question: a page with an editable message, then the service."""
    application = get_in_scope(request, _scoped(request), pk=pk)
    if application.status != ApplicationStatus.PENDING:
        messages.info(request, _("This application has already been answered."))
        return _back_to(request, application)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(application, form.cleaned_data)
            except engagements.EngagementError as error:
                messages.error(request, str(error))
                return _to_inbox(request)
            messages.success(request, success % {"name": application.volunteer})
            return _to_inbox(request)
    else:
        form = form_class(initial=initial(application))
    return render_page(
        request,
        template,
        {"application": application, "form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )


def default_decline_message(application) -> str:
    return _(
        "Thank you for your interest in “%(title)s” and for wanting to help. Unfortunately we "
        "cannot offer you a place this time. We hope you will find another way to volunteer "
        "that suits you: there are many on the portal."
    ) % {"title": application.opportunity.title}


@organisation_view(MANAGE_APPLICATIONS)
def application_decline(request, pk):
    return _answer_page(
        request,
        pk,
        form_class=DeclineForm,
        initial=lambda application: {"message": default_decline_message(application)},
        template="backoffice/applications/decline.html",
        service=lambda application, data: engagements.decline(
            application=application, by=request.user, message=data["message"]
        ),
        success=_("The application from %(name)s is declined, and your message is sent."),
    )


@organisation_view(MANAGE_APPLICATIONS)
def application_question(request, pk):
    return _answer_page(
        request,
        pk,
        form_class=QuestionForm,
        initial=lambda application: {},
        template="backoffice/applications/question.html",
        service=lambda application, data: engagements.ask_question(
            application=application, by=request.user, question=data["question"]
        ),
        success=_("Your question is sent to %(name)s. The answer comes to you by e-mail."),
    )
