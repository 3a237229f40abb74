"""The back office's stories: an owner (admin), a member (viewer) and an outsider (admin of
another organisation), plus a municipal unit above the organisation and its coordinator."""

import pytest
from django.urls import reverse

from frivillig.engagements import services as engagements
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation, move_organisation


@pytest.fixture
def bo_url():
    def build(name, organisation, pk=None):
        kwargs = {"slug": organisation.slug}
        if pk is not None:
            kwargs["pk"] = pk
        return reverse(f"backoffice:{name}", kwargs=kwargs)

    return build


@pytest.fixture
def english(client):
    """The test client as an English-speaking browser (Danish translations come later)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Besøgsven i Nibe", contact_phone="12 34 56 78")


@pytest.fixture
def application(opportunity, volunteer):
    volunteer.profile.phone = "87 65 43 21"
    volunteer.profile.save()
    return engagements.apply(
        volunteer=volunteer,
        opportunity=opportunity,
        message="Jeg vil gerne hjælpe",
        availability="Tirsdage",
    )


@pytest.fixture
def engagement(application, owner):
    return engagements.accept(application=application, by=owner)


@pytest.fixture
def other_opportunity(make_opportunity, other_organisation):
    return make_opportunity("Fodboldtræner i Hals", organisation=other_organisation, place="hals")


@pytest.fixture
def other_application(other_opportunity, make_user):
    from frivillig.accounts.models import VolunteerProfile

    person = make_user("anden@example.dk", first_name="Anna", last_name="Anden")
    VolunteerProfile.objects.create(user=person)
    return engagements.apply(volunteer=person, opportunity=other_opportunity)


@pytest.fixture
def unit(organisation, places):
    """A municipal unit with `organisation` placed below it."""
    unit = create_organisation(
        name="Ældre og Handicap", kind=OrganisationKind.UNIT, is_approved=True
    )
    move_organisation(organisation=organisation, parent=unit)
    organisation.refresh_from_db()
    return unit


@pytest.fixture
def unit_coordinator(make_user, unit):
    user = make_user("enhed@example.dk", first_name="Ebbe", last_name="Enhed")
    add_member(organisation=unit, user=user, role=Role.COORDINATOR)
    return user
