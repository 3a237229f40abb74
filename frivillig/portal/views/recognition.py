"""Recognition on the portal: the thanks a volunteer has received, the frivilligbevis (issue,
download, revoke, and the public verification page) and the volunteer award (nominate, and
see one's own nominations).

Everything under Min side starts from request.user, so another person's certificate is a 404.
The verification page shows only the frozen snapshot of a certificate, which is what its
holder chose to hand out."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from frivillig.notifications.emails import recipient_language
from frivillig.recognition import pdf, queries, services
from frivillig.recognition.models import (
    NAME_MAX,
    REASON_MAX,
    AwardRound,
    Certificate,
    CertificateLanguage,
    Nomination,
    RoundStatus,
    Thanks,
    normalise_code,
)

# --- Forms ----------------------------------------------------------------------------------


class IssueForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("What should the certificate document?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one role or course.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the certificate"),
        choices=CertificateLanguage.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(r.key, _label(r)) for r in record.choices]


def _label(role) -> str:
    start = role.start.strftime("%d.%m.%Y")
    end = role.end.strftime("%d.%m.%Y") if role.end else _("ongoing")
    if role.kind == queries.COURSE:
        kind = _("Course")
    elif role.kind == queries.EVENT:
        kind = _("Event")
    else:
        kind = _("Volunteer role")
    return f"{kind}: {role.title}, {role.organisation} ({start} – {end})"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Certificate code"),
        max_length=40,
        help_text=gettext_lazy("As printed on the certificate, e.g. FB-7K3M-Q9PX-4TRW."),
        error_messages={"required": gettext_lazy("Type the code from the certificate.")},
    )


class NominationForm(forms.Form):
    nominee_name = forms.CharField(
        label=gettext_lazy("Who do you nominate?"),
        max_length=NAME_MAX,
        error_messages={"required": gettext_lazy("Write the name of the person you nominate.")},
    )
    nominee_organisation = forms.CharField(
        label=gettext_lazy("Where do they volunteer?"), max_length=NAME_MAX, required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Why do they deserve the award?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Tell us why they deserve the award.")},
    )


# --- Thanks ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_GET
def my_thanks(request):
    thanks = Thanks.objects.filter(volunteer=request.user).select_related("organisation")
    return render(request, "portal/recognition/thanks.html", {"thanks": thanks, "nav": "my_page"})


# --- The frivilligbevis ---------------------------------------------------------------------


def get_certificate_for_user(user, pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.filter(user=user), pk=pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_certificates(request):
    record = queries.record_for(request.user)
    language = recipient_language(request.user)
    initial = {
        "roles": [r.key for r in record.choices],
        "language": language if language in CertificateLanguage.values else CertificateLanguage.DA,
    }
    form = IssueForm(
        data=request.POST if request.method == "POST" else None, record=record, initial=initial
    )
    if form.is_bound and form.is_valid():
        try:
            certificate = services.issue_certificate(
                user=request.user,
                keys=set(form.cleaned_data["roles"]),
                language=form.cleaned_data["language"],
            )
        except services.RecognitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your certificate %(code)s is ready. Download it below.")
                % {"code": certificate.code},
            )
            return redirect("portal:my_certificates")
    certificates = Certificate.objects.filter(user=request.user)
    return render(
        request,
        "portal/recognition/certificates.html",
        {
            "form": form,
            "record": record,
            "has_name": bool(request.user.get_full_name().strip()),
            "certificates": certificates,
            "nav": "my_page",
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def certificate_pdf(request, pk):
    certificate = get_certificate_for_user(request.user, pk)
    response = HttpResponse(pdf.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(certificate)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk):
    certificate = get_certificate_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.revoke_certificate(certificate=certificate, user=request.user)
        except services.RecognitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The certificate %(code)s is revoked. The verification page now says so.")
                % {"code": certificate.code},
            )
        return redirect("portal:my_certificates")
    return render(
        request,
        "portal/recognition/revoke.html",
        {"certificate": certificate, "nav": "my_page"},
    )


@require_GET
def verify_certificate(request):
    """A GET form: the address printed on the certificate leads straight to its page."""
    submitted = "code" in request.GET
    form = CodeForm(data=request.GET if submitted else None)
    if submitted and form.is_valid():
        return redirect("portal:certificate", code=normalise_code(form.cleaned_data["code"]))
    return render(
        request,
        "portal/recognition/verify.html",
        {"form": form, "nav": "verify"},
        status=400 if submitted else 200,
    )


@require_GET
def certificate(request, code):
    """No rate limit: a code has about 59 bits, and a hit shows only what its holder chose to
    hand out (see recognition.models)."""
    found = Certificate.objects.filter(code=normalise_code(code)).first()
    if found is None:
        return render(
            request,
            "portal/recognition/not_found.html",
            {"form": CodeForm(initial={"code": code[:40]}), "nav": "verify"},
            status=404,
        )
    return render(
        request,
        "portal/recognition/certificate.html",
        {**pdf.context(found), "nav": "verify"},
    )


# --- The volunteer award --------------------------------------------------------------------


def open_round():
    today = timezone.localdate()
    return (
        AwardRound.objects.filter(
            status=RoundStatus.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .order_by("closes_on", "pk")
        .first()
    )


@require_http_methods(["GET", "POST"])
def award(request):
    """Anyone may read about the open round; nominating needs a log-in."""
    award_round = open_round()
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = NominationForm(data=request.POST if request.method == "POST" else None)
    if award_round is not None and form.is_bound and form.is_valid():
        try:
            services.nominate(award_round=award_round, nominator=request.user, **form.cleaned_data)
        except services.RecognitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Thank you. Your nomination of %(name)s has been received.")
                % {"name": form.cleaned_data["nominee_name"]},
            )
            return redirect("portal:my_nominations")
    return render(
        request,
        "portal/recognition/award.html",
        {"award_round": award_round, "form": form, "nav": "award"},
        status=400 if form.is_bound and (form.errors or award_round is None) else 200,
    )


@never_cache
@login_required
@require_GET
def my_nominations(request):
    nominations = Nomination.objects.filter(nominator=request.user).select_related("round")
    return render(
        request,
        "portal/recognition/nominations.html",
        {"nominations": nominations.order_by("-created_at", "-pk"), "nav": "my_page"},
    )
