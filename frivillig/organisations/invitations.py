"""Joining and leaving an organisation's staff: invitations by e-mail, roles and removal.

An invitation link carries a random secret of which only the SHA-256 is stored, so a copy of
the database lets nobody in; the link works once and for seven days. Every change that could
leave an organisation without an administrator locks the organisation's row before counting its
administrators, so two administrators demoting each other at the same moment cannot both win.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frivillig.notifications.emails import recipient_language, send_templated
from frivillig.organisations.models import Invitation, Membership, Organisation, Role
from frivillig.organisations.services import OrganisationError

INVITATION_VALID_FOR = timedelta(days=7)


class InvitationError(OrganisationError):
    """An invitation link cannot be used (unknown, used or expired); the message says why."""


def hash_token(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def _lock_organisation(organisation_id: int) -> None:
    # The organisation row is the one lock for changes to its staff (see the module docstring).
    list(Organisation.objects.select_for_update().filter(pk=organisation_id).values_list("pk"))


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise OrganisationError(_("Choose one of the roles."))


@transaction.atomic
def invite(
    *, organisation: Organisation, email: str, role: str, invited_by
) -> tuple[Invitation, str]:
    """Invite a colleague by e-mail. Returns the invitation and the secret for the link, which
    is sent by e-mail after commit and never stored."""
    email = email.strip()
    _check_role(role)
    if not email:
        raise OrganisationError(_("Write the colleague's e-mail address."))
    _lock_organisation(organisation.pk)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise OrganisationError(
            _("%(email)s is already on the staff of %(organisation)s.")
            % {"email": email, "organisation": organisation.name}
        )
    # A new invitation replaces an unused one to the same address, so only the newest link works.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(raw_token),
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    existing_user = (
        get_user_model().objects.filter(email__iexact=email).select_related("profile").first()
    )
    send_templated(
        to=[email],
        template="invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "role_label": Role(role).label,
            "inviter_name": str(invited_by) if invited_by else organisation.name,
            "invitation_url": settings.SITE_URL
            + reverse("backoffice:accept_invitation", args=[raw_token]),
            "valid_days": INVITATION_VALID_FOR.days,
        },
        language=recipient_language(existing_user),
        reply_to=[invited_by.email] if invited_by is not None and invited_by.email else None,
    )
    return invitation, raw_token


def check_invitation(*, raw_token: str, now=None) -> Invitation:
    """The invitation behind a link, if it can still be accepted; otherwise InvitationError
    with a message that says what to do."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(raw_token or ""))
        .first()
    )
    _raise_unless_usable(invitation, now)
    return invitation


def _raise_unless_usable(invitation: Invitation | None, now) -> None:
    if invitation is None:
        raise InvitationError(
            _(
                "This invitation link is not valid. Check that you have the whole link from the "
                "e-mail, or ask your colleague to invite you again."
            )
        )
    if invitation.accepted_at is not None:
        raise InvitationError(
            _(
                "This invitation has already been used. If you accepted it yourself, you find "
                "the organisation in the back office; otherwise ask for a new invitation."
            )
        )
    if invitation.expires_at <= now:
        raise InvitationError(
            _("This invitation expired on %(date)s. Ask %(organisation)s to send you a new one.")
            % {
                "date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
                "organisation": invitation.organisation.name,
            }
        )


@transaction.atomic
def accept_invitation(*, raw_token: str, user) -> Membership:
    """The signed-in `user` joins the staff. Someone who is already on the staff keeps the
    role they have: an invitation never takes rights away."""
    now = timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(token_hash=hash_token(raw_token or ""))
        .first()
    )
    _raise_unless_usable(invitation, now)
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return  # Revoked twice (a double click): the wish is fulfilled.
    if invitation.accepted_at is not None:
        raise OrganisationError(
            _("%(email)s has already accepted the invitation.") % {"email": invitation.email}
        )
    invitation.delete()


def _keep_an_admin(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise OrganisationError(
            _(
                "%(organisation)s must keep at least one administrator. Make a colleague "
                "administrator first."
            )
            % {"organisation": membership.organisation.name}
        )


def _locked_membership(membership: Membership) -> Membership:
    _lock_organisation(membership.organisation_id)
    locked = (
        Membership.objects.select_related("organisation", "user").filter(pk=membership.pk).first()
    )
    if locked is None:
        raise OrganisationError(_("This person is no longer on the staff."))
    return locked


@transaction.atomic
def change_role(*, membership: Membership, role: str) -> Membership:
    _check_role(role)
    membership = _locked_membership(membership)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _keep_an_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    membership = _locked_membership(membership)
    if membership.role == Role.ADMIN:
        _keep_an_admin(membership)
    membership.delete()
