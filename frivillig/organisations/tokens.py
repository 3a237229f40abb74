"""API tokens: the secrets with which an organisation's own systems use the API.

The raw token is shown once, when it is made; only its SHA-256 is stored, so a copy of the
database opens no door. A plain hash (not a slow password hash) is enough because the secret is
256 random bits: there is nothing to guess, and every API request can afford one lookup."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.organisations.models import ApiToken, Organisation

TOKEN_PREFIX = "fp_"  # noqa: S105 (a marker that says whose secret it is, not a secret)
PREFIX_LENGTH = 8
# A usable token is "fp_" and 43 URL-safe characters; anything much longer is not ours, and
# refusing it before hashing keeps junk headers cheap.
MAX_RAW_LENGTH = 100
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# Recording every request would turn each API read into a write; a minute is precise enough to
# answer "is this token still in use?".
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(Exception):
    """A rule about API tokens was broken; the message is for the user."""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, organisation: Organisation, name: str, created_by) -> tuple[ApiToken, str]:
    """A new token for `organisation`. Returns the token and the raw secret, which is never
    stored and cannot be shown again."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Give the token a name, so you can tell later what uses it."))
    if len(name) > NAME_MAX_LENGTH:
        raise TokenError(
            _("The name can be at most %(limit)d characters long.") % {"limit": NAME_MAX_LENGTH}
        )
    body = secrets.token_urlsafe(32)
    raw = TOKEN_PREFIX + body
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=body[:PREFIX_LENGTH],
        token_hash=hash_token(raw),
        created_by=created_by,
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    """Stop a token from working, at once and for good. The row stays, so that the list still
    tells who made it and when it was last used."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The live token behind `raw`, or None for anything unknown, malformed or revoked."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_RAW_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("organisation", "created_by")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    stale = now - LAST_USED_RESOLUTION
    if token.last_used_at is None or token.last_used_at < stale:
        # Conditional, so that parallel requests write the row once, not once each.
        ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=token.pk
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
