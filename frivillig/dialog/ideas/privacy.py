"""The ideas part of a person's data export.

On account deletion an idea stays (it may have become a public volunteer effort) but loses its
proposer: Idea.proposer is SET_NULL, and the steps' `by` link too. `may_publish` stays as the
proposer agreed; a published idea never carried a name. The idea's text is the proposer's own
words and is exported here in full."""

from frivillig.dialog.ideas.models import Idea


def _iso(value):
    return value.isoformat() if value else None


def export_for(user) -> dict:
    ideas = (
        Idea.objects.filter(proposer=user)
        .select_related("area", "place", "routed_area", "routed_organisation")
        .prefetch_related("events__by_organisation")
        .order_by("created_at", "pk")
    )
    return {
        "ideas": [
            {
                "id": idea.pk,
                "title": idea.title,
                "description": idea.description,
                "area": idea.area.slug if idea.area else None,
                "town": idea.place.slug if idea.place else None,
                "status": idea.status,
                "may_publish": idea.may_publish,
                "routed_area": idea.routed_area.slug if idea.routed_area else None,
                "routed_organisation": (
                    idea.routed_organisation.name if idea.routed_organisation else None
                ),
                "answer": idea.note,
                "created_at": _iso(idea.created_at),
                "updated_at": _iso(idea.updated_at),
                "timeline": [
                    {
                        "status": event.status,
                        "note": event.note,
                        "organisation": (
                            event.by_organisation.name if event.by_organisation else None
                        ),
                        "at": _iso(event.created_at),
                    }
                    for event in idea.events.all()
                ],
            }
            for idea in ideas
        ]
    }
