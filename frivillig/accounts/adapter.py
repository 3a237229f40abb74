"""How allauth fits this project: the username is the e-mail, every new person gets a
volunteer profile in the language they signed up in, mails name the portal, and nothing a
single sign-on provider sends that looks like a CPR number is ever stored."""

import re
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_email, user_username
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from frivillig.accounts import services

CPR_VALUE = re.compile(r"^\s*\d{6}-?\d{4}\s*$")
CPR_KEY = re.compile(r"cpr", re.IGNORECASE)


def scrub_identity(data):
    """A copy of provider data without CPR numbers: no key that names one, no value shaped
    like one (DDMMYY-NNNN). The strategy and the privacy page promise none are stored."""
    if isinstance(data, dict):
        return {
            key: scrub_identity(value)
            for key, value in data.items()
            if not CPR_KEY.search(str(key)) and not _looks_like_cpr(value)
        }
    if isinstance(data, list | tuple):
        return [scrub_identity(value) for value in data if not _looks_like_cpr(value)]
    return data


def _looks_like_cpr(value) -> bool:
    return isinstance(value, str | int) and bool(CPR_VALUE.match(str(value)))


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # The e-mail is the username, so the admin log-in (which asks for the username) and
        # allauth agree on who is who.
        username = services.username_for_email(user_email(user) or "")
        if username:
            user_username(user, username)
        else:
            super().populate_username(request, user)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.ensure_volunteer_profile(user=user, language=services.current_language())
        return user

    def send_mail(self, template_prefix, email, context):
        # allauth greets with the site's name; without django.contrib.sites that would be the
        # bare host name, so name the portal and the municipality instead.
        site = SimpleNamespace(
            name=f"{_('Frivilligportalen')} · {settings.MUNICIPALITY['name']}",
            domain=settings.SITE_URL,
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # The provider's own username (e.g. "jdoe") is not ours: ours is the e-mail.
        user_username(user, "")
        account = sociallogin.account
        account.extra_data = scrub_identity(account.extra_data)
        if _looks_like_cpr(account.uid):
            # A provider configured to identify people by CPR still works, but only a keyed
            # one-way hash of the number is kept (a plain hash of 10 digits is guessable).
            account.uid = salted_hmac(
                "frivillig.accounts.uid", account.uid.strip(), algorithm="sha256"
            ).hexdigest()
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        services.ensure_volunteer_profile(user=user, language=services.current_language())
        return user
