"""Single sign-on through a generic OpenID Connect provider (a MitID broker, the staff
directory), switched on by settings alone and faked here at the HTTP boundary."""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model

from frivillig.accounts.identity_providers import social_providers_from_env

ISSUER = "https://broker.example.test"
CLIENT_ID = "frivilligportalen"
SECRET = "broker-secret"


@pytest.fixture
def provider(settings, monkeypatch):
    """The broker as an operator would configure it: environment variables only."""
    for name, value in {
        "OIDC_PROVIDER_ID": "mitid",
        "OIDC_NAME": "MitID",
        "OIDC_SERVER_URL": ISSUER,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    settings.SOCIALACCOUNT_PROVIDERS = social_providers_from_env()


@pytest.fixture
def fake_broker(db):
    """Discovery, token, userinfo and keys endpoints; the id_token is signed with RS256 by a
    key made here, published in the JWKS."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "test-key", "alg": "RS256", "use": "sig"})
    claims = {
        "sub": "c2f5a7e0-broker-person",
        "email": "Mette.Madsen@Example.dk",
        "email_verified": True,
        "given_name": "Mette",
        "family_name": "Madsen",
        # A broker may pass on a CPR number; it must never be stored.
        "dk:cpr": "0101901234",
    }
    token_requests = []

    def token_endpoint(request):
        token_requests.append(parse_qs(request.body))
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": ISSUER,
                "aud": CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                **{k: v for k, v in claims.items() if k != "dk:cpr"},
            },
            key,
            algorithm="RS256",
            headers={"kid": "test-key"},
        )
        body = {
            "access_token": "access-token-from-broker",
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            f"{ISSUER}/.well-known/openid-configuration",
            json={
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "jwks_uri": f"{ISSUER}/jwks",
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )
        mock.get(f"{ISSUER}/jwks", json={"keys": [jwk]})
        mock.add_callback(responses.POST, f"{ISSUER}/token", callback=token_endpoint)
        mock.add_callback(
            responses.GET,
            f"{ISSUER}/userinfo",
            callback=lambda request: (
                200,
                {"Content-Type": "application/json"},
                json.dumps(claims),
            ),
            match=[
                responses.matchers.header_matcher(
                    {"Authorization": "Bearer access-token-from-broker"}
                )
            ],
        )
        yield {"token_requests": token_requests, "claims": claims}


def test_it_signs_a_citizen_in_through_the_broker(client, provider, fake_broker):
    login_page = client.get("/konto/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/konto/oidc/mitid/login/?process=login"' in login_page
    assert ">MitID<" in login_page

    # allauth asks for a POST (with CSRF protection) before it leaves for the provider.
    assert client.get("/konto/oidc/mitid/login/").status_code == 200
    response = client.post("/konto/oidc/mitid/login/", {"process": "login"})
    assert response.status_code == 302
    authorize = urlparse(response.url)
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{ISSUER}/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == [CLIENT_ID]
    # https unless the operator turns SECURE_SSL off: the provider must see the public URL.
    assert query["redirect_uri"] == ["https://testserver/konto/oidc/mitid/login/callback/"]
    assert "openid" in query["scope"][0].split()
    assert query["code_challenge_method"] == ["S256"]

    response = client.get(
        "/konto/oidc/mitid/login/callback/",
        {"code": "authorization-code", "state": query["state"][0]},
    )
    assert response.status_code == 302
    assert response.url == "/min-side/"

    token_request = fake_broker["token_requests"][0]
    assert token_request["code"] == ["authorization-code"]
    assert token_request["client_secret"] == [SECRET]
    assert "code_verifier" in token_request

    person = get_user_model().objects.get()
    assert client.session["_auth_user_id"] == str(person.pk)
    assert person.email.lower() == "mette.madsen@example.dk"
    assert person.username == person.email.lower()
    assert (person.first_name, person.last_name) == ("Mette", "Madsen")
    assert person.profile.language == "da"
    account = SocialAccount.objects.get(user=person)
    assert account.provider == "mitid"
    assert "0101901234" not in json.dumps(account.extra_data)


def test_it_refuses_a_callback_with_a_forged_state(client, provider, fake_broker):
    client.post("/konto/oidc/mitid/login/", {"process": "login"})
    response = client.get(
        "/konto/oidc/mitid/login/callback/", {"code": "authorization-code", "state": "forged"}
    )
    assert response.status_code == 401  # allauth's "login failed" page, in the portal's look
    assert response.content.decode().count("<h1") == 1
    assert not get_user_model().objects.exists()
    assert "_auth_user_id" not in client.session


def test_it_shows_no_provider_buttons_when_none_is_configured(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get("/konto/login/").content.decode()
    assert "/konto/oidc/" not in page
    assert client.get("/konto/oidc/mitid/login/").status_code == 404


def test_it_keeps_only_a_keyed_hash_when_a_provider_identifies_people_by_cpr(
    client, provider, fake_broker
):
    fake_broker["claims"]["sub"] = "010190-1234"
    response = client.post("/konto/oidc/mitid/login/", {"process": "login"})
    state = parse_qs(urlparse(response.url).query)["state"][0]
    client.get("/konto/oidc/mitid/login/callback/", {"code": "c", "state": state})
    account = SocialAccount.objects.get()
    assert "0101901234" not in account.uid and "010190-1234" not in account.uid
    assert len(account.uid) == 64
    assert "010190" not in json.dumps(account.extra_data)


def test_it_asks_for_an_e_mail_when_the_provider_sends_none(client, provider, fake_broker):
    # MitID itself knows no e-mail addresses; the person types one and confirms it by code.
    for claim in ("email", "email_verified"):
        del fake_broker["claims"][claim]
    response = client.post("/konto/oidc/mitid/login/", {"process": "login"})
    state = parse_qs(urlparse(response.url).query)["state"][0]
    response = client.get("/konto/oidc/mitid/login/callback/", {"code": "c", "state": state})
    assert response.status_code == 302
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert 'name="email"' in html
    response = client.post(page.request["PATH_INFO"], {"email": "mette@example.dk"})
    assert response.status_code == 302
    assert response.url == "/konto/confirm-email/"
    person = get_user_model().objects.get()
    assert (person.email, person.username) == ("mette@example.dk", "mette@example.dk")
    assert person.profile is not None
