import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.organisations import tokens
from frivillig.organisations.models import ApiToken


@pytest.fixture
def made(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Vores hjemmeside", created_by=owner)


def test_it_gives_the_secret_once_and_stores_only_its_hash(made, organisation, owner):
    token, raw = made

    assert raw.startswith("fp_")
    assert len(raw) == 3 + 43
    assert token.prefix == raw[3:11]
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = ApiToken.objects.get()
    assert raw not in {getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields}
    assert (stored.organisation, stored.name, stored.created_by) == (
        organisation,
        "Vores hjemmeside",
        owner,
    )
    assert stored.last_used_at is None and stored.revoked_at is None


def test_it_makes_a_different_secret_every_time(organisation, owner):
    raws = {
        tokens.create_token(organisation=organisation, name=f"n{i}", created_by=owner)[1]
        for i in range(5)
    }

    assert len(raws) == 5


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_it_refuses_a_missing_or_too_long_name(organisation, owner, name):
    with pytest.raises(tokens.TokenError):
        tokens.create_token(organisation=organisation, name=name, created_by=owner)
    assert not ApiToken.objects.exists()


def test_it_recognises_the_raw_token(made):
    token, raw = made

    assert tokens.authenticate(raw) == token


@pytest.mark.parametrize(
    "raw",
    ["", "fp_", "fp_unknown", "Bearer fp_x", "xx_" + "a" * 43, "fp_" + "a" * 500, "\x00"],
)
def test_it_refuses_unknown_and_malformed_tokens(made, raw):
    assert tokens.authenticate(raw) is None


def test_it_refuses_a_token_with_one_character_changed(made):
    _token, raw = made
    changed = raw[:-1] + ("A" if raw[-1] != "A" else "B")

    assert tokens.authenticate(changed) is None


def test_it_refuses_a_revoked_token_at_once(made):
    token, raw = made

    revoked = tokens.revoke_token(token=token)

    assert revoked.revoked_at is not None
    assert tokens.authenticate(raw) is None


def test_it_says_so_when_a_token_is_revoked_twice(made):
    token, _raw = made
    tokens.revoke_token(token=token)

    with pytest.raises(tokens.TokenError):
        tokens.revoke_token(token=token)


def test_it_records_use_at_most_once_a_minute(made):
    token, raw = made

    tokens.authenticate(raw)
    first = ApiToken.objects.get().last_used_at
    assert first is not None

    with CaptureQueriesContext(connection) as queries:
        tokens.authenticate(raw)
    assert len(queries) == 1  # the lookup, no write
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    tokens.authenticate(raw)
    assert ApiToken.objects.get().last_used_at > first
