"""Single sign-on providers from the environment, so a MitID broker, a NemLog-in bridge or the
municipality's staff directory is switched on by configuration, not code (docs/accounts.md).

Imported by settings.py before Django is set up: it reads os.environ and nothing else.
Two providers of each kind fit: `OIDC_*` and `OIDC2_*`, `SAML_*` and `SAML2_*` (a MitID
broker for citizens beside the staff directory is the usual pair)."""

from frivillig.env import env_bool, env_list, env_str

OIDC_PREFIXES = ("OIDC", "OIDC2")
SAML_PREFIXES = ("SAML", "SAML2")

# What NemLog-in (OIOSAML 3) and most directories call the attributes we use. The CPR number
# is deliberately absent: it must never be requested or stored (see adapter.scrub_identity).
DEFAULT_SAML_ATTRIBUTES = {
    "uid": [
        "urn:oasis:names:tc:SAML:attribute:subject-id",
        "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
        "https://data.gov.dk/model/core/eid/person/pid",
    ],
    "email": [
        "https://data.gov.dk/model/core/eid/email",
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ],
    "first_name": [
        "https://data.gov.dk/model/core/eid/firstName",
        "urn:oid:2.5.4.42",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
    ],
    "last_name": [
        "https://data.gov.dk/model/core/eid/lastName",
        "urn:oid:2.5.4.4",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
    ],
}


def _pem(value: str) -> str:
    # Certificates and keys often arrive in one environment line with literal "\n".
    return value.replace("\\n", "\n").strip()


def oidc_app_from_env(prefix: str) -> dict | None:
    server_url = env_str(f"{prefix}_SERVER_URL")
    client_id = env_str(f"{prefix}_CLIENT_ID")
    if not server_url or not client_id:
        return None
    app_settings = {
        "server_url": server_url,
        "scope": env_list(f"{prefix}_SCOPES", "openid,profile,email"),
        "fetch_userinfo": env_bool(f"{prefix}_FETCH_USERINFO", True),
        "oauth_pkce_enabled": env_bool(f"{prefix}_PKCE", True),
    }
    if env_str(f"{prefix}_TOKEN_AUTH_METHOD"):
        app_settings["token_auth_method"] = env_str(f"{prefix}_TOKEN_AUTH_METHOD")
    if env_str(f"{prefix}_UID_FIELD"):
        app_settings["uid_field"] = env_str(f"{prefix}_UID_FIELD")
    return {
        "provider_id": env_str(f"{prefix}_PROVIDER_ID", prefix.lower()),
        "name": env_str(f"{prefix}_NAME", "OpenID Connect"),
        "client_id": client_id,
        "secret": env_str(f"{prefix}_CLIENT_SECRET"),
        "settings": app_settings,
    }


def saml_app_from_env(prefix: str) -> dict | None:
    entity_id = env_str(f"{prefix}_IDP_ENTITY_ID")
    metadata_url = env_str(f"{prefix}_IDP_METADATA_URL")
    sso_url = env_str(f"{prefix}_IDP_SSO_URL")
    certificate = env_str(f"{prefix}_IDP_X509CERT")
    if not entity_id or not (metadata_url or (sso_url and certificate)):
        return None
    idp = {"entity_id": entity_id}
    if metadata_url:
        idp["metadata_url"] = metadata_url
    else:
        idp.update({"sso_url": sso_url, "x509cert": _pem(certificate)})
        if env_str(f"{prefix}_IDP_SLO_URL"):
            idp["slo_url"] = env_str(f"{prefix}_IDP_SLO_URL")
    advanced = {
        "strict": True,
        "want_assertion_signed": env_bool(f"{prefix}_WANT_ASSERTION_SIGNED", True),
        "want_assertion_encrypted": env_bool(f"{prefix}_WANT_ASSERTION_ENCRYPTED", False),
        "authn_request_signed": env_bool(f"{prefix}_SIGN_REQUESTS", False),
        "reject_deprecated_algorithm": True,
    }
    if env_str(f"{prefix}_SP_X509CERT"):
        advanced["x509cert"] = _pem(env_str(f"{prefix}_SP_X509CERT"))
    if env_str(f"{prefix}_SP_PRIVATE_KEY"):
        advanced["private_key"] = _pem(env_str(f"{prefix}_SP_PRIVATE_KEY"))
    attributes = {key: list(names) for key, names in DEFAULT_SAML_ATTRIBUTES.items()}
    for key in attributes:
        override = env_list(f"{prefix}_ATTR_{key.upper()}")
        if override:
            attributes[key] = override
    app_settings = {
        "idp": idp,
        "sp": {},
        "advanced": advanced,
        "attribute_mapping": attributes,
        "use_nameid_for_email": env_bool(f"{prefix}_NAMEID_IS_EMAIL", False),
    }
    if env_str(f"{prefix}_SP_ENTITY_ID"):
        app_settings["sp"]["entity_id"] = env_str(f"{prefix}_SP_ENTITY_ID")
    return {
        # The client id is the slug in the provider's URLs: /konto/saml/<client_id>/...
        "client_id": env_str(f"{prefix}_ORGANIZATION", prefix.lower()),
        "name": env_str(f"{prefix}_NAME", "SAML"),
        "settings": app_settings,
    }


def social_providers_from_env() -> dict:
    """The value of SOCIALACCOUNT_PROVIDERS: only providers whose settings are complete."""
    providers = {}
    oidc = [app for app in map(oidc_app_from_env, OIDC_PREFIXES) if app]
    if oidc:
        providers["openid_connect"] = {"APPS": oidc}
    saml = [app for app in map(saml_app_from_env, SAML_PREFIXES) if app]
    if saml:
        providers["saml"] = {"APPS": saml}
    return providers
