import pytest

from frivillig.organisations import permissions
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation, move_organisation

ALL = [
    permissions.VIEW,
    permissions.MANAGE_OPPORTUNITIES,
    permissions.MANAGE_APPLICATIONS,
    permissions.MANAGE_MEMBERS,
    permissions.MANAGE_TOKENS,
    permissions.APPROVE_EXPENSES,
]


@pytest.fixture
def tree(organisation, other_organisation):
    """department -> unit -> organisation; other_organisation stays outside."""
    department = create_organisation(name="Sundhed og Kultur", kind=OrganisationKind.DEPARTMENT)
    unit = create_organisation(name="Kultur", kind=OrganisationKind.UNIT, parent=department)
    move_organisation(organisation=organisation, parent=unit)
    organisation.refresh_from_db()
    return {"department": department, "unit": unit}


def test_it_gives_the_owner_everything_in_their_organisation(owner, organisation):
    for capability in ALL:
        assert permissions.user_can(owner, organisation, capability)


def test_it_lets_a_viewer_only_look(member, organisation):
    assert permissions.user_can(member, organisation, permissions.VIEW)
    for capability in ALL[1:]:
        assert not permissions.user_can(member, organisation, capability)


def test_it_gives_a_coordinator_the_daily_work_but_not_the_team(coordinator, organisation):
    assert permissions.user_can(coordinator, organisation, permissions.MANAGE_APPLICATIONS)
    assert permissions.user_can(coordinator, organisation, permissions.MANAGE_OPPORTUNITIES)
    assert not permissions.user_can(coordinator, organisation, permissions.MANAGE_MEMBERS)


def test_it_gives_an_outsider_nothing(outsider, organisation):
    for capability in ALL:
        assert not permissions.user_can(outsider, organisation, capability)


def test_a_role_reaches_down_the_tree_but_not_up(tree, organisation, make_user):
    head = make_user()
    add_member(organisation=tree["unit"], user=head, role=Role.COORDINATOR)
    assert permissions.user_can(head, organisation, permissions.MANAGE_APPLICATIONS)
    assert not permissions.user_can(head, tree["department"], permissions.VIEW)
    assert set(permissions.organisations_for_user(head)) == {tree["unit"], organisation}


def test_the_404_helper_hides_what_you_may_not_do(member, organisation):
    from django.http import Http404

    assert permissions.get_organisation_for_user(member, organisation.slug) == organisation
    with pytest.raises(Http404):
        permissions.get_organisation_for_user(
            member, organisation.slug, permissions.MANAGE_OPPORTUNITIES
        )


def test_anonymous_visitors_can_act_for_no_organisation(db):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.organisations_for_user(AnonymousUser()).exists()
