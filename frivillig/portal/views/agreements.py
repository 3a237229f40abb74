"""The volunteer's own agreements on "Min side" (read, sign, download, end), and two public
pages: the municipality's framework and the verification of a printed agreement.

An agreement is shown only to its own volunteer; anyone else, staff of the organisation
included (they have the back office), gets a 404. A draft is not shown at all: it is not the
volunteer's to read until it is sent, and only then is its text frozen.

Ending is unforced (the strategy's "utvungen"): one confirmation, no reason asked.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frivillig.agreements import pdf as agreement_pdf
from frivillig.agreements import services
from frivillig.agreements.models import (
    AgreementStatus,
    FrameworkVersion,
    IndividualAgreement,
    SigningCode,
)

ENDED = (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED)
SHA256_LENGTH = 64


def get_agreement_for_user(user, pk: int) -> IndividualAgreement:
    """The user's own sent agreement, or a 404 for a draft or anyone else's."""
    return get_object_or_404(
        IndividualAgreement.objects.select_related(
            "organisation", "framework", "previous", "next_version"
        )
        .defer("previous__rendered_text", "next_version__rendered_text")
        .exclude(status=AgreementStatus.DRAFT)
        .filter(volunteer=user),
        pk=pk,
    )


def client_ip(request) -> str | None:
    """The address recorded with a signature.

    REMOTE_ADDR, not X-Forwarded-For: any client can write that header, and the settings
    name no trusted proxy whose header could be believed (SECURE_PROXY_SSL_HEADER only
    trusts the scheme). Behind a load balancer this records the balancer's address; the
    proof of who signed is the re-entered password or e-mailed code, not the address."""
    return request.META.get("REMOTE_ADDR") or None


# --- Min side: the list ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    agreement: IndividualAgreement
    successor: IndividualAgreement | None


def _successor(agreement) -> IndividualAgreement | None:
    """The sent version that replaces this one, if any (a draft is not the volunteer's yet)."""
    successor = getattr(agreement, "next_version", None)
    if successor is None or successor.status == AgreementStatus.DRAFT:
        return None
    return successor


@login_required
@require_GET
def my_agreements(request):
    agreements = list(
        IndividualAgreement.objects.filter(volunteer=request.user)
        .exclude(status=AgreementStatus.DRAFT)
        # The frozen text is long and the list shows none of it.
        .defer("rendered_text", "previous__rendered_text", "next_version__rendered_text")
        .select_related("organisation", "previous", "next_version")
        .order_by("-sent_at", "-pk")
    )

    def having(*statuses):
        return [Row(a, _successor(a)) for a in agreements if a.status in statuses]

    return render(
        request,
        "portal/agreements/list.html",
        {
            "to_sign": having(AgreementStatus.AWAITING_VOLUNTEER),
            "awaiting_organisation": having(AgreementStatus.AWAITING_ORGANISATION),
            "in_force": having(AgreementStatus.SIGNED),
            "ended": having(*ENDED),
            "any": bool(agreements),
            "nav": "my_page",
        },
    )


# --- Min side: one agreement, and signing it -------------------------------------------------


class SignForm(forms.Form):
    """Acceptance, and proof that the account holder is at the keyboard: the password, or a
    one-time code from the e-mail for someone who signs in without one."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=gettext_lazy("Code from the e-mail"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
    accept = forms.BooleanField(
        label=gettext_lazy("I have read the agreement and accept it"),
        error_messages={
            "required": gettext_lazy("Tick the box to show that you accept the agreement.")
        },
    )

    def __init__(self, *args, uses_password: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.uses_password = uses_password

    def clean(self):
        data = super().clean()
        if not data.get("password") and not (data.get("code") or "").strip():
            if self.uses_password:
                self.add_error("password", _("Type your password to sign."))
            else:
                self.add_error(
                    "code", _("Type the code from the e-mail. Ask for a code if you have none.")
                )
        return data


def _code_is_live(agreement) -> bool:
    return SigningCode.objects.filter(agreement=agreement, expires_at__gt=timezone.now()).exists()


def _detail(request, agreement, *, form=None, status=200):
    can_sign = agreement.status == AgreementStatus.AWAITING_VOLUNTEER
    uses_password = request.user.has_usable_password()
    if can_sign and form is None:
        form = SignForm(uses_password=uses_password)
    return render(
        request,
        "portal/agreements/detail.html",
        {
            "agreement": agreement,
            "can_sign": can_sign,
            "can_end": agreement.status not in ENDED,
            "form": form,
            "uses_password": uses_password,
            "code_sent": can_sign and _code_is_live(agreement),
            "successor": _successor(agreement),
            "signing_code_minutes": services.SIGNING_CODE_MINUTES,
            "nav": "my_page",
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def my_agreement(request, pk):
    return _detail(request, get_agreement_for_user(request.user, pk))


@never_cache
@login_required
@require_POST
def sign(request, pk):
    agreement = get_agreement_for_user(request.user, pk)
    if agreement.status != AgreementStatus.AWAITING_VOLUNTEER:
        # A second click, or another tab: say where it stands rather than show an error.
        messages.info(request, _("This agreement is not waiting for your signature."))
        return redirect("portal:my_agreement", pk=agreement.pk)
    form = SignForm(data=request.POST, uses_password=request.user.has_usable_password())
    if form.is_valid():
        try:
            services.sign_as_volunteer(
                agreement=agreement,
                volunteer=request.user,
                ip=client_ip(request),
                password=form.cleaned_data["password"],
                code=form.cleaned_data["code"].strip(),
            )
        except services.AgreementError as error:
            field = "password" if form.cleaned_data["password"] else "code"
            form.add_error(field, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you, you have signed the agreement. It comes into force when "
                    "%(organisation)s has signed too; we will tell you by e-mail."
                )
                % {"organisation": agreement.organisation.name},
            )
            return redirect("portal:my_agreement", pk=agreement.pk)
    return _detail(request, agreement, form=form, status=400)


@login_required
@require_POST
def send_code(request, pk):
    agreement = get_agreement_for_user(request.user, pk)
    try:
        services.request_signing_code(agreement=agreement, volunteer=request.user)
    except services.AgreementError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "We have sent a code to %(email)s. It works for %(minutes)d minutes. Type it "
                "below to sign."
            )
            % {"email": request.user.email, "minutes": services.SIGNING_CODE_MINUTES},
        )
    return redirect(reverse("portal:my_agreement", args=[agreement.pk]) + "#sign")


@login_required
@require_http_methods(["GET", "POST"])
def end(request, pk):
    agreement = get_agreement_for_user(request.user, pk)
    if agreement.status in ENDED:
        messages.info(request, _("This agreement has already ended."))
        return redirect("portal:my_agreement", pk=agreement.pk)
    if request.method == "POST":
        try:
            services.end(agreement=agreement, by=request.user)
        except services.AgreementError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The agreement with %(organisation)s has ended. The organisation has been told.")
                % {"organisation": agreement.organisation.name},
            )
        return redirect("portal:my_agreements")
    return render(request, "portal/agreements/end.html", {"agreement": agreement, "nav": "my_page"})


@never_cache
@login_required
@require_GET
def pdf(request, pk):
    agreement = get_agreement_for_user(request.user, pk)
    response = HttpResponse(agreement_pdf.render_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{agreement_pdf.filename(agreement)}"'
    return response


# --- Public: the framework -------------------------------------------------------------------


@require_GET
def framework(request):
    published = list(FrameworkVersion.objects.filter(published=True).order_by("-adopted_on"))
    current = published[0] if published else None
    # An agreement names the version it was made under; that version stays readable here.
    shown = current
    wanted = request.GET.get("version")
    if wanted:
        shown = next((v for v in published if v.version == wanted), current)
    return render(
        request,
        "portal/agreements/framework.html",
        {
            "current": current,
            "shown": shown,
            "earlier": [v for v in published if v != current],
            "nav": "framework",
        },
    )


# --- Public: verification --------------------------------------------------------------------


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("10 letters and digits, printed on every page of the document."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    sha256 = forms.CharField(
        label=gettext_lazy("SHA-256"),
        max_length=200,
        help_text=gettext_lazy("64 characters, 0–9 and a–f, printed under the signatures."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_sha256(self):
        value = "".join(self.cleaned_data["sha256"].split()).lower()
        if len(value) != SHA256_LENGTH or any(c not in "0123456789abcdef" for c in value):
            raise forms.ValidationError(
                _("A SHA-256 is 64 characters, only 0–9 and a–f. Check that you copied all of it.")
            )
        return value


@require_GET
def verify(request):
    """A GET form, so that the address printed on a document can carry its code and hash.

    No rate limit: a code has about 50 bits (see agreements.models.new_code), so guessing
    one is hopeless, and a hit shows no personal data. A per-address limit would also be
    wrong here: behind the load balancer every visitor has the balancer's REMOTE_ADDR."""
    submitted = "code" in request.GET or "sha256" in request.GET
    form = VerifyForm(data=request.GET if submitted else None)
    result = None
    looked_up = False
    if submitted and form.is_valid():
        looked_up = True
        result = services.verify(code=form.cleaned_data["code"], sha256=form.cleaned_data["sha256"])
    return render(
        request,
        "portal/agreements/verify.html",
        {"form": form, "result": result, "looked_up": looked_up, "nav": "verify"},
        status=400 if submitted and not form.is_valid() else 200,
    )
