"""Reading activity figures: the days up to the last refresh from the totals, the rest live.

A figure over a span of time is the sum of two parts. The days that the last refresh covered
(every day before `Coverage.until`) come from `MonthlyActivity`/`MonthlyAreaActivity`, a few
thousand rows even at national scale: the month of `Coverage.until` holds its days up to the
refresh. Everything from `Coverage.until` on (today, after a nightly refresh), and any part of a
month at the end of the span, is counted live from the raw tables, which the date filters keep
to a day or a month of rows. A refresh that is late only makes the live part longer, never a
figure wrong; a correction to a day the refresh covered shows after the next refresh.

Each `Measure` says how one figure is counted from the raw rows; `services.refresh` fills the
totals with the very same definitions, grouped by month."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, TruncDate
from django.utils import timezone

from frivillig.activity.models import (
    Coverage,
    DailyActivity,
    MonthlyActivity,
    MonthlyAreaActivity,
    PeopleSnapshot,
)
from frivillig.engagements.models import Application, Engagement, EngagementStatus
from frivillig.events.models import EventStatus, Shift, ShiftSignup, ShiftStatus, SignupStatus
from frivillig.organisations.models import Organisation

MONTH = "month"
PLACE = "place"
AREA = "area"
TOTAL = None


# Counts are COUNT(*), not COUNT(id): the live part can then be read from covering indexes
# that do not hold the id (PostgreSQL index-only scans).


@dataclass(frozen=True)
class Measure:
    column: str
    model: type
    # Only these raw rows count.
    where: Q
    # The moment that decides the month, and the paths to the organisation, town and area.
    moment: str
    organisation: str
    place: object
    area: str | None
    figure: object
    # The same figure counted another way for the live part (today, or more after a late
    # refresh), when that is
    # much cheaper: hours summed per shift through an index, then per group, instead of
    # joining every sign-up to its shift. It must give the same numbers (the tests compare).
    live: "Measure | None" = None

    def raw(self):
        return self.model.objects.filter(self.where)


def _shift_town(prefix: str = ""):
    return Coalesce(f"{prefix}place", f"{prefix}event__place")


# The public statistics count shifts that are open, of published events that start in the
# shift's year (statistics.events_in / shifts_in).
_STATS_SHIFT = Q(status=ShiftStatus.OPEN, event__status=EventStatus.PUBLISHED) & Q(
    event__starts_on__year=ExtractYear("starts_at")
)
_STATS_SIGNUP = Q(shift__status=ShiftStatus.OPEN, shift__event__status=EventStatus.PUBLISHED) & Q(
    shift__event__starts_on__year=ExtractYear("shift__starts_at")
)


def _per_shift(figure, where=None):
    """A subquery: `figure` over the sign-ups of the outer shift."""
    signups = ShiftSignup.objects.filter(shift=OuterRef("pk"))
    if where is not None:
        signups = signups.filter(where)
    return Subquery(signups.order_by().values("shift").annotate(value=figure).values("value"))


def _shift_measure(column, where, area, figure):
    return Measure(column, Shift, where, "starts_at", "organisation", _shift_town(), area, figure)


APPLICATIONS = Measure(
    "applications",
    Application,
    Q(),
    "created_at",
    "organisation",
    F("opportunity__place"),
    "opportunity__areas",
    Count("*"),
)
ENGAGEMENTS = Measure(
    "engagements",
    Engagement,
    Q(),
    "started_at",
    "organisation",
    F("opportunity__place"),
    None,
    Count("*"),
)
HOURS = Measure(
    "hours",
    ShiftSignup,
    Q(hours__isnull=False),
    "shift__starts_at",
    "shift__organisation",
    _shift_town("shift__"),
    "event__areas",
    Sum("hours"),
    live=_shift_measure(
        "hours", Q(), "event__areas", Sum(_per_shift(Sum("hours"), Q(hours__isnull=False)))
    ),
)
STATS_SHIFTS = Measure(
    "stats_shifts",
    Shift,
    _STATS_SHIFT,
    "starts_at",
    "organisation",
    _shift_town(),
    None,
    Count("*"),
)
STATS_PLACES = Measure(
    "stats_places",
    Shift,
    _STATS_SHIFT,
    "starts_at",
    "organisation",
    _shift_town(),
    None,
    Sum("capacity"),
)
STATS_CONFIRMED = Measure(
    "stats_confirmed",
    ShiftSignup,
    _STATS_SIGNUP,
    "shift__starts_at",
    "shift__organisation",
    _shift_town("shift__"),
    None,
    Count("pk", filter=Q(status=SignupStatus.CONFIRMED)),
    live=_shift_measure(
        "stats_confirmed",
        _STATS_SHIFT,
        None,
        Cast(Sum(_per_shift(Count("*"), Q(status=SignupStatus.CONFIRMED))), BigIntegerField()),
    ),
)
STATS_HOURS = Measure(
    "stats_hours",
    ShiftSignup,
    _STATS_SIGNUP,
    "shift__starts_at",
    "shift__organisation",
    _shift_town("shift__"),
    None,
    Sum("hours"),
    live=_shift_measure("stats_hours", _STATS_SHIFT, None, Sum(_per_shift(Sum("hours")))),
)

MEASURES = [
    APPLICATIONS,
    ENGAGEMENTS,
    HOURS,
    STATS_SHIFTS,
    STATS_PLACES,
    STATS_CONFIRMED,
    STATS_HOURS,
]
AREA_MEASURES = [m for m in MEASURES if m.area]
# Also kept per day for the whole municipality (DailyActivity).
DAILY_MEASURES = [APPLICATIONS, ENGAGEMENTS, HOURS]


def month_key(moment: str):
    """The local month of `moment` as year * 100 + month (the database converts the time zone)."""
    return ExtractYear(moment) * 100 + ExtractMonth(moment)


def month_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, 1))


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))


def covered_until() -> datetime.date:
    """The first local day that is not in the totals (every earlier one is)."""
    until = Coverage.objects.values_list("until", flat=True).first()
    return until or datetime.date.min


def _group(measure: Measure, by):
    if by == MONTH:
        return month_key(measure.moment)
    if by == PLACE:
        return measure.place
    if by == AREA:
        return F(measure.area)
    return None


def is_everything(organisations) -> bool:
    """True for a queryset of every organisation (the central office's scope): its figures
    come from the municipality's own rows, with no organisation filter at all."""
    return organisations.model is Organisation and not organisations.query.where


def _in(path: str, organisations) -> dict:
    return {} if organisations is None else {f"{path}__in": organisations}


def _batches(measures) -> list[list[Measure]]:
    """The measures in groups that count the same raw rows the same way (e.g. the public
    statistics' confirmed sign-ups and their hours), so each group is one statement."""
    batches: list[list[Measure]] = []
    for measure in measures:
        shape = (measure.model, measure.where, measure.moment, measure.organisation)
        for batch in batches:
            first = batch[0]
            if (first.model, first.where, first.moment, first.organisation) == shape and (
                first.place,
                first.area,
            ) == (measure.place, measure.area):
                batch.append(measure)
                break
        else:
            batches.append([measure])
    return batches


def _figures(batch) -> dict:
    # Prefixed: an annotation may not take the name of a field ("hours").
    return {f"figure_{m.column}": m.figure for m in batch}


def _live(batch, organisations, start, end, by, excluding=None, memo=None) -> dict:
    """{column: {group: figure}} of a batch of measures, counted from the raw rows."""
    if memo is not None and excluding is None and by != AREA and _is_midnight(end):
        return _live_from_days(batch, organisations, start, end, by, memo)
    first = batch[0]
    rows = first.raw().filter(
        **_in(first.organisation, organisations), **{f"{first.moment}__gte": start}
    )
    if excluding is not None:
        rows = rows.exclude(**_in(first.organisation, excluding))
    if end is not None:
        rows = rows.filter(**{f"{first.moment}__lt": end})
    group = _group(first, by)
    if group is None:
        totals = rows.aggregate(**_figures(batch))
        return {m.column: {TOTAL: totals[f"figure_{m.column}"]} for m in batch}
    result = {m.column: {} for m in batch}
    grouped = rows.order_by().annotate(group_key=group).values("group_key")
    for row in grouped.annotate(**_figures(batch)):
        for m in batch:
            result[m.column][row["group_key"]] = row[f"figure_{m.column}"]
    return result


def _is_midnight(moment) -> bool:
    return moment is None or timezone.localtime(moment).time() == datetime.time.min


def _live_from_days(batch, organisations, start, end, by, memo: dict) -> dict:
    """The live part from one statement per batch of measures and scope for the whole page:
    every raw row from `start` on, grouped by local day and town, kept in `memo`. The totals,
    months and towns of any span that ends at a local midnight are sums of those groups, so a
    page that asks for this year so far, by town and by month reads the live part once, not
    once per table. A few hundred groups: the live part is a day, or a few after a late
    refresh."""
    first = batch[0]
    key = ("activity.live", tuple(m.column for m in batch), id(organisations), start)
    entry = memo.get(key)
    if entry is None or entry[0] is not organisations:
        rows = (
            first.raw()
            .filter(**_in(first.organisation, organisations), **{f"{first.moment}__gte": start})
            .order_by()
            .annotate(day=TruncDate(first.moment), group_key=first.place)
            .values("day", "group_key")
            .annotate(**_figures(batch))
        )
        # The entry holds the scope, so its id cannot be reused while the entry lives.
        entry = memo[key] = (organisations, list(rows))
    last = None if end is None else timezone.localtime(end).date()
    result = {m.column: {} for m in batch}
    for row in entry[1]:
        day = row["day"]
        if last is not None and day >= last:
            continue
        group = {TOTAL: None, MONTH: day.year * 100 + day.month, PLACE: row["group_key"]}[by]
        for m in batch:
            _add(result[m.column], group, row[f"figure_{m.column}"])
    return result


def _stored(measures, organisations, first: datetime.date, until: datetime.date, by) -> dict:
    model = MonthlyAreaActivity if by == AREA else MonthlyActivity
    mine = (
        {"organisation__isnull": True}
        if organisations is None
        else _in("organisation", organisations)
    )
    rows = model.objects.filter(month__gte=first, month__lt=until, **mine).order_by()
    sums = {m.column: Sum(m.column) for m in measures}
    result = {m.column: {} for m in measures}
    if by is None:
        totals = rows.aggregate(**sums)
        for m in measures:
            result[m.column][TOTAL] = totals[m.column]
        return result
    key = {MONTH: "month", PLACE: "place", AREA: "area"}[by]
    for row in rows.values(key).annotate(**sums):
        group = row[key]
        if by == MONTH:
            group = group.year * 100 + group.month
        for m in measures:
            result[m.column][group] = row[m.column]
    return result


def figures(
    measures: list[Measure],
    *,
    organisations,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    by=TOTAL,
    excluding=None,
    memo: dict | None = None,
) -> dict[str, dict]:
    """{measure column: {group: figure}} for the raw rows of `organisations` (a queryset)
    whose moment is in [start, end), grouped by month (year * 100 + month), place id, area id,
    or not at all (the one key None). `start` must be the start of a local month. Groups
    with nothing have no key; a sum over nothing is None, as a direct aggregate gives.

    With every organisation but a few (`excluding`, e.g. those not approved), the stored part is
    the municipality's rows minus the excluded organisations' rows: hundreds of rows instead of
    one per organisation.

    `memo`, a dict kept for one page, lets several calls share their live part (see
    `_live_from_days`)."""
    if is_everything(organisations):
        organisations = None
    if excluding is not None and organisations is not None:
        raise ValueError("`excluding` goes with every organisation.")
    first = timezone.localtime(start).date()
    if first.day != 1:
        raise ValueError("A span of activity starts at the start of a month.")
    if memo is None:
        coverage = covered_until()
    else:
        coverage = memo.get("activity.coverage") or memo.setdefault(
            "activity.coverage", covered_until()
        )
    until = coverage
    if end is not None and coverage > datetime.date.min and end < day_start(coverage):
        # The span ends before the last refresh: the stored month of `end` holds days after
        # it, so only the months before it are read from the totals.
        until = min(coverage, timezone.localtime(end).date().replace(day=1))
    result = {m.column: {} for m in measures}
    live_start = start
    if until > first:
        stored = _stored(measures, organisations, first, until, by)
        for column, groups in stored.items():
            for group, value in groups.items():
                _add(result[column], group, value)
        if excluding is not None:
            for column, groups in _stored(measures, excluding, first, until, by).items():
                for group, value in groups.items():
                    if value is not None:
                        _add(result[column], group, -value)
        live_start = day_start(until)
    if until != coverage:
        # The live part is a closed month cut by `end`: from the days kept for the whole
        # municipality when they hold it, else counted on its own.
        memo = None
        if _from_days(measures, organisations, end, by, excluding):
            days = DailyActivity.objects.filter(
                day__gte=until, day__lt=timezone.localtime(end).date()
            ).aggregate(**{m.column: Sum(m.column) for m in measures})
            for m in measures:
                _add(result[m.column], TOTAL, days[m.column])
            live_start = end
    if end is None or live_start < end:
        for batch in _batches([m.live or m for m in measures]):
            live = _live(batch, organisations, live_start, end, by, excluding, memo)
            for column, groups in live.items():
                for group, value in groups.items():
                    _add(result[column], group, value)
    return {column: dict(groups) for column, groups in result.items()}


def _from_days(measures, organisations, end, by, excluding) -> bool:
    return (
        organisations is None
        and excluding is None
        and by is TOTAL
        and _is_midnight(end)
        and all(m in DAILY_MEASURES for m in measures)
    )


def _add(groups: dict, group, value) -> None:
    if value is None:
        groups.setdefault(group, None)
        return
    current = groups.get(group)
    groups[group] = value if current is None else current + value


def zero(value):
    return value or Decimal(0)


# Distinct people ------------------------------------------------------------------------------


def _active(organisations):
    return Engagement.objects.filter(
        **_in("organisation", organisations), status=EngagementStatus.ACTIVE
    )


def _active_volunteers(organisations):
    return get_user_model().objects.filter(pk__in=_active(organisations).values("volunteer"))


def _pairs(queryset, key, figure) -> list[list]:
    return [
        list(pair)
        for pair in queryset.order_by()
        .annotate(group_key=key)
        .values("group_key")
        .annotate(figure=figure)
        .values_list("group_key", "figure")
    ]


AGE_GROUP_KEYS = ["under_25", "25_39", "40_59", "60_plus", "unknown"]


def count_people(organisations, *, year: int) -> dict:
    """Distinct active volunteers of `organisations` (None: all): in all, by area, town and
    setting of their opportunities, by age in `year`, and first-time, returning and
    cross-area. Groups are lists of [key, count] (JSON keeps the keys' types so)."""
    active = _active(organisations)
    volunteers = _active_volunteers(organisations)
    age = Case(
        When(profile__birth_year__isnull=True, then=Value("unknown")),
        When(profile__birth_year__gt=year - 25, then=Value("under_25")),
        When(profile__birth_year__gt=year - 40, then=Value("25_39")),
        When(profile__birth_year__gt=year - 60, then=Value("40_59")),
        default=Value("60_plus"),
    )
    earlier = Engagement.objects.filter(
        **_in("organisation", organisations),
        volunteer=OuterRef("pk"),
        started_at__lt=month_start(datetime.date(year, 1, 1)),
    )
    distinct = Count("volunteer", distinct=True)
    # Plain counts: folding them into one aggregate over annotations made Django drop the
    # EXISTS from the SQL.
    return {
        "total": active.aggregate(n=distinct)["n"],
        "areas": _pairs(active, F("opportunity__areas"), distinct),
        "towns": _pairs(active, F("opportunity__place"), distinct),
        "settings": _pairs(active, F("opportunity__place__setting"), distinct),
        "ages": _pairs(volunteers, age, Count("pk")),
        "people": volunteers.count(),
        "returning": volunteers.filter(Exists(earlier)).count(),
        "several_areas": active.order_by()
        .values("volunteer")
        .annotate(n=Count("opportunity__areas", distinct=True))
        .filter(n__gte=2)
        .count(),
    }


def snapshot(organisations, *, year: int) -> PeopleSnapshot | None:
    """The last refresh's `count_people` of the whole municipality, when `organisations` is
    every organisation and the snapshot is of `year`; else None (count live)."""
    if not is_everything(organisations):
        return None
    return PeopleSnapshot.objects.filter(year=year).first()
