"""An administrator makes, lists and revokes the organisation's API tokens in the back office."""

import re

import pytest
from django.urls import reverse

from frivillig.organisations import tokens
from frivillig.organisations.models import ApiToken


def url(name, organisation, *args):
    return reverse(f"backoffice:{name}", args=[organisation.slug, *args])


@pytest.fixture
def made(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Hjemmesiden", created_by=owner)


def get(client, path):
    return client.get(path, HTTP_ACCEPT_LANGUAGE="en")


def post(client, path, data=None):
    return client.post(path, data or {}, HTTP_ACCEPT_LANGUAGE="en")


def test_it_lists_the_tokens_without_their_secrets(client, owner, organisation, made):
    token, raw = made
    tokens.authenticate(raw)
    client.force_login(owner)

    response = get(client, url("tokens", organisation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hjemmesiden" in page
    assert f"fp_{token.prefix}…" in page
    assert raw not in page
    assert token.token_hash not in page
    assert "Never" not in page  # it has been used
    assert page.count("<h1") == 1


def test_it_shows_revoked_tokens_as_revoked(client, owner, organisation, made):
    tokens.revoke_token(token=made[0])
    client.force_login(owner)

    page = get(client, url("tokens", organisation)).content.decode()

    assert "Revoked" in page
    assert url("token_revoke", organisation, made[0].pk) not in page


def test_it_creates_a_token_and_shows_the_secret_once(client, owner, organisation):
    client.force_login(owner)
    assert get(client, url("token_create", organisation)).status_code == 200

    response = post(client, url("token_create", organisation), {"name": "Medlemssystem"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    raw = re.search(r'value="(fp_[A-Za-z0-9_-]{43})"', page).group(1)
    assert "shown only this once" in page
    token = ApiToken.objects.get()
    assert (token.name, token.organisation, token.created_by) == (
        "Medlemssystem",
        organisation,
        owner,
    )
    assert tokens.authenticate(raw) == token
    assert raw not in get(client, url("tokens", organisation)).content.decode()


def test_it_explains_a_missing_name_and_makes_nothing(client, owner, organisation):
    client.force_login(owner)

    response = post(client, url("token_create", organisation), {"name": "  "})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the token a name" in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_name"' in page
    assert not ApiToken.objects.exists()


def test_it_keeps_what_was_typed_when_the_name_is_too_long(client, owner, organisation):
    client.force_login(owner)

    response = post(client, url("token_create", organisation), {"name": "x" * 150})

    assert response.status_code == 400
    assert "x" * 150 in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_asks_before_revoking(client, owner, organisation, made):
    token, raw = made
    client.force_login(owner)

    response = get(client, url("token_revoke", organisation, token.pk))

    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert tokens.authenticate(raw) == token


def test_it_revokes_on_confirmation(client, owner, organisation, made):
    token, raw = made
    client.force_login(owner)

    response = post(client, url("token_revoke", organisation, token.pk))

    assert response.status_code == 302
    assert response["Location"] == url("tokens", organisation)
    assert tokens.authenticate(raw) is None
    followed = get(client, response["Location"]).content.decode()
    assert "is revoked" in followed


def test_it_says_so_when_revoking_a_revoked_token(client, owner, organisation, made):
    tokens.revoke_token(token=made[0])
    client.force_login(owner)

    assert (
        "already revoked"
        not in get(client, url("token_revoke", organisation, made[0].pk)).content.decode()
    )
    response = post(client, url("token_revoke", organisation, made[0].pk))

    assert response.status_code == 302
    assert "already been revoked" in get(client, response["Location"]).content.decode()


@pytest.mark.parametrize("name", ["tokens", "token_create"])
def test_it_hides_the_pages_from_a_viewer(client, member, organisation, name):
    client.force_login(member)

    assert get(client, url(name, organisation)).status_code == 404
    assert post(client, url(name, organisation), {"name": "x"}).status_code == 404
    assert not ApiToken.objects.exists()


def test_it_hides_the_pages_from_a_coordinator(client, coordinator, organisation, made):
    client.force_login(coordinator)

    assert get(client, url("tokens", organisation)).status_code == 404
    assert post(client, url("token_revoke", organisation, made[0].pk)).status_code == 404
    assert tokens.authenticate(made[1]) is not None


def test_it_hides_the_pages_from_an_outsider(client, outsider, organisation, made):
    client.force_login(outsider)

    for path in (
        url("tokens", organisation),
        url("token_create", organisation),
        url("token_revoke", organisation, made[0].pk),
    ):
        assert get(client, path).status_code == 404
        assert post(client, path, {"name": "x"}).status_code == 404
    assert tokens.authenticate(made[1]) is not None


def test_it_cannot_revoke_another_organisations_token_through_its_own_pages(
    client, owner, organisation, other_organisation, outsider
):
    theirs, raw = tokens.create_token(
        organisation=other_organisation, name="Deres", created_by=outsider
    )
    client.force_login(owner)

    assert get(client, url("token_revoke", organisation, theirs.pk)).status_code == 404
    assert post(client, url("token_revoke", organisation, theirs.pk)).status_code == 404
    assert tokens.authenticate(raw) == theirs
    assert "Deres" not in get(client, url("tokens", organisation)).content.decode()


def test_it_sends_an_anonymous_visitor_to_sign_in(client, organisation):
    response = get(client, url("tokens", organisation))

    assert response.status_code == 302
