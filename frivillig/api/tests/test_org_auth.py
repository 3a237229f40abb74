"""Only a live token gets in, and it shows only its own organisation's world."""

import pytest

from frivillig.organisations import tokens
from frivillig.organisations.models import ApiToken

URL = "/api/v1/org/opportunities"


@pytest.fixture
def made(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Hjemmeside", created_by=owner)


def get(client, header=None, lang="en"):
    extra = {"HTTP_ACCEPT_LANGUAGE": lang}
    if header is not None:
        extra["HTTP_AUTHORIZATION"] = header
    return client.get(URL, **extra)


def test_it_lets_a_live_token_in_and_records_its_use(client, made):
    token, raw = made

    response = get(client, f"Bearer {raw}")

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_accepts_the_scheme_in_any_case(client, made):
    assert get(client, f"bearer {made[1]}").status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer fp_findes-ikke",
        "Basic dXNlcjpwYXNz",
        "Token {raw}",
        "{raw}",
        "Bearer {raw}x",
        "Bearer " + "fp_" + "a" * 5000,
    ],
)
def test_it_refuses_anything_but_a_live_token_with_401_json(client, made, header):
    _token, raw = made
    if header is not None:
        header = header.replace("{raw}", raw)

    response = get(client, header)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Send a valid API token in the header “Authorization: Bearer fp_…”. "
        "The token may be unknown or revoked."
    }


def test_it_refuses_a_revoked_token(client, made):
    token, raw = made
    tokens.revoke_token(token=token)

    response = get(client, f"Bearer {raw}")

    assert response.status_code == 401
    token.refresh_from_db()
    assert token.last_used_at is None


def test_it_refuses_the_token_when_its_organisation_is_deleted(client, made, organisation):
    _token, raw = made
    organisation.delete()

    assert get(client, f"Bearer {raw}").status_code == 401
    assert not ApiToken.objects.exists()


def test_it_refuses_in_danish_by_default(client, db):
    response = get(client, None, lang="da")

    assert response.status_code == 401
    assert response["Content-Language"] == "da"
    assert set(response.json()) == {"detail"}


def test_it_ignores_a_signed_in_staff_session(client, owner):
    client.force_login(owner)

    assert get(client).status_code == 401


def test_it_documents_the_token_scheme_on_every_organisation_operation(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "fp_...",
        "description": schema["components"]["securitySchemes"]["ApiTokenAuth"]["description"],
    }
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/org/")
        for method, operation in item.items()
    ]
    assert len(operations) >= 14
    for path, method, operation in operations:
        assert operation["security"] == [{"ApiTokenAuth": []}], (path, method)
        responses = operation["responses"]
        assert "401" in responses, (path, method)
        assert {"200", "201"} & set(responses), (path, method)
        for status, response in responses.items():
            assert response["content"]["application/json"]["schema"], (path, method, status)
