"""The municipality's door: /kommune/ for municipal coordinators and the central volunteer
office, resolved in one place.

Staff of a municipal department, unit or institution see their own part of the tree; staff
of the central volunteer office see everything. Everyone else gets a 404 (a stranger is sent
to log in first), so the pages do not even exist for them. `request.scope` is the
organisations the figures and lists may draw on, and every query starts from it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from frivillig.organisations import permissions
from frivillig.organisations.models import Membership, Organisation, OrganisationKind


def municipal_scope(user, capability: str = permissions.VIEW):
    """The organisations `user` coordinates for the municipality, or none."""
    if permissions.is_volunteer_office_staff(user, capability):
        return Organisation.objects.all()
    roots = Organisation.objects.filter(
        memberships__user=user,
        memberships__role__in=permissions.roles_with(capability),
        kind__in=OrganisationKind.municipal(),
    ).only("path")
    return Organisation.objects.below(list(roots)) if roots else Organisation.objects.none()


def municipal_view(capability: str = permissions.VIEW, *, office_only: bool = False):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.is_office = permissions.is_volunteer_office_staff(request.user, capability)
            if office_only and not request.is_office:
                raise Http404
            request.scope = municipal_scope(request.user, capability)
            if not request.is_office and not request.scope.exists():
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.municipal_scoped = True
        wrapper.office_only = office_only
        return wrapper

    return decorator


def is_municipal_staff(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        permissions.is_volunteer_office_staff(user)
        or Membership.objects.filter(
            user=user, organisation__kind__in=OrganisationKind.municipal()
        ).exists()
    )
