"""Reads of the catalogue that the portal, the API and the benchmark share.

Search has two engines behind one function. On PostgreSQL: full-text search with the `danish`
configuration (stemming, prefix matching so that "ældre" finds "ældrecentre") plus trigram
word similarity on titles for typos, both served by GIN indexes (migration 0002). On SQLite:
every word must occur as a substring of the lower-cased search document; that finds compounds
and inflections that start the same way, but forgives no typos.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When

from frivillig.catalog.geo import bounding_box, distance_expression, haversine_km
from frivillig.catalog.models import Area, Opportunity, OpportunityKind, Place

MAX_QUERY_LENGTH = 200
MAX_DISTANCE_KM = 100
MAX_TERMS = 8


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    NEAREST = "nearest"
    SOONEST = "soonest"
    ALL = (RELEVANCE, NEWEST, NEAREST, SOONEST)


class Commitment:
    LIGHT = "light"  # up to 4 hours a month, or a one-off of up to 8 hours
    MEDIUM = "medium"  # 5 to 12 hours a month
    HEAVY = "heavy"  # more than 12 hours a month
    ALL = (LIGHT, MEDIUM, HEAVY)


SUITABILITY_FIELDS = {
    "young": "suits_young",
    "seniors": "suits_seniors",
    "families": "suits_families",
    "english": "suits_english_speakers",
    "wheelchair": "wheelchair_accessible",
}


@dataclass(frozen=True)
class OpportunityFilters:
    """A search as the citizen asked for it; every field is already validated."""

    q: str = ""
    areas: tuple[str, ...] = ()
    town: str = ""
    setting: str = ""
    origin: tuple[float, float] | None = None  # from a postal code
    distance_km: float | None = None
    kinds: tuple[str, ...] = ()
    commitment: str = ""
    suitable: tuple[str, ...] = ()
    no_child_certificate: bool = False
    organisation_id: int | None = None
    sort: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def effective_sort(self) -> str:
        if self.sort == Sort.NEAREST and self.origin is None:
            return Sort.RELEVANCE if self.q else Sort.NEWEST
        if self.sort:
            return self.sort
        return Sort.RELEVANCE if self.q else Sort.NEWEST


def search_terms(q: str) -> list[str]:
    """Words of a query, lower-cased; punctuation and operators are dropped on purpose."""
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


def origin_for_postal_code(postal_code: str) -> tuple[float, float] | None:
    """The centre of the towns with this postal code, or None if the municipality has none."""
    coords = list(
        Place.objects.filter(postal_code=postal_code).values_list("latitude", "longitude")
    )
    if not coords:
        return None
    return (sum(c[0] for c in coords) / len(coords), sum(c[1] for c in coords) / len(coords))


def _text_search(qs, q: str):
    terms = search_terms(q)
    if not terms:
        return qs, False
    if connection.vendor == "postgresql":
        # Each word as a stemmed prefix: 'ældre:*' becomes 'ældr':*, which matches the
        # compounds Danish is made of. Words are \w only, so the raw query cannot be malformed.
        tsquery = SearchQuery(
            " & ".join(f"{t}:*" for t in terms), config="danish", search_type="raw"
        )
        matches = qs.filter(search_vector=tsquery)
        if matches.exists():
            return matches.annotate(rank=SearchRank(F("search_vector"), tsquery)), True
        # Nothing matched the words as written: most likely a typo, so look for titles that
        # are similar (pg_trgm's `%>`, served by the trigram index; threshold in settings).
        phrase = " ".join(terms)
        return qs.filter(title__trigram_word_similar=phrase).annotate(
            rank=TrigramWordSimilarity(phrase, "title")
        ), True
    for term in terms:
        qs = qs.filter(search_document__contains=term)
    title_hits = [When(title__icontains=t, then=Value(1)) for t in terms]
    qs = qs.annotate(
        rank=sum(
            (Case(w, default=Value(0), output_field=IntegerField()) for w in title_hits),
            start=Value(0, output_field=IntegerField()),
        )
    )
    return qs, True


def search_opportunities(filters: OpportunityFilters, *, now=None):
    """Visible opportunities matching `filters`, ordered as asked, ready for a list page."""
    qs = Opportunity.objects.visible(now)
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.areas:
        # EXISTS on the link table by area id: no join that multiplies rows (so no DISTINCT),
        # and the planner sees the area's real selectivity instead of a slug it cannot judge.
        area_ids = list(Area.objects.filter(slug__in=filters.areas).values_list("pk", flat=True))
        qs = qs.filter(
            Exists(
                Opportunity.areas.through.objects.filter(
                    opportunity_id=OuterRef("pk"), area_id__in=area_ids
                )
            )
        )
    if filters.town or filters.setting:
        places = Place.objects.all()
        if filters.town:
            places = places.filter(slug=filters.town)
        if filters.setting:
            places = places.filter(setting=filters.setting)
        qs = qs.filter(place_id__in=list(places.values_list("pk", flat=True)))
    if filters.kinds:
        qs = qs.filter(kind__in=filters.kinds)
    if filters.commitment == Commitment.LIGHT:
        qs = qs.filter(
            Q(hours_per_month__lte=4)
            | Q(kind__in=[OpportunityKind.ONE_OFF, OpportunityKind.EVENT], hours_total__lte=8)
        )
    elif filters.commitment == Commitment.MEDIUM:
        qs = qs.filter(hours_per_month__gte=5, hours_per_month__lte=12)
    elif filters.commitment == Commitment.HEAVY:
        qs = qs.filter(hours_per_month__gt=12)
    for key in filters.suitable:
        qs = qs.filter(**{SUITABILITY_FIELDS[key]: True})
    if filters.no_child_certificate:
        qs = qs.filter(requires_child_certificate=False)

    if filters.origin is not None:
        lat, lon = filters.origin
        qs = qs.annotate(distance=distance_expression(lat, lon))
        if filters.distance_km is not None:
            lat_min, lat_max, lon_min, lon_max = bounding_box(lat, lon, filters.distance_km)
            qs = qs.filter(
                latitude__range=(lat_min, lat_max),
                longitude__range=(lon_min, lon_max),
                distance__lte=filters.distance_km,
            )

    has_rank = False
    if filters.q:
        qs, has_rank = _text_search(qs, filters.q)

    sort = filters.effective_sort
    if sort == Sort.RELEVANCE and has_rank:
        order = [F("rank").desc(), "-published_at", "-pk"]
    elif sort == Sort.NEAREST:
        order = [F("distance").asc(nulls_last=True), "-pk"]
    elif sort == Sort.SOONEST:
        order = [F("start_date").asc(nulls_last=True), "-pk"]
    else:
        # Visible rows always have published_at (a constraint), so no NULLS LAST: that lets
        # PostgreSQL walk the partial index opp_newest_published instead of sorting.
        order = ["-published_at", "-pk"]
    return qs.order_by(*order)


def one_per_joint_effort(qs, now=None):
    """Hide all but the first (lowest id) visible opportunity of each joint effort, so that a
    need several organisations share is listed once. Unlinked rows never match the subquery."""
    return qs.exclude(
        Exists(
            Opportunity.objects.visible(now).filter(
                joint_effort_id=OuterRef("joint_effort_id"), pk__lt=OuterRef("pk")
            )
        )
    )


def for_list(qs):
    """What a list of opportunities shows, in a fixed number of queries however long it is.
    The search columns are large and never shown, so they stay in the database."""
    return (
        qs.select_related("organisation", "place")
        .prefetch_related("areas")
        .defer("search_document", "search_vector")
    )


def nearest_ids(qs, origin: tuple[float, float], within_km: float | None, offset: int, limit: int):
    """One page of `qs` (a search sorted nearest first) without sorting every match.

    An opportunity's coordinates are its town's (catalog.services copies them), so the
    nearest opportunities are those of the nearest towns: walk the towns outward and read
    only as many rows from each as the page still needs, newest first, through the index on
    (place, id). Opportunities without a town (flexible location) come last, as in SQL's
    NULLS LAST. The result equals ordering by (distance, -pk) over all matches, as long as no
    two towns are exactly the same distance away."""
    wanted, rows = offset + limit, []
    towns = sorted(
        (haversine_km(*origin, p.latitude, p.longitude), p.pk) for p in Place.objects.all()
    )
    if within_km is None:
        towns.append((None, None))  # flexible locations, after every town
    else:
        towns = [(km, pk) for km, pk in towns if km <= within_km]
    extra = [name for name in qs.query.annotations if name != "distance"]
    for km, place_id in towns:
        part = qs.filter(place_id=place_id) if place_id else qs.filter(place__isnull=True)
        for pk, *values in part.order_by("-pk").values_list("pk", *extra)[: wanted - len(rows)]:
            rows.append((pk, {"distance": km, **dict(zip(extra, values, strict=True))}))
        if len(rows) >= wanted:
            break
    return rows[offset:]


def hydrate_list(ids):
    """The full rows, ready for a list, for ids already chosen and ordered by a search."""
    return for_list(Opportunity.objects.filter(pk__in=ids))


def areas_with_counts(now=None):
    """Every area with the number of visible opportunities in it; empty areas too."""
    rows = (
        Opportunity.areas.through.objects.filter(opportunity__in=Opportunity.objects.visible(now))
        .values("area_id")
        .annotate(n=Count("opportunity_id"))
    )
    counts = {row["area_id"]: row["n"] for row in rows}
    areas = list(Area.objects.all())
    for area in areas:
        area.opportunity_count = counts.get(area.pk, 0)
    return areas


def urgent_opportunities(limit=6, now=None):
    visible = one_per_joint_effort(Opportunity.objects.visible(now), now)
    return for_list(visible.filter(is_urgent=True).order_by("-published_at", "-pk"))[:limit]


def newest_opportunities(limit=6, now=None):
    visible = one_per_joint_effort(Opportunity.objects.visible(now), now)
    return for_list(visible.order_by("-published_at", "-pk"))[:limit]
