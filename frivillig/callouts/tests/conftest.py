"""Call-out stories: `organisation` (Ældresagen Nibe) with its owner, coordinator and member,
an outsider from `other_organisation`, and volunteers who opted in around the municipality."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import VolunteerProfile
from frivillig.callouts import services


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def bo_url():
    def build(name, organisation, pk=None):
        kwargs = {"slug": organisation.slug}
        if pk is not None:
            kwargs["pk"] = pk
        return reverse(f"backoffice:{name}", kwargs=kwargs)

    return build


@pytest.fixture
def make_volunteer(make_user, places):
    """A volunteer with a call-out preference. `town` is a key of `places` (or None), and
    `postal_code` goes on the profile."""

    def make(
        email=None,
        *,
        town="nibe",
        postal_code="",
        skills=(),
        opted_in=True,
        phone="",
        first_name="Frida",
        **fields,
    ):
        user = make_user(email, first_name=first_name, **fields)
        VolunteerProfile.objects.create(user=user, postal_code=postal_code, phone=phone)
        services.save_preference(
            user=user,
            opted_in=opted_in,
            place=places[town] if town else None,
            skills=skills,
        )
        return user

    return make


@pytest.fixture
def make_callout(organisation, owner, places):
    def make(*, place="nibe", needed=2, radius_km=10, skills=(), **fields):
        values = {
            "title": "Storm: sandsække i Nibe i aften",
            "description": "Vi fylder sandsække ved havnen.",
            "address": "Havnen 1",
            "starts_at": timezone.now() + timedelta(hours=3),
        }
        values.update(fields)
        return services.create_callout(
            organisation=values.pop("organisation", organisation),
            created_by=values.pop("created_by", owner),
            place=places[place],
            needed=needed,
            radius_km=radius_km,
            skills=skills,
            **values,
        )

    return make


def token_of(callout, user):
    return callout.responses.get(volunteer=user).token
