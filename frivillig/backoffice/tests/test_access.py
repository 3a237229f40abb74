"""The back office's one door: every organisation route has the shape a generic walker relies
on, answers an outsider with 404 and an anonymous visitor with a redirect to the log-in, and
the door's own reading of the roles agrees with organisations.permissions."""

import pytest
from django.urls import reverse

from frivillig.agreements.models import (
    AgreementTemplate,
    CooperationAgreement,
    IndividualAgreement,
)
from frivillig.backoffice import urls
from frivillig.backoffice.access import capabilities_in
from frivillig.backoffice.tests.routes import (
    PK_MODELS,
    claim_objects,
    dialogue_objects,
    example_kwargs,
    organisation_routes,
    qualification_objects,
)
from frivillig.callouts import services as callouts
from frivillig.callouts.models import CallOut
from frivillig.catalog.models import Opportunity
from frivillig.engagements.models import Application, Engagement
from frivillig.events import signup
from frivillig.events.models import Event, Shift, ShiftSignup, Team
from frivillig.organisations import invitations, permissions, tokens
from frivillig.organisations.models import (
    ApiToken,
    Invitation,
    Membership,
    OrganisationKind,
    Role,
)
from frivillig.organisations.services import add_member, create_organisation


def test_every_organisation_route_takes_only_slug_and_pk():
    for name, kwargs in organisation_routes():
        assert "slug" in kwargs, name
        assert kwargs <= {"slug", "pk"}, name
        assert ("pk" in kwargs) == (name in PK_MODELS), name


def test_every_organisation_route_goes_through_the_one_door():
    for pattern in urls.organisation_urlpatterns:
        assert getattr(pattern.callback, "organisation_scoped", False), pattern.name


@pytest.fixture
def objects(
    owner,
    organisation,
    engagement,
    opportunity,
    make_shift,
    make_agreement,
    make_cooperation,
    municipal_unit,
):
    invitation, _token = invitations.invite(
        organisation=organisation, email="ny@example.dk", role=Role.VIEWER, invited_by=owner
    )
    token, _raw = tokens.create_token(organisation=organisation, name="Web", created_by=owner)
    shift = make_shift()
    place = signup.sign_up(volunteer=engagement.volunteer, shift=shift).signup
    return {
        IndividualAgreement: make_agreement(
            organisation=organisation, volunteer=engagement.volunteer, by=owner
        ),
        CooperationAgreement: make_cooperation(municipal_unit=municipal_unit, partner=organisation),
        **qualification_objects(organisation, engagement.volunteer, owner),
        **claim_objects(organisation, engagement.volunteer),
        **dialogue_objects(organisation, engagement.volunteer, owner),
        AgreementTemplate: AgreementTemplate.objects.create(
            organisation=organisation,
            name="Egen skabelon",
            introduction="Egen skabelon",
            volunteer_expectations="Egen skabelon",
            organisation_expectations="Egen skabelon",
            ending="Egen skabelon",
        ),
        Opportunity: opportunity,
        Application: engagement.application,
        Engagement: engagement,
        Invitation: invitation,
        Membership: Membership.objects.get(user=owner),
        ApiToken: token,
        Shift: shift,
        Event: shift.event,
        Team: shift.team,
        ShiftSignup: place,
        CallOut: callouts.create_callout(
            organisation=organisation,
            created_by=owner,
            title="Sandsække",
            description="Ved havnen",
            place=opportunity.place,
            starts_at=shift.starts_at,
            needed=2,
            radius_km=10,
        ),
    }


def test_an_outsider_gets_404_everywhere_and_a_stranger_is_sent_to_log_in(
    client, outsider, organisation, objects
):
    paths = [
        reverse(f"backoffice:{name}", kwargs=example_kwargs(name, organisation, objects))
        for name, _kwargs in organisation_routes()
    ]
    for path in paths:
        assert client.get(path).status_code == 302, path
        assert client.post(path).status_code == 302, path
    client.force_login(outsider)
    for path in paths:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"role": "viewer", "message": "x"}).status_code == 404, path


def test_the_doors_one_query_reading_of_roles_agrees_with_the_rule(
    unit, organisation, other_organisation, owner, member, coordinator, outsider, make_user
):
    department = create_organisation(name="Sundhed og Kultur", kind=OrganisationKind.DEPARTMENT)
    head = make_user()
    add_member(organisation=unit, user=head, role=Role.VIEWER)
    add_member(organisation=organisation, user=head, role=Role.COORDINATOR)
    everything = set().union(*permissions.CAPABILITIES.values())
    for user in (owner, member, coordinator, outsider, head):
        for org in (organisation, other_organisation, unit, department):
            expected = {c for c in everything if permissions.user_can(user, org, c)}
            assert capabilities_in(user, org) == expected, (user, org)
