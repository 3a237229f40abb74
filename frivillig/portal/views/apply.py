""" "Meld dig" in at most three steps, also for someone without an account:

1. the requirements, explained before anything else; a short message and availability (plus
   name and e-mail when not signed in);
2. only when the e-mail is not yet confirmed: a code is e-mailed and typed on the next page;
3. the receipt.

Until the address is confirmed the application exists only in the session; it is handed to
engagements.services.apply() afterwards, so an Application always belongs to a confirmed
address. Codes, tries, lifetimes and rate limits are allauth's (frivillig.accounts.codes)."""

from allauth.account.utils import has_verified_email
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from frivillig.accounts import codes
from frivillig.accounts import services as accounts
from frivillig.accounts.models import User
from frivillig.catalog.models import Opportunity, OpportunityStatus
from frivillig.engagements import eligibility
from frivillig.engagements import services as engagements
from frivillig.engagements.models import OPEN_APPLICATION, Application

PENDING_KEY = "frivillig_pending_application"


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the organisation"),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("A few words about you and why you would like to help."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    availability = forms.CharField(
        label=gettext_lazy("When can you help?"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For example: Tuesday afternoons, or most weekends."),
    )


class GuestApplyForm(ApplyForm):
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        max_length=150,
        help_text=gettext_lazy("We send a code to this address, so you can confirm it is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["first_name", "last_name", "email", "message", "availability"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the e-mail"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "input-width-s",
            }
        ),
    )


def _opportunity_or_404(slug):
    # Paused and closed opportunities get a kind explanation; drafts and not yet published
    # ones stay unknown, as on the public pages.
    return get_object_or_404(
        Opportunity.objects.exclude(status=OpportunityStatus.DRAFT)
        .exclude(publish_from__gt=timezone.now())
        .filter(organisation__is_approved=True)
        .select_related("organisation", "place"),
        slug=slug,
    )


def _pending(request, opportunity):
    data = request.session.get(PENDING_KEY)
    if isinstance(data, dict) and data.get("opportunity_id") == opportunity.pk:
        return data
    return None


def _has_open_application(user, opportunity) -> bool:
    return (
        user.is_authenticated
        and Application.objects.filter(
            volunteer=user, opportunity=opportunity, status__in=OPEN_APPLICATION
        ).exists()
    )


def _needs_code(user) -> bool:
    return not user.is_authenticated or not has_verified_email(user, user.email)


def _blocked(request, opportunity, error, status):
    return render(
        request,
        "portal/apply_blocked.html",
        {"opportunity": opportunity, "reason": str(error), "nav": "search"},
        status=status,
    )


def _submit(request, opportunity, *, message, availability):
    """Hand the application to the domain; every refusal becomes a kind page, and a repeat
    (a double click, or applying twice) shows the receipt of the one that exists."""
    try:
        engagements.apply(
            volunteer=request.user,
            opportunity=opportunity,
            message=message,
            availability=availability,
        )
    except eligibility.AlreadyApplied as error:
        messages.info(request, str(error))
    except eligibility.ApplicationNotAllowed as error:
        return _blocked(request, opportunity, error, status=409)
    return redirect("portal:apply_done", slug=opportunity.slug)


@never_cache
def start(request, slug):
    """Step 1: what the task asks of you, and a short form."""
    opportunity = _opportunity_or_404(slug)
    user = request.user
    try:
        eligibility.check_open(opportunity)
        if user.is_authenticated:
            profile = getattr(user, "profile", None)
            eligibility.check_age(opportunity, profile.birth_year if profile else None)
            eligibility.check_not_applied(opportunity, user)
    except eligibility.AlreadyApplied as error:
        if request.method == "POST":
            messages.info(request, str(error))
            return redirect("portal:apply_done", slug=opportunity.slug)
        return _blocked(request, opportunity, error, status=200)
    except eligibility.ApplicationNotAllowed as error:
        return _blocked(
            request, opportunity, error, status=409 if request.method == "POST" else 200
        )

    form_class = ApplyForm if user.is_authenticated else GuestApplyForm
    pending = _pending(request, opportunity)
    form = form_class(
        data=request.POST if request.method == "POST" else None,
        initial={k: v for k, v in (pending or {}).items() if k in form_class.base_fields},
    )
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if not _needs_code(user):
                return _submit(
                    request,
                    opportunity,
                    message=data["message"],
                    availability=data["availability"],
                )
            if user.is_authenticated:
                applicant, email = user, user.email
            else:
                email = accounts.normalize_email(data["email"])
                applicant = accounts.find_or_create_applicant(
                    email=email, language=accounts.current_language()
                )
            # Kept before the code is sent, so nothing typed is lost if sending is refused.
            request.session[PENDING_KEY] = {
                "opportunity_id": opportunity.pk,
                "user_id": applicant.pk,
                "email": email,
                "first_name": data.get("first_name", ""),
                "last_name": data.get("last_name", ""),
                "message": data["message"],
                "availability": data["availability"],
            }
            try:
                codes.send_code(request, user=applicant, email=applicant.email)
            except codes.CodeRateLimited as error:
                form.add_error(None, str(error))
                status = 429
            else:
                return redirect("portal:apply_confirm", slug=opportunity.slug)
    return render(
        request,
        "portal/apply.html",
        {
            "opportunity": opportunity,
            "form": form,
            "notes": eligibility.requirement_notes(opportunity),
            "step_count": 3 if _needs_code(user) else 2,
            "nav": "search",
        },
        status=status,
    )


@never_cache
def confirm(request, slug):
    """Step 2: the code from the e-mail. Wrong, expired or used-up codes get a message and a
    way to a new one; the application waits in the session meanwhile."""
    opportunity = _opportunity_or_404(slug)
    pending = _pending(request, opportunity)
    if pending is None and _has_open_application(request.user, opportunity):
        # The code form was sent twice: the first one went through, so show its receipt.
        return redirect("portal:apply_done", slug=opportunity.slug)
    if pending is None or (request.user.is_authenticated and request.user.pk != pending["user_id"]):
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Please fill in the form to apply."))
        return redirect("portal:apply", slug=opportunity.slug)
    if not _needs_code(request.user):
        # Confirmed meanwhile (e.g. signed in in another tab): step 1 shows what was typed,
        # and one click sends it.
        return redirect("portal:apply", slug=opportunity.slug)

    process = codes.pending_process(request, user_id=pending["user_id"], email=pending["email"])
    action = request.POST.get("action", "verify") if request.method == "POST" else ""
    form = CodeForm(data=request.POST if action == "verify" else None)
    problem, status = "", 200
    if action == "resend":
        try:
            if process is not None:
                codes.resend(request, process)
            else:
                applicant = get_object_or_404(User, pk=pending["user_id"])
                codes.send_code(request, user=applicant, email=applicant.email)
        except codes.CodeRateLimited as error:
            problem, status = str(error), 429
        else:
            messages.success(
                request, _("We have sent a new code to %(email)s.") % {"email": pending["email"]}
            )
            return redirect("portal:apply_confirm", slug=opportunity.slug)
    elif action == "verify":
        status = 400
        if process is None:
            problem = _("The code has expired. Ask for a new code; what you wrote is kept.")
        elif form.is_valid():
            try:
                codes.check_code(process, form.cleaned_data["code"])
            except codes.WrongCode as error:
                form.add_error("code", str(error))
                if not error.attempts_left:
                    process = None
            else:
                response = codes.finish(request, process)
                if response is not None:
                    # allauth still has something to say (e.g. the account is inactive).
                    return response
                del request.session[PENDING_KEY]
                accounts.complete_name(
                    user=request.user,
                    first_name=pending["first_name"],
                    last_name=pending["last_name"],
                )
                return _submit(
                    request,
                    opportunity,
                    message=pending["message"],
                    availability=pending["availability"],
                )
    return render(
        request,
        "portal/apply_confirm.html",
        {
            "opportunity": opportunity,
            "form": form,
            "email": pending["email"],
            "expired": process is None,
            "can_resend": process is None or process.can_resend,
            "problem": problem,
            "nav": "search",
        },
        status=status,
    )


@never_cache
@login_required
def done(request, slug):
    """Step 3: the receipt. The receipt e-mail is sent by the service."""
    application = (
        Application.objects.filter(
            volunteer=request.user, opportunity__slug=slug, status__in=OPEN_APPLICATION
        )
        .select_related("opportunity", "organisation")
        .first()
    )
    if application is None:
        return redirect("portal:apply", slug=slug)
    return render(
        request,
        "portal/apply_done.html",
        {"application": application, "opportunity": application.opportunity, "nav": "search"},
    )
