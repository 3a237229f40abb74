"""The overview's and the statistics' summed figures come from the activity totals for every day
before the last refresh and from the raw rows for the rest: they equal a direct count before a
refresh, after it, and when something happens today without one."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.activity import services
from frivillig.activity.models import Coverage, MonthlyActivity, MonthlyAreaActivity
from frivillig.activity.tasks import refresh_activity
from frivillig.coordination import overview, statistics
from frivillig.coordination.tests.test_overview import (  # noqa: F401 (fixtures)
    engage,
    log_hours,
    make_volunteer,
    other_association,
    unit_association,
)
from frivillig.engagements.models import Application, Engagement
from frivillig.events.models import ShiftSignup, SignupStatus
from frivillig.organisations.models import Organisation, OrganisationKind
from frivillig.organisations.services import create_organisation

SUMMED = ["now", "year", "areas", "towns", "settings", "months", "ages", "reach"]


def month_ago(n: int, day: int = 12) -> datetime.datetime:
    """Noon on `day` of the local month `n` months before this one."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - n
    return timezone.make_aware(datetime.datetime(index // 12, index % 12 + 1, day, 12, 0))


def tables(scope, period=None):
    period = period or overview.Period.current()
    return {
        name: overview.TABLES[name](scope, period, limit=overview.PAGE_ROWS).rows for name in SUMMED
    }


def stats(year=None):
    year = year or timezone.localdate().year
    return {
        "summary": statistics.events_summary(year),
        "months": statistics.applications_by_month(year),
        "report": statistics.report(year),
    }


@pytest.fixture
def history(
    make_opportunity,
    make_event,
    make_shift,
    make_volunteer,  # noqa: F811
    unit_association,  # noqa: F811
    other_association,  # noqa: F811
):
    """Applications, engagements and hours in both associations, spread over the last 26
    months (also over new year and the running month), in two towns and several areas."""
    ours = make_opportunity("Besøgsven", organisation=unit_association, area_slugs=("aeldre",))
    theirs = make_opportunity(
        "Kajak", organisation=other_association, area_slugs=("aeldre", "boern"), place="hals"
    )
    flexible = make_opportunity("Telefonven", organisation=unit_association, place=None)
    people = [make_volunteer(1950 + 5 * i) for i in range(9)]
    for n, months_back in enumerate([0, 0, 1, 2, 5, 11, 13, 14, 25]):
        opportunity = (ours, theirs, flexible)[n % 3]
        when = month_ago(months_back, day=1 + n)
        engage(people[n], opportunity, applied=when, started=when)
    for n, months_back in enumerate([0, 1, 1, 3, 12, 13, 24]):
        association = unit_association if n % 2 else other_association
        # Some shifts meet in another town than their event; one event started the year before
        # its shift (the public statistics leave that one out).
        event = make_event(organisation=association)
        shift = make_shift(event=event, **({"place": event.place} if n == 3 else {}))
        signup = log_hours(people[n % 6], shift, f"{n + 1}.5", month_ago(months_back, day=28))
        if n == 4:
            event.starts_on = month_ago(months_back + 12).date()
            event.save()
        if n == 5:
            ShiftSignup.objects.filter(pk=signup.pk).update(status=SignupStatus.CANCELLED)
    # Not approved yet: on the overview, but not in the public statistics.
    waiting = create_organisation(
        name="Ny Forening", kind=OrganisationKind.ASSOCIATION, is_approved=True
    )
    pending = make_opportunity("Ny opgave", organisation=waiting)
    engage(people[8], pending, applied=month_ago(2), started=month_ago(2))
    event = make_event(organisation=waiting)
    log_hours(people[8], make_shift(event=event), "4", month_ago(2, day=20))
    Organisation.objects.filter(pk=waiting.pk).update(is_approved=False)
    return {"ours": ours, "theirs": theirs, "people": people}


def direct_year(scope, span):
    """The reference: what the overview counted before the totals existed."""
    applications = Application.objects.filter(
        organisation__in=scope, created_at__gte=span[0], created_at__lt=span[1]
    ).count()
    hours = ShiftSignup.objects.filter(
        shift__organisation__in=scope,
        hours__isnull=False,
        shift__starts_at__gte=span[0],
        shift__starts_at__lt=span[1],
    ).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    return applications, hours.quantize(Decimal("0.1"))


def direct_events_summary(year):
    shifts = statistics.shifts_in(year)
    signups = ShiftSignup.objects.filter(shift__in=shifts.values("pk")).aggregate(
        confirmed=Count("pk", filter=Q(status=SignupStatus.CONFIRMED)), hours=Sum("hours")
    )
    return {
        "events": statistics.events_in(year).count(),
        "shifts": shifts.count(),
        "places": shifts.aggregate(n=Sum("capacity"))["n"] or 0,
        "confirmed_signups": signups["confirmed"],
        "hours": int(round(signups["hours"] or 0)),
    }


def test_it_shows_the_same_figures_after_a_refresh_as_a_direct_count(history, municipal_unit):
    scopes = [Organisation.objects.all()]
    scopes.append(
        Organisation.objects.filter(
            pk__in=[municipal_unit.pk, *municipal_unit.children.values_list("pk", flat=True)]
        )
    )
    period = overview.Period.current()
    before = [tables(scope) for scope in scopes]
    before_stats = [stats(), stats(period.year - 1)]

    services.refresh()

    assert MonthlyActivity.objects.exists() and MonthlyAreaActivity.objects.exists()
    assert Coverage.objects.get().until == timezone.localdate()
    assert [tables(scope) for scope in scopes] == before
    assert [stats(), stats(period.year - 1)] == before_stats
    for scope in scopes:
        year = {r[0]: r for r in tables(scope)["year"]}
        applications, hours = direct_year(scope, period.this_year)
        assert year["Ansøgninger"][1] == applications
        assert year["Timer på vagter"][1] == hours
        applications, hours = direct_year(scope, period.same_time_last_year)
        assert year["Ansøgninger"][2] == applications
        assert year["Timer på vagter"][2] == hours
    for year in (period.year, period.year - 1):
        assert statistics.events_summary(year) == direct_events_summary(year)
        assert sum(m["count"] for m in statistics.applications_by_month(year)) == (
            Application.objects.filter(
                created_at__year=year, organisation__is_approved=True
            ).count()
        )


def test_it_gives_the_same_figures_for_an_earlier_period_after_a_refresh(history):
    # The same day last year: its partial month must come from the raw rows.
    today = timezone.localdate()
    day = today.replace(year=today.year - 1, day=min(today.day, 28))
    period = overview.Period(
        today=day, now=timezone.make_aware(datetime.datetime(*day.timetuple()[:3], 12))
    )
    before = tables(Organisation.objects.all(), period)
    services.refresh()
    assert tables(Organisation.objects.all(), period) == before
    # A refresh that stopped later in that very month: its stored month holds days after the
    # period's end, so the part-month must not come from it.
    services.refresh(until=day + datetime.timedelta(days=3))
    assert tables(Organisation.objects.all(), period) == before


def test_it_counts_today_live_without_a_refresh(history, make_shift, make_event):
    services.refresh()
    period = overview.Period.current()
    scope = Organisation.objects.all()
    applications, hours = direct_year(scope, period.this_year)
    now = timezone.now()
    engage(history["people"][1], history["ours"], applied=now, started=now)
    shift = make_shift(event=make_event(organisation=history["ours"].organisation))
    log_hours(history["people"][1], shift, "2.5", now)

    year = {r[0]: r for r in tables(scope)["year"]}
    assert year["Ansøgninger"][1] == applications + 1
    assert year["Timer på vagter"][1] == hours + Decimal("2.5")
    assert (applications + 1, hours + Decimal("2.5")) == direct_year(scope, period.this_year)


def test_a_correction_to_an_earlier_day_shows_after_the_next_refresh(history):
    # Hours corrected today for a shift before the last refresh: the totals hold that day.
    services.refresh()
    scope = Organisation.objects.all()
    period = overview.Period.current()

    def hours():
        """The hours of last year and this year, from the overview's months."""
        return sum(row[5] + row[6] for row in tables(scope)["months"])

    signup = ShiftSignup.objects.filter(
        hours__isnull=False,
        shift__starts_at__gte=period.same_time_last_year[0],
        shift__starts_at__lt=period.this_year[1] - datetime.timedelta(days=1),
    ).latest("shift__starts_at")
    stale = hours()
    ShiftSignup.objects.filter(pk=signup.pk).update(hours=signup.hours + 1)
    assert hours() == stale

    services.refresh()
    assert hours() == stale + 1


def test_it_counts_months_after_a_late_refresh_live(history):
    expected = tables(Organisation.objects.all())
    expected_stats = stats()
    # A refresh that last ran three months ago, mid-month: the rest is counted live.
    services.refresh(until=month_ago(3).date())
    assert Coverage.objects.get().until == month_ago(3).date()
    assert tables(Organisation.objects.all()) == expected
    assert stats() == expected_stats


def test_a_refresh_replaces_the_months_it_rebuilds(history):
    services.refresh()
    rows = MonthlyActivity.objects.count()
    services.refresh()
    assert MonthlyActivity.objects.count() == rows

    # A correction in a closed month shows after the next refresh of that month.
    application = Application.objects.filter(created_at__lt=month_ago(1, 1)).latest("created_at")
    month = timezone.localtime(application.created_at).date().replace(day=1)
    stale = tables(Organisation.objects.all())
    application.delete()
    services.refresh(since=month)
    fresh = tables(Organisation.objects.all())
    assert fresh != stale
    Coverage.objects.all().delete()  # now everything is counted live
    assert tables(Organisation.objects.all()) == fresh


def test_a_refresh_after_a_gap_rebuilds_the_months_in_between(history):
    services.refresh(until=month_ago(6).date())
    services.refresh(since=month_ago(1).date())
    expected = tables(Organisation.objects.all())
    Coverage.objects.all().delete()
    assert tables(Organisation.objects.all()) == expected


def test_the_command_and_the_task_refresh(history, capsys):
    call_command("refresh_activity")
    assert "2" in capsys.readouterr().out
    call_command("refresh_activity", since=month_ago(2).strftime("%Y-%m"))
    with pytest.raises(CommandError):
        call_command("refresh_activity", since="<script>")
    Coverage.objects.all().delete()
    refresh_activity.call()
    assert Coverage.objects.get().until == timezone.localdate()


def test_it_shows_the_office_when_active_volunteers_were_counted(
    history,
    municipal_unit,
    make_volunteer,  # noqa: F811
):
    services.refresh()
    active = Engagement.objects.filter(status="active").values("volunteer").distinct().count()
    engage(make_volunteer(), history["ours"], applied=month_ago(0, 1), started=month_ago(0, 1))
    everything = Organisation.objects.all()
    unit = Organisation.objects.below([municipal_unit])
    period = overview.Period.current()
    with translation.override("en"):
        office = overview.current_figures(everything, period)
        coordinator = overview.current_figures(unit, period)
        assert office.note.startswith("Active volunteers as counted at ")
    assert coordinator.note == ""
    # The office sees the count of the last refresh; a coordinator's scope is counted live.
    assert office.rows[0][1] == active
    assert coordinator.rows[0][1] == (
        Engagement.objects.filter(status="active", organisation__in=unit)
        .values("volunteer")
        .distinct()
        .count()
    )
    services.refresh()
    assert overview.current_figures(everything, period).rows[0][1] == active + 1


def test_a_span_must_start_at_a_month(db):
    from frivillig.activity import queries

    with pytest.raises(ValueError):
        queries.figures(
            [queries.APPLICATIONS], organisations=Organisation.objects.all(), start=month_ago(0, 2)
        )


# Unmet needs: only the rows shown, plus a count


def test_it_fetches_only_the_shown_rows_of_a_long_list(client, office_staff, make_opportunity):
    for n in range(overview.PAGE_ROWS + 3):
        make_opportunity(f"Opgave {n:03}")
    scope = Organisation.objects.all()
    period = overview.Period.current()
    shown = overview.opportunities_without_applicants(scope, period, limit=overview.PAGE_ROWS)
    assert len(shown.rows) == overview.PAGE_ROWS
    assert shown.cut == 3
    everything = overview.opportunities_without_applicants(scope, period)
    assert len(everything.rows) == overview.PAGE_ROWS + 3
    assert everything.rows[: overview.PAGE_ROWS] == shown.rows

    client.force_login(office_staff)
    page = client.get(reverse("coordination:overview")).content.decode()
    assert "3 rækker mere findes i CSV-filen." in page
    exported = client.get(reverse("coordination:overview_csv", args=["no_applicants"]))
    exported = exported.content.decode()
    assert exported.count("Opgave 0") == overview.PAGE_ROWS + 3
