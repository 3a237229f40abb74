"""Who coordinates volunteering where: the administrators and coordinators of every
organisation in the user's part of the municipality, with their contact details.

The list shows staff contact details to staff: it sits behind the municipal door, and the
page says that it is not for sharing."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from frivillig.backoffice.forms import StyledForm
from frivillig.coordination.access import municipal_view
from frivillig.organisations.models import Membership, OrganisationKind, Role

PER_PAGE = 50
# Viewers only read; the people to call about volunteering are those who run it.
LISTED_ROLES = [Role.ADMIN, Role.COORDINATOR]

MUNICIPAL, ASSOCIATIONS, PARTNERS = "municipal", "association", "partner"
KIND_GROUPS = {
    MUNICIPAL: OrganisationKind.municipal(),
    ASSOCIATIONS: {OrganisationKind.ASSOCIATION},
    PARTNERS: {OrganisationKind.PARTNER},
}


class DirectoryFilter(StyledForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, organisation or e-mail"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[
            ("", _("All")),
            (MUNICIPAL, _("Municipal")),
            (ASSOCIATIONS, _("Associations")),
            (PARTNERS, _("Other partners")),
        ],
    )


def _search(memberships, text: str):
    # Every word must match somewhere, so "Olga Ejer" and "ejer nibe" both find Olga.
    for word in text.split():
        memberships = memberships.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return memberships


def coordinators(request, *, text: str = "", kind: str = ""):
    """The listed memberships in the user's scope, in directory order."""
    memberships = Membership.objects.filter(role__in=LISTED_ROLES, user__is_active=True)
    if not request.is_office:
        memberships = memberships.filter(organisation__in=request.scope)
    if kind:
        memberships = memberships.filter(organisation__kind__in=KIND_GROUPS[kind])
    if text:
        memberships = _search(memberships, text)
    return memberships.select_related(
        "user", "user__profile", "organisation", "organisation__parent"
    ).order_by("organisation__name", "user__first_name", "user__last_name", "pk")


def _phone(user) -> str:
    # Staff need not have a volunteer profile; the reverse one-to-one raises when it is missing.
    profile = getattr(user, "profile", None)
    return profile.phone if profile else ""


@municipal_view()
def directory(request):
    form = DirectoryFilter(request.GET or None)
    text = kind = ""
    if form.is_valid():
        text, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    page = Paginator(coordinators(request, text=text, kind=kind), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for membership in page.object_list:
        membership.phone = _phone(membership.user)
    return render(
        request,
        "coordination/directory/list.html",
        {"form": form, "page": page, "searched": bool(text or kind)},
    )
