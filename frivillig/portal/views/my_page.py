""" "Min side": the volunteer's own applications and engagements, suggestions, a copy of their
data and the deletion of their account.

Stopping is unforced (the strategy's "utvungen"): every action is one step, asks for no reason
and leaves no mark against the volunteer; a note to the organisation is optional.
"""

import json
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frivillig.accounts import privacy
from frivillig.accounts.models import VolunteerProfile
from frivillig.agreements.models import AgreementStatus, IndividualAgreement
from frivillig.catalog.models import Opportunity
from frivillig.dialog.announcements import queries as announcement_queries
from frivillig.dialog.feedback.queries import open_request_count
from frivillig.engagements import services
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.engagements.recommendations import profile_gaps, recommend
from frivillig.events import queries as event_queries
from frivillig.organisations.models import Membership

NOTE_MAX_LENGTH = 1000
CURRENT = (EngagementStatus.ACTIVE, EngagementStatus.PAUSED)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note to the organisation (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy(
                "The note can be at most %(limit_value)d characters long (it has %(show_value)d)."
            )
        },
    )


class DeleteAccountForm(forms.Form):
    """Proof that the person at the keyboard is the account holder: the e-mail address or
    the password. People who sign in with a code have no password, so the address suffices."""

    email = forms.CharField(label=gettext_lazy("Your e-mail address"), required=False)
    password = forms.CharField(
        label=gettext_lazy("Or your password"), required=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        email = (self.cleaned_data.get("email") or "").strip()
        password = self.cleaned_data.get("password") or ""
        if email and email.casefold() == self.user.email.casefold():
            return self.cleaned_data
        if password and self.user.check_password(password):
            return self.cleaned_data
        if email:
            self.add_error("email", _("This is not the e-mail address of your account."))
        elif password:
            self.add_error("password", _("The password is not correct."))
        else:
            self.add_error(
                "email",
                _("Type the e-mail address of your account (or your password) to confirm."),
            )
        return self.cleaned_data


def get_application_for_user(user, pk: int) -> Application:
    """The user's own application, or a 404 for anyone else's."""
    return get_object_or_404(
        Application.objects.select_related("opportunity", "organisation"), pk=pk, volunteer=user
    )


def get_engagement_for_user(user, pk: int) -> Engagement:
    """The user's own engagement, or a 404 for anyone else's."""
    return get_object_or_404(
        Engagement.objects.select_related("opportunity", "organisation"), pk=pk, volunteer=user
    )


@login_required
def index(request):
    user = request.user
    applications = list(
        Application.objects.filter(volunteer=user).select_related("opportunity", "organisation")
    )
    engagements = list(
        Engagement.objects.filter(volunteer=user).select_related("opportunity", "organisation")
    )
    # Closed or paused opportunities have no public page; link only to those that do.
    opportunity_ids = {a.opportunity_id for a in applications} | {
        e.opportunity_id for e in engagements
    }
    visible_ids = set(
        Opportunity.objects.visible().filter(pk__in=opportunity_ids).values_list("pk", flat=True)
    )
    profile = VolunteerProfile.objects.filter(user=user).first()
    return render(
        request,
        "portal/my_page.html",
        {
            "applications": applications,
            "current_engagements": [e for e in engagements if e.status in CURRENT],
            "past_engagements": [e for e in engagements if e.status == EngagementStatus.ENDED],
            "visible_ids": visible_ids,
            "recommendations": recommend(user=user),
            "profile_gaps": profile_gaps(profile),
            "note_max_length": NOTE_MAX_LENGTH,
            "promoted": list(event_queries.recently_promoted(user)),
            "agreements_to_sign": IndividualAgreement.objects.filter(
                volunteer=user, status=AgreementStatus.AWAITING_VOLUNTEER
            ).count(),
            "announcements_unread": announcement_queries.unread_count(user),
            "feedback_open": open_request_count(user),
            "nav": "my_page",
        },
    )


@dataclass(frozen=True)
class Action:
    """One of the volunteer's one-step actions, with its words."""

    heading: str
    explanation: str
    button: str
    with_note: bool = True


def _confirm_or_do(request, *, item, action: Action, not_now: str | None, do, done: str):
    """GET: the confirmation page. POST: validate the optional note, call the service once,
    say what happened. `not_now` is a message when the action no longer applies (a second
    click, another tab): it is shown instead of an error."""
    if not_now:
        messages.info(request, not_now)
        return redirect("portal:my_page")
    form = NoteForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data["note"])
        except services.EngagementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect("portal:my_page")
    return render(
        request,
        "portal/my_page/confirm.html",
        {"item": item, "action": action, "form": form, "nav": "my_page"},
        status=400 if form.is_bound else 200,
    )


def _application_not_now(application) -> str | None:
    if application.status == ApplicationStatus.PENDING:
        return None
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("You have already withdrawn this application.")
    return _("Only an application that awaits an answer can be withdrawn.")


def _engagement_not_now(engagement, allowed) -> str | None:
    if engagement.status in allowed:
        return None
    if engagement.status == EngagementStatus.ENDED:
        return _("This engagement has already ended.")
    if engagement.status == EngagementStatus.PAUSED:
        return _("This engagement is already paused.")
    return _("This engagement is already active.")


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_application(request, pk):
    application = get_application_for_user(request.user, pk)
    title = application.opportunity.display_title
    return _confirm_or_do(
        request,
        item=application,
        action=Action(
            heading=_("Withdraw your application"),
            explanation=_(
                "The organisation gets a message that you have withdrawn your application. "
                "You do not need to give a reason."
            ),
            button=_("Withdraw application"),
        ),
        not_now=_application_not_now(application),
        do=lambda note: services.withdraw(
            application=application, volunteer=request.user, note=note
        ),
        done=_(
            "Your application for “%(title)s” has been withdrawn. The organisation has been told."
        )
        % {"title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pause_engagement(request, pk):
    engagement = get_engagement_for_user(request.user, pk)
    return _confirm_or_do(
        request,
        item=engagement,
        action=Action(
            heading=_("Pause your engagement"),
            explanation=_(
                "The organisation gets a message. You do not need to give a reason, and you "
                "can resume whenever it suits you."
            ),
            button=_("Pause"),
        ),
        not_now=_engagement_not_now(engagement, {EngagementStatus.ACTIVE}),
        do=lambda note: services.pause(engagement=engagement, volunteer=request.user, note=note),
        done=_(
            "Your engagement in “%(title)s” is paused. The organisation has been told. You can "
            "resume whenever it suits you."
        )
        % {"title": engagement.opportunity.display_title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def resume_engagement(request, pk):
    engagement = get_engagement_for_user(request.user, pk)
    return _confirm_or_do(
        request,
        item=engagement,
        action=Action(
            heading=_("Resume your engagement"),
            explanation=_("The organisation gets a message that you are back."),
            button=_("Resume"),
            with_note=False,
        ),
        not_now=_engagement_not_now(engagement, {EngagementStatus.PAUSED}),
        do=lambda note: services.resume(engagement=engagement, volunteer=request.user),
        done=_("Welcome back! Your engagement in “%(title)s” is active again.")
        % {"title": engagement.opportunity.display_title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def end_engagement(request, pk):
    engagement = get_engagement_for_user(request.user, pk)
    return _confirm_or_do(
        request,
        item=engagement,
        action=Action(
            heading=_("End your engagement"),
            explanation=_("The organisation gets a message. You do not need to give a reason."),
            button=_("End engagement"),
        ),
        not_now=_engagement_not_now(engagement, set(CURRENT)),
        do=lambda note: services.end(engagement=engagement, volunteer=request.user, note=note),
        done=_(
            "Your engagement in “%(title)s” has ended. The organisation has been told. Thank "
            "you for your help."
        )
        % {"title": engagement.opportunity.display_title},
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def my_data(request):
    data = privacy.export_user_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"frivilligportalen-mine-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(data=request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.delete_account(user=user)
        except privacy.AccountDeletionError as error:
            messages.error(request, str(error))
            return redirect("portal:delete_account")
        logout(request)
        return redirect("portal:account_deleted")
    return render(
        request,
        "portal/my_page/delete_account.html",
        {
            "form": form,
            "pending_count": Application.objects.filter(
                volunteer=user, status=ApplicationStatus.PENDING
            ).count(),
            "current_count": Engagement.objects.filter(volunteer=user, status__in=CURRENT).count(),
            "staff_organisations": [
                m.organisation
                for m in Membership.objects.filter(user=user).select_related("organisation")
            ],
            "nav": "my_page",
        },
        status=400 if form.is_bound else 200,
    )


def account_deleted(request):
    return render(request, "portal/my_page/goodbye.html")
