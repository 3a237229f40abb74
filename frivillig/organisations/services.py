"""Writes to the organisation tree. Each function owns its transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from frivillig.organisations.models import Membership, Organisation
from frivillig.text import danish_slug


class OrganisationError(Exception):
    """A rule about organisations was broken; the message is for the user."""


def _unique_slug(name: str) -> str:
    base = danish_slug(name, 90) or "org"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    slug: str = "",
    is_approved: bool = False,
    **fields,
) -> Organisation:
    organisation = Organisation.objects.create(
        name=name,
        kind=kind,
        parent=parent,
        slug=slug or _unique_slug(name),
        is_approved=is_approved,
        **fields,
    )
    organisation.path = f"{parent.path if parent else '/'}{organisation.pk}/"
    organisation.save(update_fields=["path"])
    return organisation


@transaction.atomic
def move_organisation(*, organisation: Organisation, parent: Organisation | None) -> None:
    if parent is not None and parent.path.startswith(organisation.path):
        raise OrganisationError(_("An organisation cannot be placed under itself."))
    old_path = organisation.path
    new_path = f"{parent.path if parent else '/'}{organisation.pk}/"
    organisation.parent = parent
    organisation.save(update_fields=["parent"])
    for org in Organisation.objects.select_for_update().filter(path__startswith=old_path):
        org.path = new_path + org.path[len(old_path) :]
        org.save(update_fields=["path"])


@transaction.atomic
def add_member(*, organisation: Organisation, user, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership
