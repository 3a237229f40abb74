"""How many opportunities each organisation has published right now, by town and by area.

The municipal overview shows published opportunities, and the organisations behind them, by
town, city/countryside and area for the whole municipality. Grouping 100,000 opportunities
(and 140,000 area links) for that took 230 ms of every request at national scale; these
counts are a few thousand rows.

An organisation's rows are rebuilt from its own published opportunities (not added to or
subtracted from), inside the transaction that changed one of them and after locking the
organisation's row: two changes in one organisation take turns, so the last to commit counts
what both did, and a count cannot drift. `rebuild` redoes every organisation (the nightly
activity refresh, the data migration, the scale generator); it also sets right anything that
changed an opportunity without the catalogue services."""

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from frivillig.catalog.models import (
    Opportunity,
    OpportunityStatus,
    PublishedInArea,
    PublishedInSetting,
    PublishedInTown,
)
from frivillig.organisations.models import Organisation

BATCH = 5000
# Ids per DELETE (SQLite allows 999 parameters a statement in older versions).
STALE_BATCH = 900


def recount(*organisation_ids) -> None:
    """Rebuild the counts of these organisations; call inside the changing transaction."""
    ids = sorted({pk for pk in organisation_ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        # Locked in id order, so two changes that touch the same organisations cannot deadlock.
        list(Organisation.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        _rebuild(ids)


@transaction.atomic
def rebuild() -> None:
    """Every organisation's counts from scratch, in a short transaction of its own: it locks
    every organisation (in id order, as `recount`), so a publish meanwhile waits a moment and
    then counts again on top of it, instead of meeting rows it did not see."""
    list(Organisation.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    _rebuild(None)


def _rebuild(ids) -> None:
    """Count again and write only the rows that differ: the nightly rebuild of every
    organisation then rewrites a handful of rows, not all of them (which would leave the table
    twice its size until the next vacuum, and every page that reads it slower)."""
    published = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).order_by()
    links = Opportunity.areas.through.objects.filter(
        opportunity__status=OpportunityStatus.PUBLISHED
    ).order_by()
    if ids is not None:
        published = published.filter(organisation__in=ids)
        links = links.filter(opportunity__organisation__in=ids)
    groups = [
        (PublishedInTown, published.values_list("organisation", "place")),
        (PublishedInSetting, published.values_list("organisation", "place__setting")),
        (PublishedInArea, links.values_list("opportunity__organisation", "area")),
    ]
    for model, grouped in groups:
        fresh = {
            (org, group): n
            for org, group, n in grouped.annotate(n=Count("*")).iterator(chunk_size=BATCH)
        }
        kept = model.objects.all() if ids is None else model.objects.filter(organisation__in=ids)
        stale = []
        for pk, org, group, n in kept.values_list(
            "pk", "organisation", model.KEY, "opportunities"
        ).iterator(chunk_size=BATCH):
            if fresh.get((org, group)) == n:
                del fresh[(org, group)]
            else:
                stale.append(pk)
        for first in range(0, len(stale), STALE_BATCH):
            model.objects.filter(pk__in=stale[first : first + STALE_BATCH]).delete()
        model.objects.bulk_create(
            (
                model(organisation_id=org, opportunities=n, **{model.KEY: group})
                for (org, group), n in fresh.items()
            ),
            batch_size=BATCH,
        )


def visible(now=None) -> tuple[dict, dict]:
    """({town id or None: n}, {area id: n}) of the opportunities the public sees now
    (`Opportunity.objects.visible`), for the public statistics: the kept counts of every
    organisation, minus those of the few organisations not approved, minus the published
    opportunities of approved ones that are outside their publishing window right now (found
    through the partial indexes on the window's dates, so only those are read)."""
    now = now or timezone.now()
    unapproved = Organisation.objects.filter(is_approved=False)
    hidden = Opportunity.objects.filter(
        Q(publish_from__gt=now)
        | Q(publish_until__lt=now)
        | Q(end_date__lt=timezone.localdate(now)),
        status=OpportunityStatus.PUBLISHED,
        organisation__is_approved=True,
    )
    hidden_links = Opportunity.areas.through.objects.filter(opportunity__in=hidden.values("pk"))
    result = []
    for model, key, out_of_window in (
        (PublishedInTown, "place", hidden.values_list("place")),
        (PublishedInArea, "area", hidden_links.values_list("area")),
    ):
        counts = dict(model.objects.order_by().values_list(key).annotate(n=Sum("opportunities")))
        less = model.objects.filter(organisation__in=unapproved).order_by().values_list(key)
        for rows in (less.annotate(n=Sum("opportunities")), out_of_window.annotate(n=Count("*"))):
            for group, n in rows.order_by():
                counts[group] -= n
        result.append({group: n for group, n in counts.items() if n})
    return result[0], result[1]
