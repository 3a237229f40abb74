"""The central volunteer office reviews associations' requests to join: a list with the open
ones first, and one page per request where it approves, rejects or asks a question."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frivillig.coordination.access import municipal_view
from frivillig.organisations import onboarding, permissions
from frivillig.organisations.models import OrganisationRequest, RequestStatus

# Reading is for all of the office's staff; deciding admits an organisation, which is the
# office's equivalent of deciding on an application (viewers may read, not decide).
DECIDE = permissions.MANAGE_APPLICATIONS


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the rejection"),
        max_length=onboarding.MAX_TEXT,
        help_text=gettext_lazy("The association receives it by e-mail."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Write the reason, so the association knows why.")
        },
    )


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Question to the association"),
        max_length=onboarding.MAX_TEXT,
        help_text=gettext_lazy("Sent by e-mail with a link where the contact person answers."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write the question.")},
    )


@municipal_view(office_only=True)
def request_list(request):
    page = Paginator(onboarding.requests_for_review(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "coordination/onboarding/list.html",
        {
            "page": page,
            "open_count": OrganisationRequest.objects.filter(
                status__in=RequestStatus.open()
            ).count(),
        },
    )


def _detail(request, join_request, *, reject_form=None, question_form=None, status=200):
    return render(
        request,
        "coordination/onboarding/detail.html",
        {
            "join_request": join_request,
            "areas": list(join_request.areas.all()),
            "can_decide": join_request.is_open
            and permissions.is_volunteer_office_staff(request.user, DECIDE),
            "reject_form": reject_form or RejectForm(),
            "question_form": question_form or QuestionForm(),
        },
        status=status,
    )


def _get(pk):
    return get_object_or_404(
        OrganisationRequest.objects.select_related("place", "decided_by", "organisation"), pk=pk
    )


@municipal_view(office_only=True)
def request_detail(request, pk):
    return _detail(request, _get(pk))


def _back(join_request):
    return redirect("coordination:onboarding_detail", join_request.pk)


@municipal_view(DECIDE, office_only=True)
@require_POST
def request_approve(request, pk):
    join_request = _get(pk)
    try:
        organisation = onboarding.approve(join_request=join_request, by=request.user)
    except onboarding.OnboardingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is approved, and the contact person has been told by e-mail.")
            % {"name": organisation.name},
        )
    return _back(join_request)


@municipal_view(DECIDE, office_only=True)
@require_POST
def request_reject(request, pk):
    join_request = _get(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            onboarding.reject(
                join_request=join_request, by=request.user, reason=form.cleaned_data["reason"]
            )
        except onboarding.OnboardingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The request is rejected, and the association has been told.")
            )
        return _back(join_request)
    return _detail(request, join_request, reject_form=form, status=400)


@municipal_view(DECIDE, office_only=True)
@require_POST
def request_question(request, pk):
    join_request = _get(pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            onboarding.ask_question(
                join_request=join_request, by=request.user, question=form.cleaned_data["question"]
            )
        except onboarding.OnboardingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The question is sent. The request comes back here when it is answered.")
            )
        return _back(join_request)
    return _detail(request, join_request, question_form=form, status=400)
