"""Aggregate figures for the public statistics page and the yearly report.

Everything here is an anonymous count or sum, returned as plain dicts and lists, so that a page,
a PDF or a download can show the same numbers. Nothing reads a name, an e-mail or any other
field of a person. Before a figure about people leaves the portal it goes through `suppress`
(or `public` for a whole structure): a count of 1–4 could point at a person in a small town or
a small association, so it is shown as "under 5" (the usual rule for Danish public statistics).

Counts cover approved organisations only, as everything else on the public portal does, and
every area, town and kind of organisation appears, also with 0: no area or district is a
second-class citizen in the statistics (Aalborg's volunteer strategy).

Applications, sign-ups, shifts and hours of a year are summed from the monthly totals of
`frivillig.activity` (every day before the last refresh) and the raw rows (today): a year at
national scale is millions of rows. What the public sees now is summed from the counts the
catalogue keeps per organisation (`catalog.published.visible`)."""

import datetime
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from frivillig.activity import queries as activity
from frivillig.catalog import published
from frivillig.catalog.models import Area, Opportunity, Place, Setting
from frivillig.engagements.models import Engagement, EngagementStatus
from frivillig.events.models import Event, EventStatus, Shift, ShiftStatus
from frivillig.organisations.models import Organisation, OrganisationKind

SMALL = 5
FLEXIBLE = "flexible"

# Keys that name or order a row rather than count something; `public` leaves them alone.
_LABEL_KEYS = frozenset({"year", "month", "slug", "name", "label", "setting", "kind"})


def suppress(n):
    """The figure as shown to the public: 1–4 become "under 5"; 0 stays 0 (nothing to hide)."""
    if isinstance(n, Decimal | float):
        n = int(round(n))
    if 0 < n < SMALL:
        return _("under %(limit)d") % {"limit": SMALL}
    return n


def public(data):
    """`data` (dicts, lists, numbers) with every figure passed through `suppress`."""
    if isinstance(data, dict):
        return {key: value if key in _LABEL_KEYS else public(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [public(item) for item in data]
    if isinstance(data, bool) or not isinstance(data, int | float | Decimal):
        return data
    return suppress(data)


# Opportunities --------------------------------------------------------------------------------


def opportunities(*, year: int | None = None, now=None):
    """With no year: what the public can see now. With a year: the opportunities of approved
    organisations first published that year (whether or not they are still open)."""
    if year is None:
        return Opportunity.objects.visible(now)
    return Opportunity.objects.filter(
        published_at__year=year, published_at__isnull=False, organisation__is_approved=True
    )


def opportunities_by_area(*, year: int | None = None, now=None, counts=None) -> list[dict]:
    """Every area with its number of opportunities; one opportunity may be in several areas.
    What the public sees now comes from the catalogue's kept counts (`catalog.published`)."""
    if counts is None and year is None:
        counts = published.visible(now)[1]
    elif counts is None:
        ids = opportunities(year=year, now=now).values("pk")
        counts = dict(
            Opportunity.areas.through.objects.filter(opportunity__in=ids)
            .values("area_id")
            .annotate(n=Count("opportunity_id"))
            .values_list("area_id", "n")
        )
    return [
        {"slug": area.slug, "label": area.name, "count": counts.get(area.pk, 0)}
        for area in Area.objects.all()
    ]


def opportunities_by_place(*, year: int | None = None, now=None) -> dict:
    """{town id, or None for no fixed place: number of opportunities}, one grouped query. The
    towns, the settings and the total are sums of it, so the page groups the opportunities
    once, not once per table."""
    if year is None:
        return published.visible(now)[0]
    return dict(
        opportunities(year=year, now=now)
        .order_by()
        .values("place")
        .annotate(n=Count("pk"))
        .values_list("place", "n")
    )


def opportunities_by_town(*, year: int | None = None, now=None, by_place=None) -> list[dict]:
    """Every town with its number of opportunities, by name."""
    counts = opportunities_by_place(year=year, now=now) if by_place is None else by_place
    return [
        {
            "slug": place.slug,
            "label": place.name,
            "setting": place.setting,
            "setting_label": str(place.get_setting_display()),
            "count": counts.get(place.pk, 0),
        }
        for place in Place.objects.order_by("name", "pk")
    ]


def opportunities_by_setting(*, year: int | None = None, now=None, by_place=None) -> list[dict]:
    """City, countryside, and those without a fixed place (done anywhere)."""
    counts = opportunities_by_place(year=year, now=now) if by_place is None else by_place
    settings = dict(Place.objects.values_list("pk", "setting"))
    by_setting = {}
    for place, n in counts.items():
        if place is not None:
            by_setting[settings[place]] = by_setting.get(settings[place], 0) + n
    rows = [
        {"setting": value, "label": str(label), "count": by_setting.get(value, 0)}
        for value, label in Setting.choices
    ]
    rows.append({"setting": FLEXIBLE, "label": _("No fixed place"), "count": counts.get(None, 0)})
    return rows


# Organisations --------------------------------------------------------------------------------


def organisations_by_kind() -> list[dict]:
    counts = dict(
        Organisation.objects.approved()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        {"kind": value, "label": str(label), "count": counts.get(value, 0)}
        for value, label in OrganisationKind.choices
    ]


# Events, shifts, sign-ups and hours -----------------------------------------------------------


def events_in(year: int):
    """Published events of approved organisations that start in `year` (public and hidden:
    a hidden event's volunteers did the same work, and a count reveals no link)."""
    return Event.objects.filter(
        status=EventStatus.PUBLISHED, organisation__is_approved=True, starts_on__year=year
    )


def shifts_in(year: int):
    return Shift.objects.filter(
        event__in=events_in(year).values("pk"), status=ShiftStatus.OPEN, starts_at__year=year
    )


def _approved() -> dict:
    """Every organisation but those not approved: read from the municipality's rows of the
    totals minus the few unapproved organisations' rows."""
    return {
        "organisations": Organisation.objects.all(),
        "excluding": Organisation.objects.filter(is_approved=False),
    }


def _year(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return activity.month_start(datetime.date(year, 1, 1)), activity.month_start(
        datetime.date(year + 1, 1, 1)
    )


def events_summary(year: int) -> dict:
    """The year's shifts (`shifts_in`), their places, confirmed sign-ups and hours."""
    start, end = _year(year)
    summed = activity.figures(
        [
            activity.STATS_SHIFTS,
            activity.STATS_PLACES,
            activity.STATS_CONFIRMED,
            activity.STATS_HOURS,
        ],
        **_approved(),
        start=start,
        end=end,
    )
    figures = {column: groups.get(None) or 0 for column, groups in summed.items()}
    return {
        "events": events_in(year).count(),
        "shifts": figures["stats_shifts"],
        "places": figures["stats_places"],
        "confirmed_signups": figures["stats_confirmed"],
        # Hours recorded at check-out (or from the shift's length by the organisation).
        "hours": int(round(figures["stats_hours"])),
    }


# Engagements and applications -----------------------------------------------------------------


def active_engagements() -> int:
    """Active engagements of approved organisations: every active one (from the partial index
    `engagement_active` alone) minus those of the few organisations not approved."""
    active = Engagement.objects.filter(status=EngagementStatus.ACTIVE)
    return active.count() - active.filter(organisation__is_approved=False).count()


def applications_by_month(year: int) -> list[dict]:
    """Applications sent in each month of `year`, January to December, also empty months."""
    # Months in the municipality's time zone (the totals and the live count both convert).
    start, end = _year(year)
    grouped = activity.figures(
        [activity.APPLICATIONS],
        **_approved(),
        start=start,
        end=end,
        by=activity.MONTH,
    )["applications"]
    counts = [grouped.get(year * 100 + month) or 0 for month in range(1, 13)]
    return [
        {"month": month, "label": str(MONTHS[month]), "count": counts[month - 1]}
        for month in range(1, 13)
    ]


# The whole picture ----------------------------------------------------------------------------


def current_year() -> int:
    return timezone.localdate().year


def overview(*, now=None) -> dict:
    """The public statistics page: what is on the portal now, and this year's activity."""
    year = timezone.localdate(now).year if now else current_year()
    by_place, by_area = published.visible(now)
    months = applications_by_month(year)
    return {
        "year": year,
        "opportunities": sum(by_place.values()),
        "by_area": opportunities_by_area(counts=by_area),
        "by_setting": opportunities_by_setting(by_place=by_place),
        "by_town": opportunities_by_town(by_place=by_place),
        "organisations": Organisation.objects.approved().count(),
        "by_kind": organisations_by_kind(),
        "events_listed": Event.objects.listed().filter(organisation__is_approved=True).count(),
        "activity": events_summary(year),
        "active_engagements": active_engagements(),
        "applications": sum(row["count"] for row in months),
        "applications_by_month": months,
    }


def report(year: int) -> dict:
    """The yearly report "Volunteering in <municipality> <year>"."""
    by_place = opportunities_by_place(year=year)
    months = applications_by_month(year)
    return {
        "year": year,
        "opportunities": sum(by_place.values()),
        "by_area": opportunities_by_area(year=year),
        "by_setting": opportunities_by_setting(by_place=by_place),
        "by_town": opportunities_by_town(by_place=by_place),
        "organisations": Organisation.objects.approved().count(),
        "new_organisations": Organisation.objects.approved().filter(created_at__year=year).count(),
        "by_kind": organisations_by_kind(),
        "activity": events_summary(year),
        # Only a report of the running year can say how many are active; older ones cannot
        # know it afterwards (ended engagements are anonymised in time).
        "active_engagements": active_engagements() if year == current_year() else None,
        "engagements_started": _engagements_started(year),
        "applications": sum(row["count"] for row in months),
        "applications_by_month": months,
    }


def _engagements_started(year: int) -> int:
    start, end = _year(year)
    return (
        activity.figures(
            [activity.ENGAGEMENTS],
            **_approved(),
            start=start,
            end=end,
        )["engagements"].get(None)
        or 0
    )


def first_year() -> int:
    """The earliest year with anything published, for the list of reports."""
    first = (
        Opportunity.objects.filter(published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localtime(first).year if first else current_year()
