"""SAML (a NemLog-in bridge) and OpenID Connect providers come from the environment alone,
and nothing a provider sends that looks like a CPR number is kept."""

import base64
import datetime
import zlib
from urllib.parse import parse_qs, urlparse

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client

from frivillig.accounts.adapter import scrub_identity
from frivillig.accounts.identity_providers import social_providers_from_env

IDP_SSO = "https://nemlogin-bridge.example.test/sso"


def self_signed_certificate() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture
def clean_env(monkeypatch):
    import os

    for name in list(os.environ):
        if name.startswith(("OIDC", "SAML")):
            monkeypatch.delenv(name)
    return monkeypatch


def test_it_configures_no_provider_without_settings(clean_env):
    assert social_providers_from_env() == {}


def test_it_ignores_an_incomplete_provider(clean_env):
    clean_env.setenv("OIDC_SERVER_URL", "https://login.example.test")
    clean_env.setenv("SAML_IDP_ENTITY_ID", "https://idp.example.test")
    assert social_providers_from_env() == {}


def test_it_builds_two_oidc_providers_and_a_saml_provider(clean_env):
    clean_env.setenv("OIDC_PROVIDER_ID", "mitid")
    clean_env.setenv("OIDC_NAME", "MitID")
    clean_env.setenv("OIDC_SERVER_URL", "https://broker.example.test")
    clean_env.setenv("OIDC_CLIENT_ID", "portal")
    clean_env.setenv("OIDC_CLIENT_SECRET", "s3cret")
    clean_env.setenv("OIDC2_PROVIDER_ID", "medarbejder")
    clean_env.setenv("OIDC2_NAME", "Medarbejderlogin")
    clean_env.setenv("OIDC2_SERVER_URL", "https://login.microsoftonline.example/tenant/v2.0")
    clean_env.setenv("OIDC2_CLIENT_ID", "staff-portal")
    clean_env.setenv("SAML_ORGANIZATION", "nemlogin")
    clean_env.setenv("SAML_IDP_ENTITY_ID", "https://saml.nemlog-in.example")
    clean_env.setenv("SAML_IDP_METADATA_URL", "https://saml.nemlog-in.example/metadata")
    providers = social_providers_from_env()
    oidc = providers["openid_connect"]["APPS"]
    assert [app["provider_id"] for app in oidc] == ["mitid", "medarbejder"]
    assert oidc[0]["secret"] == "s3cret"
    assert oidc[0]["settings"]["oauth_pkce_enabled"] is True
    saml = providers["saml"]["APPS"][0]
    assert saml["client_id"] == "nemlogin"
    assert saml["settings"]["idp"]["metadata_url"].endswith("/metadata")
    assert "cpr" not in str(saml["settings"]["attribute_mapping"]).lower()


def test_it_sends_people_to_the_saml_identity_provider(db, settings, clean_env):
    # python3-saml wants a dotted host name in the URLs it signs, unlike "testserver".
    settings.ALLOWED_HOSTS = ["frivillig.example.test"]
    client = Client(HTTP_HOST="frivillig.example.test")
    clean_env.setenv("SAML_ORGANIZATION", "nemlogin")
    clean_env.setenv("SAML_NAME", "MitID (NemLog-in)")
    clean_env.setenv("SAML_IDP_ENTITY_ID", "https://nemlogin-bridge.example.test")
    clean_env.setenv("SAML_IDP_SSO_URL", IDP_SSO)
    # Certificates arrive on one line in most deployment tools.
    clean_env.setenv("SAML_IDP_X509CERT", self_signed_certificate().replace("\n", "\\n"))
    clean_env.setenv("SAML_SP_ENTITY_ID", "https://frivillig.example.test/saml")
    settings.SOCIALACCOUNT_PROVIDERS = social_providers_from_env()

    login_page = client.get("/konto/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MitID (NemLog-in)" in login_page
    assert client.get("/konto/saml/nemlogin/metadata/").status_code == 200

    response = client.post("/konto/saml/nemlogin/login/", {"process": "login"})
    assert response.status_code == 302
    assert response.url.startswith(IDP_SSO)
    request_xml = zlib.decompress(
        base64.b64decode(parse_qs(urlparse(response.url).query)["SAMLRequest"][0]), -15
    ).decode()
    assert "https://frivillig.example.test/saml" in request_xml
    assert "/konto/saml/nemlogin/acs/" in request_xml


def test_it_drops_cpr_numbers_from_provider_data():
    data = {
        "userinfo": {
            "sub": "abc",
            "email": "a@example.dk",
            "dk:cpr": "0101901234",
            "CPRNumber": "010190-1234",
            "https://data.gov.dk/model/core/eid/cprNumber": ["0101901234"],
            "other": ["0101901234", "keep me"],
        },
        "birthdate": "1990-01-01",
    }
    assert scrub_identity(data) == {
        "userinfo": {"sub": "abc", "email": "a@example.dk", "other": ["keep me"]},
        "birthdate": "1990-01-01",
    }
