"""An association asks to join the portal (signed in or not), and answers the central office's
question through the secret link in its e-mail. The rules live in organisations.onboarding."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from frivillig.catalog.models import Area, Place
from frivillig.organisations import onboarding
from frivillig.organisations.cvr import validate_cvr

SENT_KEY = "frivillig_onboarding_sent_to"


class JoinForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the association"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    cvr = forms.CharField(
        label=gettext_lazy("CVR number"),
        max_length=20,
        validators=[validate_cvr],
        help_text=gettext_lazy("8 digits. Find it on virk.dk if you are not sure."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input-width-s"}
        ),
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Contact person"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Contact e-mail"),
        help_text=gettext_lazy("We send a receipt and our answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("Contact phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Areas"),
        queryset=Area.objects.all(),
        help_text=gettext_lazy("What the association works with. Choose one or more."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one area.")},
    )
    place = forms.ModelChoiceField(
        label=gettext_lazy("Town"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=gettext_lazy("Choose a town"),
    )
    description = forms.CharField(
        label=gettext_lazy("About the association"),
        max_length=onboarding.MAX_TEXT,
        help_text=gettext_lazy("What you do, for whom, and how volunteers help."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Your answer"),
        max_length=onboarding.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


@never_cache
def join(request):
    user = request.user
    initial = (
        {"contact_name": user.get_full_name(), "contact_email": user.email}
        if user.is_authenticated
        else None
    )
    form = JoinForm(data=request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                join_request = onboarding.submit_request(submitted_by=user, **data)
            except onboarding.OnboardingError as error:
                form.add_error(None, str(error))
            else:
                request.session[SENT_KEY] = join_request.contact_email
                return redirect("portal:onboarding_done")
    return render(
        request,
        "portal/onboarding/join.html",
        {"form": form, "nav": "organisations"},
        status=status,
    )


@never_cache
def done(request):
    email = request.session.get(SENT_KEY)
    if not email:
        return redirect("portal:onboarding")
    return render(request, "portal/onboarding/done.html", {"email": email, "nav": "organisations"})


@never_cache
def answer(request, token):
    try:
        join_request = onboarding.request_for_answer(raw_token=token)
    except onboarding.OnboardingError as error:
        return render(
            request,
            "portal/onboarding/answer_invalid.html",
            {"reason": str(error), "nav": "organisations"},
            status=404,
        )
    form = AnswerForm(data=request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                onboarding.answer_question(raw_token=token, answer=form.cleaned_data["answer"])
            except onboarding.OnboardingError as error:
                form.add_error(None, str(error))
            else:
                return render(
                    request,
                    "portal/onboarding/answered.html",
                    {"join_request": join_request, "nav": "organisations"},
                )
    return render(
        request,
        "portal/onboarding/answer.html",
        {"join_request": join_request, "form": form, "nav": "organisations", "token": token},
        status=status,
    )
