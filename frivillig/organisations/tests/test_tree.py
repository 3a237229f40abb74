import pytest

from frivillig.organisations import permissions
from frivillig.organisations.models import Organisation, OrganisationKind, Role
from frivillig.organisations.services import (
    OrganisationError,
    add_member,
    create_organisation,
    move_organisation,
)


@pytest.fixture
def tree(db):
    department = create_organisation(
        name="Senior og Omsorg", kind=OrganisationKind.DEPARTMENT, is_approved=True
    )
    unit = create_organisation(
        name="Plejecentre Øst", kind=OrganisationKind.UNIT, parent=department, is_approved=True
    )
    centre = create_organisation(
        name="Plejecenter Vejgaard",
        kind=OrganisationKind.INSTITUTION,
        parent=unit,
        is_approved=True,
    )
    other = create_organisation(name="Kultur", kind=OrganisationKind.DEPARTMENT, is_approved=True)
    return department, unit, centre, other


def test_it_lets_a_role_reach_everything_below(tree, make_user):
    department, unit, centre, other = tree
    coordinator = make_user()
    add_member(organisation=unit, user=coordinator, role=Role.COORDINATOR)
    seen = set(permissions.organisations_for_user(coordinator))
    assert seen == {unit, centre}
    assert permissions.user_can(coordinator, centre, permissions.MANAGE_APPLICATIONS)
    assert not permissions.user_can(coordinator, department, permissions.VIEW)
    assert not permissions.user_can(coordinator, other, permissions.VIEW)


def test_it_gives_a_viewer_no_power_to_change(tree, make_user):
    _, unit, centre, _ = tree
    viewer = make_user()
    add_member(organisation=unit, user=viewer, role=Role.VIEWER)
    assert permissions.user_can(viewer, centre, permissions.VIEW)
    assert not permissions.user_can(viewer, centre, permissions.MANAGE_OPPORTUNITIES)


def test_it_answers_404_for_an_organisation_out_of_reach(tree, make_user):
    from django.http import Http404

    _, unit, _, other = tree
    coordinator = make_user()
    add_member(organisation=unit, user=coordinator, role=Role.COORDINATOR)
    with pytest.raises(Http404):
        permissions.get_organisation_for_user(coordinator, other.slug)


def test_it_moves_a_branch_and_keeps_paths_right(tree):
    department, unit, centre, other = tree
    move_organisation(organisation=unit, parent=other)
    centre.refresh_from_db()
    assert centre.path.startswith(other.path)
    assert set(Organisation.objects.below([other])) == {other, unit, centre}
    with pytest.raises(OrganisationError):
        move_organisation(organisation=other, parent=centre)


def test_it_gives_anonymous_people_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.organisations_for_user(AnonymousUser()).exists()
