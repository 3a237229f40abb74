"""The volunteer's surveys on "Min side": the open requests, and one page per request with
three questions. The answer is stored without the person (dialog.feedback), so once it is
sent, nothing here can show it back; the page only says thank you.

A request is shown only to the person it was sent to; anyone else gets a 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from frivillig.dialog.feedback import queries, services
from frivillig.dialog.feedback.models import TEXT_LIMIT, FeedbackRequest

SATISFACTION_CHOICES = [
    (5, gettext_lazy("5 – Very satisfied")),
    (4, gettext_lazy("4 – Satisfied")),
    (3, gettext_lazy("3 – Neither satisfied nor dissatisfied")),
    (2, gettext_lazy("2 – Dissatisfied")),
    (1, gettext_lazy("1 – Very dissatisfied")),
]
YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


class AnswerForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you overall?"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how satisfied you are, from 1 to 5.")},
    )
    would_recommend = forms.ChoiceField(
        label=gettext_lazy("Would you recommend it to a friend?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose yes or no.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Anything you would like to tell us?"),
        help_text=gettext_lazy(
            "At most 2,000 characters. Please do not write names or anything that shows who "
            "you are: the answer is anonymous."
        ),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def get_request_for_user(user, pk: int) -> FeedbackRequest:
    """The user's own request, or a 404 for anyone else's."""
    return get_object_or_404(
        FeedbackRequest.objects.filter(volunteer=user).select_related(
            "organisation", "engagement__opportunity", "event"
        ),
        pk=pk,
    )


@never_cache
@login_required
@require_GET
def my_feedback(request):
    return render(
        request,
        "portal/feedback/list.html",
        {"requests": list(queries.open_requests(request.user)), "nav": "my_page"},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    feedback_request = get_request_for_user(request.user, pk)
    if feedback_request.is_answered:
        if request.method == "POST":
            messages.info(
                request, _("You have already answered this one. Thank you for your feedback!")
            )
            return redirect("portal:my_feedback")
        return render(
            request,
            "portal/feedback/answered.html",
            {"feedback_request": feedback_request, "nav": "my_page"},
        )
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.answer(
                request=feedback_request,
                volunteer=request.user,
                satisfaction=form.cleaned_data["satisfaction"],
                would_recommend=form.cleaned_data["would_recommend"] == "yes",
                text=form.cleaned_data["text"],
            )
        except services.FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("portal:my_feedback")
    return render(
        request,
        "portal/feedback/answer.html",
        {"feedback_request": feedback_request, "form": form, "nav": "my_page"},
        status=400 if form.is_bound else 200,
    )
