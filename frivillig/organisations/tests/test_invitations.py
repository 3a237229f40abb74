import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from frivillig.organisations import invitations
from frivillig.organisations.models import Invitation, Membership, Role
from frivillig.organisations.services import OrganisationError, add_member


@pytest.fixture(autouse=True)
def _in_english():
    # The services speak the user's language; these stories read their messages in English.
    with translation.override("en"):
        yield


def test_it_stores_only_a_hash_and_mails_the_link(
    organisation, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitations.invite(
            organisation=organisation,
            email="ny@example.dk",
            role=Role.COORDINATOR,
            invited_by=owner,
        )
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    (message,) = mail.outbox
    assert message.to == ["ny@example.dk"]
    assert f"/org/invitation/{token}/" in message.body
    assert "Ældresagen Nibe" in message.subject
    assert message.reply_to == ["ejer@example.dk"]


def test_it_sends_nothing_when_the_transaction_rolls_back(
    organisation, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitations.invite(
            organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
        )
    assert len(callbacks) == 1  # queued for after commit, not sent inside the transaction
    assert mail.outbox == []


def test_it_replaces_an_unused_invitation_to_the_same_address(organisation, owner):
    first, first_token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    second, second_token = invitations.invite(
        organisation=organisation, email="NY@example.dk", role=Role.ADMIN, invited_by=owner
    )
    assert list(Invitation.objects.all()) == [second]
    with pytest.raises(invitations.InvitationError, match="not valid"):
        invitations.check_invitation(raw_token=first_token)


def test_it_refuses_to_invite_someone_already_on_the_staff(organisation, owner, member):
    with pytest.raises(OrganisationError, match="already on the staff"):
        invitations.invite(
            organisation=organisation, email="MEDLEM@example.dk", role=Role.ADMIN, invited_by=owner
        )


def test_it_refuses_an_unknown_role(organisation, owner):
    with pytest.raises(OrganisationError):
        invitations.invite(
            organisation=organisation, email="x@example.dk", role="boss", invited_by=owner
        )


def test_it_makes_the_person_who_accepts_staff_once(organisation, owner, make_user):
    _invitation, token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.COORDINATOR, invited_by=owner
    )
    newcomer = make_user("ny@example.dk")
    membership = invitations.accept_invitation(raw_token=token, user=newcomer)
    assert (membership.organisation, membership.role) == (organisation, Role.COORDINATOR)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == newcomer and invitation.accepted_at is not None
    with pytest.raises(invitations.InvitationError, match="already been used"):
        invitations.accept_invitation(raw_token=token, user=make_user())


def test_it_refuses_an_expired_invitation_clearly(organisation, owner, make_user):
    _invitation, token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(invitations.InvitationError, match="expired"):
        invitations.accept_invitation(raw_token=token, user=make_user())
    assert not Membership.objects.filter(role=Role.VIEWER).exists()


def test_it_refuses_a_made_up_token(db, make_user):
    with pytest.raises(invitations.InvitationError, match="not valid"):
        invitations.accept_invitation(raw_token="nonsense", user=make_user())


def test_an_invitation_never_takes_rights_away(organisation, owner):
    _invitation, token = invitations.invite(
        organisation=organisation, email="andet@example.dk", role=Role.VIEWER, invited_by=owner
    )
    membership = invitations.accept_invitation(raw_token=token, user=owner)
    assert membership.role == Role.ADMIN


def test_it_revokes_an_invitation(organisation, owner):
    invitation, token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    invitations.revoke_invitation(invitation=invitation)
    invitations.revoke_invitation(invitation=invitation)  # a double click is harmless
    with pytest.raises(invitations.InvitationError):
        invitations.check_invitation(raw_token=token)


def test_it_keeps_at_least_one_administrator(organisation, owner, member):
    owner_membership = Membership.objects.get(user=owner)
    with pytest.raises(OrganisationError, match="at least one administrator"):
        invitations.change_role(membership=owner_membership, role=Role.VIEWER)
    with pytest.raises(OrganisationError, match="at least one administrator"):
        invitations.remove_member(membership=owner_membership)
    assert Membership.objects.get(user=owner).role == Role.ADMIN


def test_it_lets_an_administrator_step_down_when_another_remains(organisation, owner, member):
    member_membership = Membership.objects.get(user=member)
    invitations.change_role(membership=member_membership, role=Role.ADMIN)
    invitations.change_role(membership=Membership.objects.get(user=owner), role=Role.VIEWER)
    assert Membership.objects.get(user=owner).role == Role.VIEWER
    invitations.remove_member(membership=Membership.objects.get(user=owner))
    assert not Membership.objects.filter(user=owner).exists()


def test_it_removes_a_viewer_freely(organisation, owner, member):
    invitations.remove_member(membership=Membership.objects.get(user=member))
    assert list(Membership.objects.values_list("user__email", flat=True)) == ["ejer@example.dk"]


def test_the_rule_counts_administrators_of_that_organisation_only(
    organisation, other_organisation, owner, outsider, make_user
):
    # The outsider is an administrator elsewhere; that does not make the owner replaceable.
    add_member(organisation=organisation, user=make_user(), role=Role.COORDINATOR)
    with pytest.raises(OrganisationError):
        invitations.remove_member(membership=Membership.objects.get(user=owner))
