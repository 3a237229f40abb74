"""Who is asked: volunteers who opted in, live within the radius, and (when the call-out asks
for skills) have at least one of them.

A volunteer's home is the town chosen in their call-out preference or, failing that, a town
with the postal code of their profile. Someone with neither is never matched: we cannot know
whether the place is within reach, and a wrong guess would send people far from home.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from frivillig.callouts.models import CallOutPreference, pack_skills
from frivillig.catalog.geo import bounding_box, distance_expression
from frivillig.catalog.models import Place


def places_within(place: Place, radius_km: float):
    """Towns whose centre lies within `radius_km` of `place` (the box is a cheap prefilter)."""
    south, north, west, east = bounding_box(place.latitude, place.longitude, radius_km)
    return (
        Place.objects.filter(latitude__range=(south, north), longitude__range=(west, east))
        .annotate(distance_km=distance_expression(place.latitude, place.longitude))
        .filter(distance_km__lte=radius_km)
    )


def matching_preferences(*, place: Place, radius_km: float, skills=()):
    nearby = places_within(place, radius_km)
    at_home = Q(place__in=nearby.values("pk")) | Q(
        place__isnull=True, user__profile__postal_code__in=nearby.values("postal_code")
    )
    wanted = Q()
    for skill in pack_skills(skills).strip(",").split(","):
        if skill:
            wanted |= Q(skills__contains=f",{skill},")
    return CallOutPreference.objects.filter(
        at_home,
        wanted,
        opted_in=True,
        user__is_active=True,
    ).exclude(user__email="")


def matching_volunteers(*, place: Place, radius_km: float, skills=()):
    """The users to ask, as one query."""
    preferences = matching_preferences(place=place, radius_km=radius_km, skills=skills)
    return get_user_model().objects.filter(pk__in=preferences.values("user_id"))


def count_matching(*, place: Place, radius_km: float, skills=()) -> int:
    return matching_preferences(place=place, radius_km=radius_km, skills=skills).count()


def home_place(preference: CallOutPreference | None, profile) -> Place | None:
    """The town a volunteer is matched from, for showing it back to them."""
    if preference is not None and preference.place_id:
        return preference.place
    postal_code = getattr(profile, "postal_code", "") if profile is not None else ""
    if not postal_code:
        return None
    return Place.objects.filter(postal_code=postal_code).order_by("name").first()
