"""Refreshing the monthly totals from the raw tables."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

from frivillig.activity import queries
from frivillig.activity.models import (
    Coverage,
    DailyActivity,
    MonthlyActivity,
    MonthlyAreaActivity,
    PeopleSnapshot,
)
from frivillig.catalog import published
from frivillig.engagements import services as engagements

BATCH = 5000


def refresh(*, since: datetime.date | None = None, until: datetime.date | None = None) -> Coverage:
    """Rebuild the totals of every day from `since` (default: all; from the start of its month)
    up to, not including, `until` (default: today, which is always counted live), in one
    transaction: readers see the old totals or the new ones, never half. Idempotent.

    The running month is kept up to `until` too: summing a month of national sign-ups on every
    request cost the overview about half its time. A correction to a day before `until` (hours
    recorded the day after the shift) shows after the next refresh, as one in a closed month."""
    today = timezone.localdate()
    until = until or today
    with transaction.atomic():
        # One refresh at a time: the second waits here and then rebuilds on the first's rows.
        coverage, _ = Coverage.objects.select_for_update().get_or_create(
            pk=1, defaults={"until": datetime.date.min, "refreshed_at": timezone.now()}
        )
        if since is not None:
            since = since.replace(day=1)
            # Months between the old coverage and `since` were never totalled: include them.
            if coverage.until < since:
                since = None
        stale = {} if since is None else {"month__gte": since}
        MonthlyActivity.objects.filter(**stale).delete()
        MonthlyAreaActivity.objects.filter(**stale).delete()
        DailyActivity.objects.filter(**({} if since is None else {"day__gte": since})).delete()
        start = queries.month_start(since) if since else None
        end = queries.day_start(until)
        MonthlyActivity.objects.bulk_create(
            (
                MonthlyActivity(month=month, organisation_id=org, place_id=place, **values)
                for (month, org, place), values in _totals(
                    queries.MEASURES, "place", start, end
                ).items()
            ),
            batch_size=BATCH,
        )
        MonthlyAreaActivity.objects.bulk_create(
            (
                MonthlyAreaActivity(month=month, organisation_id=org, area_id=area, **values)
                for (month, org, area), values in _totals(
                    queries.AREA_MEASURES, "area", start, end
                ).items()
                if area is not None
            ),
            batch_size=BATCH,
        )
        DailyActivity.objects.bulk_create(
            (
                DailyActivity(day=day, **values)
                for day, values in _days(queries.DAILY_MEASURES, start, end).items()
            ),
            batch_size=BATCH,
        )
        coverage.until = until
        coverage.refreshed_at = timezone.now()
        coverage.save()
        PeopleSnapshot.objects.update_or_create(
            pk=1,
            defaults={
                "year": today.year,
                "taken_at": timezone.now(),
                "figures": queries.count_people(None, year=today.year),
            },
        )
    # Right-now figures the catalogue and the engagement services keep as things happen, set
    # right in passing for any path that went around them (the admin, a script). Each in a
    # short transaction of its own, not in the long one above: they lock rows that publishing
    # and applying need.
    published.rebuild()
    with transaction.atomic():
        engagements.sync_applicant_facts()
    return coverage


def _totals(measures, dimension: str, start, end) -> dict:
    """{(first of month, organisation id, place or area id): {column: figure}}, one GROUP BY
    query per measure over the raw rows in [start, end)."""
    totals = defaultdict(dict)
    # The whole municipality's rows (organisation None) are the sums of every organisation's.
    municipality = defaultdict(dict)
    for measure in measures:
        rows = measure.raw().filter(**{f"{measure.moment}__lt": end})
        if start is not None:
            rows = rows.filter(**{f"{measure.moment}__gte": start})
        key = measure.place if dimension == "place" else F(measure.area)
        grouped = (
            rows.order_by()
            .annotate(
                month_key=queries.month_key(measure.moment),
                org_key=F(measure.organisation),
                group_key=key,
            )
            .values("month_key", "org_key", "group_key")
            .annotate(figure=measure.figure)
            .values_list("month_key", "org_key", "group_key", "figure")
        )
        for month_key, org, group, figure in grouped.iterator(chunk_size=BATCH):
            month = datetime.date(month_key // 100, month_key % 100, 1)
            value = figure or _nothing(measure)
            totals[(month, org, group)][measure.column] = value
            whole = municipality[(month, None, group)]
            whole[measure.column] = whole.get(measure.column, _nothing(measure)) + value
    totals.update(municipality)
    return totals


def _days(measures, start, end) -> dict:
    """{local day: {column: figure}} of the whole municipality in [start, end)."""
    days = defaultdict(dict)
    for measure in measures:
        rows = measure.raw().filter(**{f"{measure.moment}__lt": end})
        if start is not None:
            rows = rows.filter(**{f"{measure.moment}__gte": start})
        grouped = (
            rows.order_by()
            .annotate(day=TruncDate(measure.moment))
            .values("day")
            .annotate(figure=measure.figure)
            .values_list("day", "figure")
        )
        for day, figure in grouped.iterator(chunk_size=BATCH):
            days[day][measure.column] = figure or _nothing(measure)
    return days


def _nothing(measure):
    return Decimal(0) if measure.column.endswith("hours") else 0
