"""Joint efforts: several organisations post the same need (same area, same town, at the same
time) and the central volunteer office links them, so that a citizen sees one need, not three.

Finding candidates is bounded on purpose: the database groups the visible, unlinked
opportunities by (area, town) and keeps only pairs with at least two organisations; only the
first MAX_GROUPS of those are read, and dates are compared in Python within each small group."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from frivillig.catalog.models import Area, JointEffort, Opportunity, Place

logger = logging.getLogger(__name__)

MAX_GROUPS = 200
MAX_TITLE = 160


class JointEffortError(Exception):
    """A link or unlink that breaks a rule; the message is for the user."""


@dataclass(frozen=True)
class Candidate:
    area: Area
    place: Place
    opportunities: tuple[Opportunity, ...]

    @property
    def key(self) -> str:
        return "-".join(str(o.pk) for o in self.opportunities)


def _unlinked(scope):
    return Opportunity.objects.visible().filter(
        organisation__in=scope, joint_effort__isnull=True, place__isnull=False
    )


def _overlapping_clusters(rows):
    """Chains of rows whose date ranges overlap; a missing date is open-ended."""
    low, high = (0,), (2,)  # sort keys below and above every real date

    def start(row):
        return (1, row.start_date) if row.start_date else low

    def end(row):
        return (1, row.end_date) if row.end_date else high

    clusters, current, reach = [], [], None
    for row in sorted(rows, key=lambda r: (start(r), r.pk)):
        if current and start(row) <= reach:
            current.append(row)
            reach = max(reach, end(row))
        else:
            if current:
                clusters.append(current)
            current, reach = [row], end(row)
    if current:
        clusters.append(current)
    return clusters


def candidates(scope) -> list[Candidate]:
    """Groups of visible, unlinked opportunities of different organisations in `scope` that
    share an area and a town and whose dates overlap."""
    links = Opportunity.areas.through.objects.filter(opportunity__in=_unlinked(scope))
    pairs = list(
        links.values("area_id", "opportunity__place_id")
        .annotate(orgs=Count("opportunity__organisation_id", distinct=True))
        .filter(orgs__gte=2)
        .order_by("area_id", "opportunity__place_id")
        .values_list("area_id", "opportunity__place_id")[:MAX_GROUPS]
    )
    if not pairs:
        return []
    area_ids = {a for a, _p in pairs}
    place_ids = {p for _a, p in pairs}
    rows = (
        links.filter(area_id__in=area_ids, opportunity__place_id__in=place_ids)
        .select_related("opportunity__organisation", "opportunity__place")
        .order_by("opportunity_id")
    )
    wanted = set(pairs)
    groups: dict[tuple[int, int], list[Opportunity]] = {}
    for link in rows:
        key = (link.area_id, link.opportunity.place_id)
        if key in wanted:
            groups.setdefault(key, []).append(link.opportunity)
    areas = Area.objects.in_bulk(area_ids)
    found, seen = [], set()
    for (area_id, _place_id), members in groups.items():
        for cluster in _overlapping_clusters(members):
            ids = frozenset(o.pk for o in cluster)
            if len({o.organisation_id for o in cluster}) < 2 or ids in seen:
                continue
            seen.add(ids)
            ordered = tuple(sorted(cluster, key=lambda o: o.pk))
            found.append(Candidate(areas[area_id], ordered[0].place, ordered))
    return found


def link(*, opportunities, title: str, by, description: str = "") -> JointEffort:
    """Link visible, unlinked opportunities of at least two organisations as one effort."""
    title = (title or "").strip()
    if not title:
        raise JointEffortError(_("Give the joint effort a title."))
    if len(title) > MAX_TITLE:
        raise JointEffortError(_("The title is too long."))
    ids = {o.pk if isinstance(o, Opportunity) else int(o) for o in opportunities}
    if len(ids) < 2:
        raise JointEffortError(_("Choose at least two opportunities."))
    with transaction.atomic():
        rows = list(
            Opportunity.objects.visible()
            .filter(pk__in=ids)
            .select_for_update(of=("self",))
            .only("pk", "organisation_id", "joint_effort_id")
        )
        if len(rows) != len(ids):
            raise JointEffortError(_("One of the opportunities is no longer published."))
        if any(o.joint_effort_id for o in rows):
            raise JointEffortError(_("One of the opportunities is already part of a joint effort."))
        if len({o.organisation_id for o in rows}) < 2:
            raise JointEffortError(_("A joint effort needs opportunities from two organisations."))
        effort = JointEffort.objects.create(title=title, description=description, created_by=by)
        Opportunity.objects.filter(pk__in=ids).update(joint_effort=effort)
    logger.info("joint effort %s linked by user %s: %s", effort.pk, getattr(by, "pk", None), ids)
    return effort


def unlink(*, effort: JointEffort, by) -> None:
    """Undo a joint effort: each opportunity is shown on its own again."""
    with transaction.atomic():
        Opportunity.objects.filter(joint_effort=effort).update(joint_effort=None)
        pk = effort.pk
        effort.delete()
    logger.info("joint effort %s unlinked by user %s", pk, getattr(by, "pk", None))


def efforts():
    """Every joint effort with its opportunities and their organisations, for a list."""
    return JointEffort.objects.prefetch_related(
        Prefetch(
            "opportunities",
            queryset=Opportunity.objects.select_related("organisation")
            .defer("search_document", "search_vector")
            .order_by("pk"),
        )
    )
