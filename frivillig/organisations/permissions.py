"""Who may see and change what: the one place that decides.

A membership gives a role in an organisation; a role is a set of named capabilities; a role
reaches every organisation below its organisation in the tree. Every back-office and API
read starts from `organisations_for_user`, so another organisation's object is a 404.
"""

from django.http import Http404

from frivillig.organisations.models import Membership, Organisation, Role

VIEW = "view_organisation"
MANAGE_OPPORTUNITIES = "manage_opportunities"
MANAGE_APPLICATIONS = "manage_applications"
MANAGE_MEMBERS = "manage_members"
MANAGE_TOKENS = "manage_api_tokens"
APPROVE_EXPENSES = "approve_expenses"
MANAGE_EVENTS = "manage_events"
MANAGE_AGREEMENTS = "manage_agreements"

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {
            VIEW,
            MANAGE_OPPORTUNITIES,
            MANAGE_APPLICATIONS,
            MANAGE_MEMBERS,
            MANAGE_TOKENS,
            APPROVE_EXPENSES,
            MANAGE_EVENTS,
            MANAGE_AGREEMENTS,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            VIEW,
            MANAGE_OPPORTUNITIES,
            MANAGE_APPLICATIONS,
            APPROVE_EXPENSES,
            MANAGE_EVENTS,
            MANAGE_AGREEMENTS,
        }
    ),
    Role.VIEWER: frozenset({VIEW}),
}


def roles_with(capability: str) -> list[str]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]


def organisations_for_user(user, capability: str = VIEW):
    """Every organisation in which `user` has `capability`, the tree below included."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    roots = Organisation.objects.filter(
        memberships__user=user, memberships__role__in=roles_with(capability)
    ).only("path")
    return Organisation.objects.below(list(roots))


def user_can(user, organisation: Organisation, capability: str) -> bool:
    return organisations_for_user(user, capability).filter(pk=organisation.pk).exists()


def get_organisation_for_user(user, slug: str, capability: str = VIEW) -> Organisation:
    """The organisation behind /org/<slug>/, or a 404 for anyone without the capability."""
    organisation = organisations_for_user(user, capability).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def has_any_membership(user) -> bool:
    return (
        getattr(user, "is_authenticated", False) and Membership.objects.filter(user=user).exists()
    )


def can_check_in(user, shift) -> bool:
    """Staff who manage the organisation's events, and the leads of the shift's team, may
    check people in; a team lead need not be staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if shift.team.leads.filter(pk=user.pk).exists():
        return True
    return user_can(user, shift.organisation, MANAGE_EVENTS)


def is_volunteer_office_staff(user, capability: str = VIEW) -> bool:
    """Staff of the municipality's central volunteer office, who see across organisations."""
    return (
        getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            user=user,
            organisation__is_volunteer_office=True,
            role__in=roles_with(capability),
        ).exists()
    )
