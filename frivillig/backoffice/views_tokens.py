"""API tokens: list, create (the secret is shown once) and revoke (after a confirmation).

Administrators only (MANAGE_TOKENS): a token acts for the whole organisation and those below
it, so making one is like handing out a key to the building."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.forms import StyledForm
from frivillig.backoffice.views.common import render_page
from frivillig.organisations import tokens
from frivillig.organisations.models import ApiToken
from frivillig.organisations.permissions import MANAGE_TOKENS

SECTION = "tokens"


class TokenForm(StyledForm):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=tokens.NAME_MAX_LENGTH,
        help_text=gettext_lazy(
            "What will use the token, e.g. “Our website” or “Member system”. Only you and your "
            "colleagues see the name."
        ),
        error_messages={
            "required": gettext_lazy("Give the token a name, so you can tell later what uses it."),
        },
    )


def _tokens(request):
    return ApiToken.objects.filter(organisation=request.organisation).select_related("created_by")


@organisation_view(MANAGE_TOKENS)
def token_list(request):
    return render_page(
        request,
        "backoffice/tokens.html",
        {"tokens": _tokens(request).order_by("-created_at", "-pk")},
        section=SECTION,
    )


@never_cache
@organisation_view(MANAGE_TOKENS)
def token_create(request):
    """GET: the form. POST: make the token and show the secret on this one response; it is
    never stored, so reloading cannot show it again (and `never_cache` keeps it out of
    caches)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = tokens.create_token(
                organisation=request.organisation,
                name=form.cleaned_data["name"],
                created_by=request.user,
            )
        except tokens.TokenError as error:
            form.add_error("name", str(error))
        else:
            return render_page(
                request,
                "backoffice/tokens_created.html",
                {"token": token, "raw_token": raw},
                section=SECTION,
            )
    return render_page(
        request,
        "backoffice/tokens_new.html",
        {"form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )


@organisation_view(MANAGE_TOKENS)
def token_revoke(request, pk):
    """Revoking cannot be undone, so it asks first (GET) and revokes on the POST."""
    token = get_object_or_404(_tokens(request), pk=pk)
    if request.method == "POST":
        try:
            tokens.revoke_token(token=token)
        except tokens.TokenError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The token “%(name)s” is revoked. Systems that use it are refused from now on.")
                % {"name": token.name},
            )
        return redirect("backoffice:tokens", request.organisation.slug)
    return render_page(request, "backoffice/tokens_revoke.html", {"token": token}, section=SECTION)
