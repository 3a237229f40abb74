import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frivillig.organisations import invitations
from frivillig.organisations.models import Invitation, Membership, Role


def _link(message):
    return re.search(r"/org/invitation/[\w-]+/", message.body).group(0)


def test_it_lists_the_staff_and_their_roles(english, member, owner, organisation, bo_url):
    english.force_login(member)
    response = english.get(bo_url("team", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olga Ejer" in html and "Administrator" in html
    assert "Mads Medlem" in html and "Viewer" in html
    assert bo_url("invite", organisation) not in html  # a viewer cannot invite


def test_it_invites_a_colleague_who_then_joins(
    english, client, owner, organisation, make_user, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            bo_url("invite", organisation), {"email": "kollega@example.dk", "role": "coordinator"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.role == Role.COORDINATOR
    (message,) = mail.outbox
    link = _link(message)
    assert invitation.token_hash not in message.body

    listing = english.get(bo_url("team", organisation)).content.decode()
    assert "kollega@example.dk" in listing

    colleague = make_user("kollega@example.dk")
    client.force_login(colleague)
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Ældresagen Nibe" in page.content.decode()
    joined = client.post(link)
    assert joined.status_code == 302
    assert joined["Location"] == bo_url("dashboard", organisation)
    assert Membership.objects.get(user=colleague).role == Role.COORDINATOR

    used = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert used.status_code == 404
    assert "already been used" in used.content.decode()


def test_it_sends_someone_who_is_not_signed_in_to_log_in_first(client, organisation, owner):
    _invitation, token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    response = client.get(reverse("backoffice:accept_invitation", args=[token]))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_it_explains_an_expired_or_made_up_link(client, organisation, owner, make_user):
    _invitation, token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(make_user())
    expired = client.post(
        reverse("backoffice:accept_invitation", args=[token]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert expired.status_code == 404
    assert "expired" in expired.content.decode()
    made_up = client.get(
        reverse("backoffice:accept_invitation", args=["abc"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert made_up.status_code == 404
    assert "not valid" in made_up.content.decode()


def test_it_keeps_what_was_typed_when_the_address_is_wrong(english, owner, organisation, bo_url):
    english.force_login(owner)
    response = english.post(
        bo_url("invite", organisation), {"email": "ikke-en-adresse", "role": "viewer"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write a valid e-mail address" in html
    assert 'value="ikke-en-adresse"' in html
    assert not Invitation.objects.exists()


def test_it_says_so_when_the_colleague_is_already_on_the_staff(
    english, owner, member, organisation, bo_url
):
    english.force_login(owner)
    response = english.post(
        bo_url("invite", organisation), {"email": member.email, "role": "admin"}
    )
    assert "already on the staff" in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_withdraws_an_invitation_after_asking(english, owner, organisation, bo_url):
    invitation, _token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    english.force_login(owner)
    url = bo_url("invitation_revoke", organisation, invitation.pk)
    assert english.get(url).status_code == 200
    assert Invitation.objects.exists()
    assert english.post(url).status_code == 302
    assert not Invitation.objects.exists()


def test_it_changes_a_role(english, owner, member, organisation, bo_url):
    english.force_login(owner)
    membership = Membership.objects.get(user=member)
    url = bo_url("member_role", organisation, membership.pk)
    assert english.get(url).status_code == 200
    assert english.post(url, {"role": "coordinator"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_it_will_not_leave_the_organisation_without_an_administrator(
    english, owner, member, organisation, bo_url
):
    english.force_login(owner)
    own = Membership.objects.get(user=owner)
    demoted = english.post(
        bo_url("member_role", organisation, own.pk), {"role": "viewer"}, follow=True
    )
    assert "must keep at least one administrator" in demoted.content.decode()
    removed = english.post(bo_url("member_remove", organisation, own.pk), follow=True)
    assert "must keep at least one administrator" in removed.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_it_removes_a_member_after_asking(english, owner, member, organisation, bo_url):
    english.force_login(owner)
    membership = Membership.objects.get(user=member)
    url = bo_url("member_remove", organisation, membership.pk)
    confirm = english.get(url)
    assert confirm.status_code == 200
    assert "Mads Medlem" in confirm.content.decode()
    assert english.post(url).status_code == 302
    assert not Membership.objects.filter(user=member).exists()


def test_it_lets_an_administrator_step_down_and_leaves_them_where_they_may_be(
    english, owner, member, organisation, bo_url
):
    Membership.objects.filter(user=member).update(role=Role.ADMIN)
    english.force_login(owner)
    own = Membership.objects.get(user=owner)
    response = english.post(bo_url("member_role", organisation, own.pk), {"role": "viewer"})
    assert response["Location"] == bo_url("dashboard", organisation)
    response = english.post(bo_url("member_role", organisation, own.pk), {"role": "viewer"})
    assert response.status_code == 404  # no longer an administrator


def test_it_lets_a_member_look_but_not_change_the_team(
    english, member, owner, organisation, bo_url
):
    english.force_login(member)
    own = Membership.objects.get(user=owner)
    assert english.get(bo_url("invite", organisation)).status_code == 404
    assert (
        english.post(
            bo_url("invite", organisation), {"email": "x@example.dk", "role": "admin"}
        ).status_code
        == 404
    )
    assert (
        english.post(bo_url("member_role", organisation, own.pk), {"role": "viewer"}).status_code
        == 404
    )
    assert english.post(bo_url("member_remove", organisation, own.pk)).status_code == 404
    assert not Invitation.objects.exists()
    assert Membership.objects.get(user=owner).role == Role.ADMIN


def test_a_coordinator_cannot_manage_the_team_either(
    english, coordinator, owner, organisation, bo_url
):
    english.force_login(coordinator)
    assert english.get(bo_url("team", organisation)).status_code == 200
    assert english.get(bo_url("invite", organisation)).status_code == 404


def test_it_answers_an_outsider_with_404(client, outsider, owner, organisation, bo_url):
    client.force_login(outsider)
    own = Membership.objects.get(user=owner)
    assert client.get(bo_url("team", organisation)).status_code == 404
    assert client.post(bo_url("member_remove", organisation, own.pk)).status_code == 404


def test_it_does_not_find_another_organisations_staff_or_invitations(
    client, owner, outsider, organisation, other_organisation, bo_url
):
    invitation, _token = invitations.invite(
        organisation=other_organisation,
        email="ny@example.dk",
        role=Role.VIEWER,
        invited_by=outsider,
    )
    theirs = Membership.objects.get(user=outsider)
    client.force_login(owner)
    assert client.post(bo_url("member_remove", organisation, theirs.pk)).status_code == 404
    assert (
        client.post(bo_url("member_role", organisation, theirs.pk), {"role": "viewer"}).status_code
        == 404
    )
    assert client.post(bo_url("invitation_revoke", organisation, invitation.pk)).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert Membership.objects.filter(pk=theirs.pk).exists()
