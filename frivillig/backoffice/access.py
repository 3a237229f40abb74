"""The back office's one door: /org/<slug>/ plus a capability, resolved in one place.

Every view is wrapped in `organisation_view(capability)`; it signs the user in if needed,
finds the organisation only among those the user may act for (organisations.permissions),
and answers 404 to everyone else, so another organisation's pages do not even exist. A
capability the user lacks is a 404 as well: a viewer cannot tell a change page from a
missing one."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404

from frivillig.accounts.services import record_personal_data_read
from frivillig.organisations import permissions
from frivillig.organisations.models import Membership


def capabilities_in(user, organisation) -> frozenset[str]:
    """Everything `user` may do in `organisation`, in one query: the roles they hold in it or
    in any organisation above it (the same rule as permissions.organisations_for_user)."""
    ancestor_ids = [int(part) for part in organisation.path.strip("/").split("/") if part]
    roles = Membership.objects.filter(user=user, organisation_id__in=ancestor_ids).values_list(
        "role", flat=True
    )
    return frozenset().union(*(permissions.CAPABILITIES.get(role, ()) for role in roles))


def organisation_view(capability: str = permissions.VIEW):
    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.organisation = permissions.get_organisation_for_user(
                request.user, slug, capability
            )
            request.scope = permissions.organisations_for_user(
                request.user, permissions.VIEW
            ).filter(path__startswith=request.organisation.path)
            request.capabilities = capabilities_in(request.user, request.organisation)
            request.can = request.capabilities.__contains__
            return view(request, *args, **kwargs)

        wrapper.capability = capability
        wrapper.organisation_scoped = True
        return wrapper

    return decorator


def get_in_scope(request, queryset, **lookup):
    """An object that belongs to the current organisation or one below it, or 404."""
    return get_object_or_404(queryset.filter(organisation__in=request.scope), **lookup)


def log_personal_data_read(request, volunteer, what: str) -> None:
    record_personal_data_read(
        staff=request.user, volunteer=volunteer, organisation=request.organisation, what=what
    )
