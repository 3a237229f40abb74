"""The municipal overview: figures for coordinators, drawn only from their part of the tree.

Every query starts from `scope` (the organisations a coordinator may draw on, see
coordination.access) and is aggregated by the database, so the number of queries stays the
same however many volunteers there are. People are only ever counted, never listed: a
coordinator sees how many, not who.

Each figure set is a `Table`, so the page and its CSV export show the same numbers.
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
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.agreements.models import (
    AgreementStatus,
    CooperationAgreement,
    CooperationStatus,
    IndividualAgreement,
)
from frivillig.catalog.models import Area, Opportunity, OpportunityStatus, Place, Setting
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.events.models import EventStatus, Shift, ShiftSignup, ShiftStatus

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

    @property
    def shown_rows(self):
        return self.rows[:PAGE_ROWS]

    @property
    def cut(self) -> int:
        return max(len(self.rows) - PAGE_ROWS, 0)

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

    @classmethod
    def current(cls):
        return cls(today=timezone.localdate())

    @property
    def year(self) -> int:
        return self.today.year

    @staticmethod
    def _start(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    @property
    def this_year(self) -> tuple[datetime.datetime, datetime.datetime]:
        return (
            self._start(datetime.date(self.year, 1, 1)),
            self._start(self.today + datetime.timedelta(days=1)),
        )

    @property
    def same_time_last_year(self) -> tuple[datetime.datetime, datetime.datetime]:
        try:
            then = self.today.replace(year=self.year - 1)
        except ValueError:  # 29 February
            then = self.today.replace(year=self.year - 1, day=28)
        return (
            self._start(datetime.date(self.year - 1, 1, 1)),
            self._start(then + datetime.timedelta(days=1)),
        )


def _between(prefix: str, span) -> Q:
    return Q(**{f"{prefix}__gte": span[0], f"{prefix}__lt": span[1]})


# The facts every figure is counted from, each starting from the scope.


def _published(scope):
    return Opportunity.objects.filter(organisation__in=scope, status=OpportunityStatus.PUBLISHED)


def _active(scope):
    return Engagement.objects.filter(organisation__in=scope, status=EngagementStatus.ACTIVE)


def _applications(scope):
    return Application.objects.filter(organisation__in=scope)


def _engagements(scope):
    return Engagement.objects.filter(organisation__in=scope)


def _hours(scope):
    return ShiftSignup.objects.filter(shift__organisation__in=scope, hours__isnull=False)


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


def current_figures(scope, period: Period) -> Table:
    published = _published(scope).aggregate(
        opportunities=Count("pk"), organisations=Count("organisation", distinct=True)
    )
    return Table(
        name="now",
        caption=_("Right now"),
        columns=[_("Figure"), _("Number")],
        rows=[
            [
                _("Active volunteers"),
                _active(scope).aggregate(n=Count("volunteer", distinct=True))["n"],
            ],
            [_("Organisations with published opportunities"), published["organisations"]],
            [_("Published opportunities"), published["opportunities"]],
        ],
    )


def year_to_date(scope, period: Period) -> Table:
    this, last = period.this_year, period.same_time_last_year
    applications = _applications(scope).aggregate(
        this=Count("pk", filter=_between("created_at", this)),
        last=Count("pk", filter=_between("created_at", last)),
    )
    engagements = _engagements(scope).aggregate(
        this=Count("pk", filter=_between("started_at", this)),
        last=Count("pk", filter=_between("started_at", last)),
    )
    hours = _hours(scope).aggregate(
        this=Sum("hours", filter=_between("shift__starts_at", this)),
        last=Sum("hours", filter=_between("shift__starts_at", last)),
    )
    hours = {k: _hours_value(v) for k, v in hours.items()}
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


# By area, town and city/countryside


def _by(scope, period: Period, opportunity_key, hours_key) -> list[dict]:
    """The same five figures grouped by one key, which is given as seen from an opportunity
    (`opportunity_key`) and from a shift sign-up (`hours_key`, an expression)."""
    published = (
        _published(scope)
        .order_by()
        .annotate(group_key=F(opportunity_key))
        .values("group_key")
        .annotate(
            opportunities=Count("pk", distinct=True),
            organisations=Count("organisation", distinct=True),
        )
    )
    this = period.this_year
    via_opportunity = F(f"opportunity__{opportunity_key}")
    return [
        {row["group_key"]: row["opportunities"] for row in published},
        {row["group_key"]: row["organisations"] for row in published},
        _grouped(_active(scope), via_opportunity, Count("volunteer", distinct=True)),
        _grouped(
            _applications(scope).filter(_between("created_at", this)),
            via_opportunity,
            Count("pk", distinct=True),
        ),
        _grouped(_hours(scope).filter(_between("shift__starts_at", this)), hours_key, Sum("hours")),
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
        [label, *(figure.get(key, 0) for figure in counts), _hours_value(hours.get(key))]
        for key, label in groups
    ]


_NOTE_SEVERAL = gettext_lazy(
    "An opportunity in several areas is counted in each, so the rows add up to more than the total."
)


def by_area(scope, period: Period) -> Table:
    figures = _by(scope, period, "areas", F("event__areas"))
    groups = [(area.pk, area.name) for area in Area.objects.all()]
    return Table(
        name="areas",
        caption=_("By area"),
        columns=_dimension_columns(_("Area")),
        rows=_dimension_rows(groups, figures),
        bar=3,
        note=str(_NOTE_SEVERAL),
    )


def by_town(scope, period: Period) -> Table:
    figures = _by(scope, period, "place", Coalesce("shift__place", "event__place"))
    groups = [(place.pk, place.name) for place in Place.objects.all()]
    groups.append((None, _("No fixed town")))
    return Table(
        name="towns",
        caption=_("By town"),
        columns=_dimension_columns(_("Town")),
        rows=_dimension_rows(groups, figures),
        bar=3,
    )


def by_setting(scope, period: Period) -> Table:
    figures = _by(
        scope,
        period,
        "place__setting",
        Coalesce("shift__place__setting", "event__place__setting"),
    )
    groups = [(value, str(label)) for value, label in Setting.choices]
    groups.append((None, _("No fixed town")))
    return Table(
        name="settings",
        caption=_("City and countryside"),
        columns=_dimension_columns(_("Where")),
        rows=_dimension_rows(groups, figures),
        bar=3,
    )


def by_month(scope, period: Period) -> Table:
    year = period.year

    def monthly(queryset, moment, figure):
        return _grouped(
            queryset.filter(**{f"{moment}__gte": Period._start(datetime.date(year - 1, 1, 1))}),
            ExtractYear(moment) * 100 + ExtractMonth(moment),
            figure,
        )

    applications = monthly(_applications(scope), "created_at", Count("pk"))
    engagements = monthly(_engagements(scope), "started_at", Count("pk"))
    hours = monthly(_hours(scope), "shift__starts_at", Sum("hours"))
    rows = []
    for month, name in MONTHS.items():
        last, this = (year - 1) * 100 + month, year * 100 + month
        rows.append(
            [
                str(name),
                applications.get(last, 0),
                applications.get(this, 0),
                engagements.get(last, 0),
                engagements.get(this, 0),
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


def opportunities_without_applicants(scope, period: Period) -> Table:
    opportunities = (
        _published(scope)
        .annotate(applicants=Count("applications"))
        .filter(applicants=0)
        .select_related("organisation", "place")
        .order_by("published_at", "pk")
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
    )


def unanswered_applications(scope, period: Period) -> Table:
    waiting = (
        _applications(scope)
        .filter(status=ApplicationStatus.PENDING, created_at__lt=period.now - UNANSWERED_AFTER)
        .order_by()
        .values("opportunity", "opportunity__title", "organisation__name")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", "opportunity")
    )
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
    )


def unfilled_shifts(scope, period: Period) -> Table:
    shifts = (
        Shift.objects.filter(
            organisation__in=scope,
            status=ShiftStatus.OPEN,
            event__status=EventStatus.PUBLISHED,
            starts_at__gte=period.now,
            taken__lt=F("capacity"),
        )
        .select_related("event", "team", "organisation")
        .order_by("starts_at", "pk")
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
    )


def unsigned_agreements(scope, period: Period) -> Table:
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


def cooperation_to_act_on(scope, period: Period) -> Table:
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


def age_groups(scope, period: Period) -> Table:
    year = period.year
    group = Case(
        When(profile__birth_year__isnull=True, then=Value("unknown")),
        When(profile__birth_year__gt=year - 25, then=Value("under_25")),
        When(profile__birth_year__gt=year - 40, then=Value("25_39")),
        When(profile__birth_year__gt=year - 60, then=Value("40_59")),
        default=Value("60_plus"),
    )
    counts = _grouped(_active_volunteers(scope), group, Count("pk"))
    return Table(
        name="ages",
        caption=_("Active volunteers by age"),
        columns=[_("Age"), _("Active volunteers")],
        rows=[[str(label), counts.get(key, 0)] for key, label in AGE_GROUPS],
        bar=1,
    )


def reach(scope, period: Period) -> Table:
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
    # Three plain counts: folding them into one aggregate over annotations made Django drop
    # the EXISTS from the SQL.
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
        note=_("First time means that their first engagement here started this year."),
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
    return [(title, [build(scope, period) for build in builders]) for title, builders in SECTIONS]
