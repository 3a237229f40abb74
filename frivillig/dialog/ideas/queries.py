"""Reads of ideas, each starting from who is asking: the public, the proposer, the central
office, or an organisation's scope."""

from django.db.models import Prefetch, Q

from frivillig.dialog.ideas.models import Idea, IdeaEvent

_TIMELINE = Prefetch(
    "events",
    queryset=IdeaEvent.objects.select_related("by_organisation").order_by("created_at", "pk"),
)


def public_ideas():
    """Taken-up ideas whose proposer agrees to show them; never with a name."""
    return (
        Idea.objects.public()
        .select_related("area", "routed_area", "routed_organisation")
        .order_by("-updated_at", "-pk")
    )


def ideas_of(user):
    return Idea.objects.filter(proposer=user).select_related(
        "area", "place", "routed_area", "routed_organisation"
    )


def idea_of(user, pk: int) -> Idea:
    """The user's own idea with its timeline; DoesNotExist for anyone else's."""
    return ideas_of(user).prefetch_related(_TIMELINE).get(pk=pk)


def ideas_for_office(*, status=None, area=None, place=None):
    ideas = Idea.objects.select_related(
        "area", "place", "routed_area", "routed_organisation"
    ).order_by("-created_at", "-pk")
    if status:
        ideas = ideas.filter(status=status)
    if area is not None:
        ideas = ideas.filter(Q(area=area) | Q(routed_area=area))
    if place is not None:
        ideas = ideas.filter(place=place)
    return ideas


def idea_for_office(pk: int) -> Idea:
    return (
        Idea.objects.select_related(
            "area", "place", "routed_area", "routed_organisation", "proposer"
        )
        .prefetch_related(_TIMELINE)
        .get(pk=pk)
    )


def ideas_for_organisations(scope):
    """Ideas passed on to an organisation in `scope` (an organisation and those below it)."""
    return (
        Idea.objects.filter(routed_organisation__in=scope)
        .select_related("area", "place", "routed_area", "routed_organisation", "proposer")
        .order_by("-created_at", "-pk")
    )
