"""The team: staff and their roles, invitations by e-mail, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.forms import InvitationForm, RoleForm
from frivillig.backoffice.views.common import render_page
from frivillig.organisations import invitations, permissions
from frivillig.organisations.models import Invitation, Membership, Role
from frivillig.organisations.services import OrganisationError

SECTION = "team"
_ROLE_ORDER = {Role.ADMIN: 0, Role.COORDINATOR: 1, Role.VIEWER: 2}


def _team_url(request):
    return redirect("backoffice:team", request.organisation.slug)


@organisation_view()
def team(request):
    members = sorted(
        Membership.objects.filter(organisation=request.organisation).select_related("user"),
        key=lambda m: (_ROLE_ORDER.get(m.role, 9), str(m.user).lower()),
    )
    open_invitations = []
    if request.can(permissions.MANAGE_MEMBERS):
        open_invitations = list(
            Invitation.objects.filter(
                organisation=request.organisation, accepted_at__isnull=True
            ).select_related("invited_by")
        )
    return render_page(
        request,
        "backoffice/team/list.html",
        {"members": members, "invitations": open_invitations, "now": timezone.now()},
        section=SECTION,
    )


@organisation_view(permissions.MANAGE_MEMBERS)
def invite(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitations.invite(
                organisation=request.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The invitation is sent to %(email)s. The link works for %(days)d days.")
                % {"email": invitation.email, "days": invitations.INVITATION_VALID_FOR.days},
            )
            return _team_url(request)
    return render_page(
        request,
        "backoffice/team/invite.html",
        {"form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )


@organisation_view(permissions.MANAGE_MEMBERS)
def invitation_revoke(request, pk):
    invitation = get_object_or_404(
        Invitation, pk=pk, organisation=request.organisation, accepted_at__isnull=True
    )
    if request.method == "POST":
        try:
            invitations.revoke_invitation(invitation=invitation)
        except OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The invitation to %(email)s is withdrawn; the link no longer works.")
                % {"email": invitation.email},
            )
        return _team_url(request)
    return render_page(
        request, "backoffice/team/revoke.html", {"invitation": invitation}, section=SECTION
    )


def _membership(request, pk):
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=request.organisation,
    )


@organisation_view(permissions.MANAGE_MEMBERS)
def member_role(request, pk):
    membership = _membership(request, pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            invitations.change_role(membership=membership, role=form.cleaned_data["role"])
        except OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": membership.user, "role": Role(form.cleaned_data["role"]).label},
            )
            return _after_own_change(request)
    return render_page(
        request,
        "backoffice/team/role.html",
        {"membership": membership, "form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )


@organisation_view(permissions.MANAGE_MEMBERS)
def member_remove(request, pk):
    membership = _membership(request, pk)
    if request.method == "POST":
        try:
            invitations.remove_member(membership=membership)
        except OrganisationError as error:
            messages.error(request, str(error))
            return _team_url(request)
        messages.success(
            request,
            _("%(name)s is no longer on the staff of %(organisation)s.")
            % {"name": membership.user, "organisation": request.organisation.name},
        )
        return _after_own_change(request)
    return render_page(
        request,
        "backoffice/team/remove.html",
        {"membership": membership, "is_self": membership.user_id == request.user.pk},
        section=SECTION,
    )


def _after_own_change(request):
    """Back to the team page, unless the user has just taken that page away from themselves."""
    if permissions.user_can(request.user, request.organisation, permissions.MANAGE_MEMBERS):
        return _team_url(request)
    if permissions.user_can(request.user, request.organisation, permissions.VIEW):
        return redirect("backoffice:dashboard", request.organisation.slug)
    return redirect("backoffice:choose")


def _unusable(request, error):
    return render(
        request, "backoffice/invitation.html", {"error": str(error), "invitation": None}, status=404
    )


@never_cache  # the page's address is the secret
@login_required
def accept_invitation(request, token):
    """/org/invitation/<token>/: shows what the invitation is for (GET) and accepts it for the
    signed-in user (POST). An unknown, used or expired link gets a clear message."""
    try:
        invitation = invitations.check_invitation(raw_token=token)
        if request.method == "POST":
            membership = invitations.accept_invitation(raw_token=token, user=request.user)
        else:
            membership = None
    except invitations.InvitationError as error:
        return _unusable(request, error)
    if membership is None:
        return render(
            request,
            "backoffice/invitation.html",
            {"error": "", "invitation": invitation, "role_label": Role(invitation.role).label},
        )
    messages.success(
        request,
        _("Welcome to the staff of %(organisation)s. Your role is %(role)s.")
        % {"organisation": membership.organisation.name, "role": membership.get_role_display()},
    )
    return redirect("backoffice:dashboard", membership.organisation.slug)
