"""The municipal overview: figures for coordinators, drawn only from their part of the tree.

Every query starts from `scope` (the organisations a coordinator may draw on, see
coordination.access) and is aggregated by the database, so the number of queries stays the
same however many volunteers there are. People are only ever counted, never listed: a
coordinator sees how many, not who.

Each figure set is a `Table`, so the page and its CSV export show the same numbers.

Applications, new engagements and hours are summed from the monthly totals of
`frivillig.activity` for every day before the last refresh, and live from the raw rows after it
(today): at national scale they are millions of rows, too many to sum on every request.
Published opportunities right now come from the counts the catalogue keeps per organisation
(`catalog.published`), "nobody has applied for" from `Opportunity.has_applicants`. Counts of
distinct people are counted live for a department, and taken from the last refresh for the
whole municipality. Long lists fetch only the rows the page shows, plus a count.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.activity import queries as activity
from frivillig.agreements.models import (
    AgreementStatus,
    CooperationAgreement,
    CooperationStatus,
    IndividualAgreement,
)
from frivillig.catalog.models import (
    Area,
    Opportunity,
    OpportunityStatus,
    Place,
    PublishedInArea,
    PublishedInSetting,
    PublishedInTown,
    Setting,
)
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.events.models import EventStatus, Shift, ShiftStatus

# An application older than this without an answer is an unmet need.
UNANSWERED_AFTER = datetime.timedelta(days=7)
# Long lists are cut on the page; the CSV export always holds every row.
PAGE_ROWS = 50


@dataclass
class Table:
    name: str
    caption: str
    columns: list[str]
    rows: list[list]
    # The column drawn as a bar beside the figures (the figures stay in the table).
    bar: int | None = None
    note: str = ""
    # How many rows there are in all, when `rows` holds only the first PAGE_ROWS.
    total: int | None = None

    @property
    def shown_rows(self):
        return self.rows[:PAGE_ROWS]

    @property
    def cut(self) -> int:
        total = len(self.rows) if self.total is None else self.total
        return max(total - PAGE_ROWS, 0)

    @property
    def display_rows(self):
        """(cells, bar width in per cent or None) for the page."""
        if self.bar is None:
            return [(row, None) for row in self.shown_rows]
        top = max((row[self.bar] or 0 for row in self.rows), default=0)
        return [
            (row, round(100 * (row[self.bar] or 0) / top) if top else 0) for row in self.shown_rows
        ]


@dataclass(frozen=True)
class Period:
    """This year so far, and the same stretch of last year, in the municipality's time."""

    today: datetime.date
    now: datetime.datetime = field(default_factory=timezone.now)
    # Figures several tables share, kept for one build of the page (`sections`) so that each
    # is counted once. None: nothing is kept (a table built on its own, e.g. for its CSV).
    memo: dict | None = field(default=None, compare=False, repr=False, hash=False)

    @classmethod
    def current(cls):
        return cls(today=timezone.localdate())

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def this_year(self) -> tuple[datetime.datetime, datetime.datetime]:
        return (
            activity.day_start(datetime.date(self.year, 1, 1)),
            activity.day_start(self.today + datetime.timedelta(days=1)),
        )

    @property
    def same_time_last_year(self) -> tuple[datetime.datetime, datetime.datetime]:
        try:
            then = self.today.replace(year=self.year - 1)
        except ValueError:  # 29 February
            then = self.today.replace(year=self.year - 1, day=28)
        return (
            activity.day_start(datetime.date(self.year - 1, 1, 1)),
            activity.day_start(then + datetime.timedelta(days=1)),
        )


def _memo(period: Period, scope, name: str, compute):
    """`compute()`, once per page build for the same scope (the entry holds the scope, so its
    id cannot be reused by another queryset while the entry lives)."""
    if period.memo is None:
        return compute()
    key = (name, id(scope))
    entry = period.memo.get(key)
    if entry is None or entry[0] is not scope:
        entry = period.memo[key] = (scope, compute())
    return entry[1]


# The facts every figure is counted from, each starting from the scope.


def _active(scope):
    return Engagement.objects.filter(organisation__in=scope, status=EngagementStatus.ACTIVE)


def _engagements(scope):
    return Engagement.objects.filter(organisation__in=scope)


def _in_scope(rows, scope):
    """`rows` of the organisations in `scope`; for every organisation, no filter at all (the
    plain query reads the partial indexes and kept counts without a join)."""
    return rows if activity.is_everything(scope) else rows.filter(organisation__in=scope)


def _grouped(queryset, key, figure) -> dict:
    """{group: figure}, one GROUP BY query."""
    return dict(
        queryset.order_by()
        .annotate(group_key=key)
        .values("group_key")
        .annotate(figure=figure)
        .values_list("group_key", "figure")
    )


def _change(now, before) -> str:
    if not before:
        return "–"
    return f"{round(100 * (now - before) / before):+d} %"


def _hours_value(value) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.1"))


# Headline figures


def _counted_at(snapshot) -> str:
    if snapshot is None:
        return ""
    return _("Active volunteers as counted at %(time)s.") % {
        "time": formats.date_format(timezone.localtime(snapshot.taken_at), "DATETIME_FORMAT")
    }


def _people(scope, period: Period):
    """The municipality's distinct active volunteers from the last refresh, for the central
    office (counting them live over every active engagement takes seconds at national scale),
    or None: count the scope live."""
    return activity.snapshot(scope, year=period.year)


def current_figures(scope, period: Period, limit=None) -> Table:
    opportunities, organisations = _memo(
        period, scope, "published", lambda: _published_counts(scope)
    )["total"].get(None, (0, 0))
    snapshot = _people(scope, period)
    if snapshot is None:
        active = _active(scope).aggregate(n=Count("volunteer", distinct=True))["n"]
    else:
        active = snapshot.figures["total"]
    return Table(
        name="now",
        caption=_("Right now"),
        columns=[_("Figure"), _("Number")],
        rows=[
            [_("Active volunteers"), active],
            [_("Organisations with published opportunities"), organisations],
            [_("Published opportunities"), opportunities],
        ],
        note=_counted_at(snapshot),
    )


_SUMMED = [activity.APPLICATIONS, activity.ENGAGEMENTS, activity.HOURS]


def year_to_date(scope, period: Period, limit=None) -> Table:
    spans = {"this": period.this_year, "last": period.same_time_last_year}
    last = period.same_time_last_year
    summed = {
        # This year's totals are the sums of its towns (every row has one town or none).
        "this": {
            column: {None: _total(groups)}
            for column, groups in _this_year_by_town(scope, period).items()
        },
        "last": activity.figures(_SUMMED, organisations=scope, start=last[0], end=last[1]),
    }

    def figure(column):
        return {key: summed[key][column].get(None) or 0 for key in spans}

    applications, engagements = figure("applications"), figure("engagements")
    hours = {k: _hours_value(v) for k, v in figure("hours").items()}
    return Table(
        name="year",
        caption=_("This year so far, against the same period last year"),
        columns=[_("Figure"), str(period.year), str(period.year - 1), _("Change")],
        rows=[
            [label, figures["this"], figures["last"], _change(figures["this"], figures["last"])]
            for label, figures in (
                (_("Applications"), applications),
                (_("New engagements"), engagements),
                (_("Hours on shifts"), hours),
            )
        ],
    )


def _total(groups: dict):
    values = [value for value in groups.values() if value is not None]
    return sum(values[1:], values[0]) if values else None


# By area, town and city/countryside


def _published_counts(scope) -> dict:
    """Published opportunities, and the organisations that publish them, right now:
    {"total": {None: (opportunities, organisations)}, "place": {town id or None: (...)},
    "place__setting": {setting or None: (...)}, "areas": {area id: (...)}}.

    Summed from the counts the catalogue keeps per organisation and town, setting and area
    (`catalog.published`): a few thousand rows even at national scale, and one row is one
    organisation, so counting rows counts organisations. Exact at every moment: the counts
    change in the transaction that publishes, pauses, closes or moves an opportunity."""
    counts = {}
    for kind, model, key in (
        ("place", PublishedInTown, "place"),
        ("place__setting", PublishedInSetting, "setting"),
        ("areas", PublishedInArea, "area"),
    ):
        rows = _in_scope(model.objects.all(), scope)
        counts[kind] = {
            group: (opportunities, organisations)
            for group, opportunities, organisations in rows.order_by()
            .values_list(key)
            .annotate(n=Sum("opportunities"), organisations=Count("*"))
        }
    # In all: an organisation has a few rows by setting, so its distinct count is cheap there.
    total = _in_scope(PublishedInSetting.objects.all(), scope).aggregate(
        n=Coalesce(Sum("opportunities"), 0), organisations=Count("organisation", distinct=True)
    )
    counts["total"] = {None: (total["n"], total["organisations"])}
    return counts


def _this_year_by_town(scope, period: Period) -> dict:
    """Applications, new engagements and hours this year so far, by town: shared by the
    year's totals (the sum of the towns), the towns and city/countryside."""

    def compute():
        this = period.this_year
        return activity.figures(
            _SUMMED,
            organisations=scope,
            start=this[0],
            end=this[1],
            by=activity.PLACE,
            memo=period.memo,
        )

    return _memo(period, scope, "this_year_by_town", compute)


def _by(scope, period: Period, opportunity_key, by, regroup=None, snapshot=None) -> list[dict]:
    """The same five figures grouped by one key, which is given as seen from an opportunity
    (`opportunity_key`) and as a grouping of the activity totals (`by`, with `regroup` to map
    its keys to this key)."""
    published = _memo(period, scope, "published", lambda: _published_counts(scope))[opportunity_key]
    if by == activity.PLACE:
        summed = _this_year_by_town(scope, period)
    else:
        this = period.this_year
        summed = activity.figures(
            [activity.APPLICATIONS, activity.HOURS],
            organisations=scope,
            start=this[0],
            end=this[1],
            by=by,
        )
    if regroup:
        summed = {column: regroup(groups) for column, groups in summed.items()}
    if snapshot is None:
        via_opportunity = F(f"opportunity__{opportunity_key}")
        active = _grouped(_active(scope), via_opportunity, Count("volunteer", distinct=True))
    else:
        active = dict(snapshot.figures[_SNAPSHOT_KEYS[opportunity_key]])
    return [
        {key: pair[0] for key, pair in published.items()},
        {key: pair[1] for key, pair in published.items()},
        active,
        summed["applications"],
        summed["hours"],
    ]


def _dimension_columns(first: str) -> list[str]:
    return [
        first,
        _("Published opportunities"),
        _("Organisations"),
        _("Active volunteers"),
        _("Applications this year"),
        _("Hours this year"),
    ]


def _dimension_rows(groups: list[tuple], figures: list[dict]) -> list[list]:
    *counts, hours = figures
    return [
        [label, *(figure.get(key) or 0 for figure in counts), _hours_value(hours.get(key))]
        for key, label in groups
    ]


_SNAPSHOT_KEYS = {"areas": "areas", "place": "towns", "place__setting": "settings"}

_NOTE_SEVERAL = gettext_lazy(
    "An opportunity in several areas is counted in each, so the rows add up to more than the total."
)


def by_area(scope, period: Period, limit=None) -> Table:
    snapshot = _people(scope, period)
    figures = _by(scope, period, "areas", activity.AREA, snapshot=snapshot)
    groups = [(area.pk, area.name) for area in Area.objects.all()]
    return Table(
        name="areas",
        caption=_("By area"),
        columns=_dimension_columns(_("Area")),
        rows=_dimension_rows(groups, figures),
        bar=3,
        note=" ".join(filter(None, [str(_NOTE_SEVERAL), _counted_at(snapshot)])),
    )


def by_town(scope, period: Period, limit=None) -> Table:
    snapshot = _people(scope, period)
    figures = _by(scope, period, "place", activity.PLACE, snapshot=snapshot)
    groups = [(place.pk, place.name) for place in Place.objects.all()]
    groups.append((None, _("No fixed town")))
    return Table(
        name="towns",
        caption=_("By town"),
        columns=_dimension_columns(_("Town")),
        rows=_dimension_rows(groups, figures),
        bar=3,
        note=_counted_at(snapshot),
    )


def _by_setting(groups: dict) -> dict:
    """{place id: figure} -> {setting: figure}; no fixed town stays None."""
    settings = dict(Place.objects.values_list("pk", "setting"))
    regrouped = {}
    for place, value in groups.items():
        if value is not None:
            key = settings.get(place)
            regrouped[key] = regrouped.get(key, 0) + value
    return regrouped


def by_setting(scope, period: Period, limit=None) -> Table:
    snapshot = _people(scope, period)
    figures = _by(scope, period, "place__setting", activity.PLACE, _by_setting, snapshot)
    groups = [(value, str(label)) for value, label in Setting.choices]
    groups.append((None, _("No fixed town")))
    return Table(
        name="settings",
        caption=_("City and countryside"),
        columns=_dimension_columns(_("Where")),
        rows=_dimension_rows(groups, figures),
        bar=3,
        note=_counted_at(snapshot),
    )


def by_month(scope, period: Period, limit=None) -> Table:
    year = period.year
    monthly = activity.figures(
        _SUMMED,
        organisations=scope,
        start=activity.day_start(datetime.date(year - 1, 1, 1)),
        end=activity.day_start(datetime.date(year + 1, 1, 1)),
        by=activity.MONTH,
        memo=period.memo,
    )
    applications, engagements, hours = (
        monthly["applications"],
        monthly["engagements"],
        monthly["hours"],
    )
    rows = []
    for month, name in MONTHS.items():
        last, this = (year - 1) * 100 + month, year * 100 + month
        rows.append(
            [
                str(name),
                applications.get(last) or 0,
                applications.get(this) or 0,
                engagements.get(last) or 0,
                engagements.get(this) or 0,
                _hours_value(hours.get(last)),
                _hours_value(hours.get(this)),
            ]
        )
    return Table(
        name="months",
        caption=_("By month, this year against last year"),
        columns=[
            _("Month"),
            _("Applications %(year)s") % {"year": year - 1},
            _("Applications %(year)s") % {"year": year},
            _("New engagements %(year)s") % {"year": year - 1},
            _("New engagements %(year)s") % {"year": year},
            _("Hours %(year)s") % {"year": year - 1},
            _("Hours %(year)s") % {"year": year},
        ],
        rows=rows,
        bar=2,
    )


# Unmet needs


def _first(queryset, limit):
    """(the first `limit` rows, how many there are in all); everything when no limit (CSV)."""
    if limit is None:
        return queryset, None
    return queryset[:limit], queryset.count()


def opportunities_without_applicants(scope, period: Period, limit=None) -> Table:
    # `has_applicants` is kept by the engagement services: the list and its count read the
    # partial index `opp_awaiting_applicants`, not every published opportunity's applications.
    lonely = _in_scope(
        Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED, has_applicants=False),
        scope,
    )
    opportunities, total = _first(
        lonely.select_related("organisation", "place")
        .only("title", "published_at", "organisation__name", "place__name")
        .order_by("published_at", "pk"),
        limit,
    )
    return Table(
        name="no_applicants",
        caption=_("Published opportunities nobody has applied for"),
        columns=[_("Opportunity"), _("Organisation"), _("Town"), _("Published")],
        rows=[
            [
                o.title,
                o.organisation.name,
                o.place.name if o.place else _("Flexible"),
                timezone.localdate(o.published_at),
            ]
            for o in opportunities
        ],
        total=total,
    )


def unanswered_applications(scope, period: Period, limit=None) -> Table:
    cutoff = period.now - UNANSWERED_AFTER
    pending = _in_scope(
        Application.objects.filter(status=ApplicationStatus.PENDING, created_at__lt=cutoff), scope
    )
    # `waiting_since` (the oldest pending application, kept by the engagement services) makes
    # the opportunities a range of the index `opp_waiting_since`, oldest first.
    waiting_for = _in_scope(Opportunity.objects.filter(waiting_since__lt=cutoff), scope)
    waiting = (
        pending.order_by()
        .values("opportunity", "opportunity__title", "organisation__name")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", "opportunity")
    )
    total = None
    if limit is not None:
        first = waiting_for.order_by("waiting_since", "pk").values_list("pk", flat=True)[:limit]
        waiting = waiting.filter(opportunity__in=list(first))
        total = waiting_for.count()
    return Table(
        name="unanswered",
        caption=_("Applications without an answer for more than 7 days"),
        columns=[_("Opportunity"), _("Organisation"), _("Applications waiting"), _("Oldest")],
        rows=[
            [
                row["opportunity__title"],
                row["organisation__name"],
                row["waiting"],
                timezone.localdate(row["oldest"]),
            ]
            for row in waiting
        ],
        total=total,
    )


def unfilled_shifts(scope, period: Period, limit=None) -> Table:
    shifts, total = _first(
        Shift.objects.filter(
            organisation__in=scope,
            status=ShiftStatus.OPEN,
            event__status=EventStatus.PUBLISHED,
            starts_at__gte=period.now,
            taken__lt=F("capacity"),
        )
        .select_related("event", "team", "organisation")
        .order_by("starts_at", "pk"),
        limit,
    )
    return Table(
        name="unfilled_shifts",
        caption=_("Coming shifts with free places"),
        columns=[
            _("Event"),
            _("Team"),
            _("Starts"),
            _("Organisation"),
            _("Places"),
            _("Free"),
        ],
        rows=[
            [
                s.event.name,
                s.team.name,
                timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M"),
                s.organisation.name,
                s.capacity,
                s.free,
            ]
            for s in shifts
        ],
        total=total,
    )


def unsigned_agreements(scope, period: Period, limit=None) -> Table:
    awaiting = (
        IndividualAgreement.objects.filter(
            organisation__in=scope,
            status__in=[AgreementStatus.AWAITING_VOLUNTEER, AgreementStatus.AWAITING_ORGANISATION],
        )
        .order_by()
        .values("organisation", "organisation__name")
        .annotate(
            volunteer=Count("pk", filter=Q(status=AgreementStatus.AWAITING_VOLUNTEER)),
            organisation_side=Count("pk", filter=Q(status=AgreementStatus.AWAITING_ORGANISATION)),
        )
        .order_by("organisation__name")
    )
    return Table(
        name="unsigned",
        caption=_("Volunteer agreements awaiting a signature"),
        columns=[_("Organisation"), _("Awaiting the volunteer"), _("Awaiting the organisation")],
        rows=[
            [row["organisation__name"], row["volunteer"], row["organisation_side"]]
            for row in awaiting
        ],
    )


def cooperation_to_act_on(scope, period: Period, limit=None) -> Table:
    soon = period.today + datetime.timedelta(days=CooperationAgreement.REVIEW_NOTICE_DAYS)
    agreements = (
        CooperationAgreement.objects.filter(Q(municipal_unit__in=scope) | Q(partner__in=scope))
        .filter(
            Q(status=CooperationStatus.AWAITING_SIGNATURES)
            | Q(status=CooperationStatus.ACTIVE, review_on__lte=soon)
        )
        .select_related("municipal_unit", "partner")
        .order_by("review_on", "pk")
    )
    return Table(
        name="cooperation",
        caption=_("Cooperation agreements awaiting signatures or due for review"),
        columns=[_("Agreement"), _("Municipal unit"), _("Partner"), _("Status"), _("Review by")],
        rows=[
            [
                a.title,
                a.municipal_unit.name,
                a.partner.name,
                _("Due for review")
                if a.status == CooperationStatus.ACTIVE
                else a.get_status_display(),
                a.review_on,
            ]
            for a in agreements
        ],
    )


# Reach


def _active_volunteers(scope):
    return get_user_model().objects.filter(pk__in=_active(scope).values("volunteer"))


AGE_GROUPS = [
    ("under_25", gettext_lazy("Under 25")),
    ("25_39", gettext_lazy("25–39")),
    ("40_59", gettext_lazy("40–59")),
    ("60_plus", gettext_lazy("60 and over")),
    ("unknown", gettext_lazy("Age not given")),
]


def age_groups(scope, period: Period, limit=None) -> Table:
    year = period.year
    group = Case(
        When(profile__birth_year__isnull=True, then=Value("unknown")),
        When(profile__birth_year__gt=year - 25, then=Value("under_25")),
        When(profile__birth_year__gt=year - 40, then=Value("25_39")),
        When(profile__birth_year__gt=year - 60, then=Value("40_59")),
        default=Value("60_plus"),
    )
    snapshot = _people(scope, period)
    if snapshot is None:
        counts = _grouped(_active_volunteers(scope), group, Count("pk"))
    else:
        counts = dict(snapshot.figures["ages"])
    return Table(
        name="ages",
        caption=_("Active volunteers by age"),
        columns=[_("Age"), _("Active volunteers")],
        rows=[[str(label), counts.get(key, 0)] for key, label in AGE_GROUPS],
        bar=1,
        note=_counted_at(snapshot),
    )


def reach(scope, period: Period, limit=None) -> Table:
    earlier = _engagements(scope).filter(
        volunteer=OuterRef("pk"), started_at__lt=period.this_year[0]
    )
    volunteers = _active_volunteers(scope)
    several_areas = (
        _active(scope)
        .order_by()
        .values("volunteer")
        .annotate(n=Count("opportunity__areas", distinct=True))
        .filter(n__gte=2)
    )
    snapshot = _people(scope, period)
    if snapshot is not None:
        figures = {
            "total": snapshot.figures["people"],
            "returning": snapshot.figures["returning"],
            "several_areas": snapshot.figures["several_areas"],
        }
    else:
        # Three plain counts: folding them into one aggregate over annotations made Django
        # drop the EXISTS from the SQL.
        figures = {
            "total": volunteers.count(),
            "returning": volunteers.filter(Exists(earlier)).count(),
            "several_areas": several_areas.count(),
        }
    total = figures["total"]

    def share(n):
        return f"{round(100 * n / total)} %" if total else "–"

    rows = [
        [_("First time this year"), total - figures["returning"]],
        [_("Returning from earlier years"), figures["returning"]],
        [_("Active in two or more areas"), figures["several_areas"]],
    ]
    return Table(
        name="reach",
        caption=_("First-time, returning and cross-area volunteers"),
        columns=[_("Volunteers"), _("Number"), _("Share of active volunteers")],
        rows=[[label, n, share(n)] for label, n in rows],
        note=" ".join(
            filter(
                None,
                [
                    _("First time means that their first engagement here started this year."),
                    _counted_at(snapshot),
                ],
            )
        ),
    )


SECTIONS = [
    (
        gettext_lazy("Activity"),
        [current_figures, year_to_date, by_area, by_town, by_setting, by_month],
    ),
    (
        gettext_lazy("Unmet needs"),
        [
            opportunities_without_applicants,
            unanswered_applications,
            unfilled_shifts,
            unsigned_agreements,
            cooperation_to_act_on,
        ],
    ),
    (gettext_lazy("Reach"), [age_groups, reach]),
]

TABLES = {
    "now": current_figures,
    "year": year_to_date,
    "areas": by_area,
    "towns": by_town,
    "settings": by_setting,
    "months": by_month,
    "no_applicants": opportunities_without_applicants,
    "unanswered": unanswered_applications,
    "unfilled_shifts": unfilled_shifts,
    "unsigned": unsigned_agreements,
    "cooperation": cooperation_to_act_on,
    "ages": age_groups,
    "reach": reach,
}


def sections(scope, period: Period) -> list[tuple[str, list[Table]]]:
    """Every table as the page shows it: long lists cut at PAGE_ROWS (the CSV export calls a
    builder without a limit and gets every row)."""
    period = Period(today=period.today, now=period.now, memo={})
    return [
        (title, [build(scope, period, limit=PAGE_ROWS) for build in builders])
        for title, builders in SECTIONS
    ]
