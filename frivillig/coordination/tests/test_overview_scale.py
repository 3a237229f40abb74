"""The overview's figures that are counted a cheaper way at national scale still equal the plain
direct counts: published opportunities by area, town and setting (grouped once per page), the
oldest unanswered applications (walked along an index instead of grouping them all), and a
page built in one go (shared figures counted once) against each table built on its own."""

import datetime
import itertools

import pytest
from django.db.models import Count, Exists, F, Min, OuterRef
from django.utils import timezone

from frivillig.accounts import privacy
from frivillig.activity import services
from frivillig.catalog import published
from frivillig.catalog.models import (
    Opportunity,
    OpportunityStatus,
    PublishedInArea,
    PublishedInSetting,
    PublishedInTown,
)
from frivillig.catalog.services import (
    publish_opportunity,
    set_opportunity_status,
    update_opportunity,
)
from frivillig.coordination import overview
from frivillig.coordination.tests.test_overview import (  # noqa: F401 (fixtures)
    engage,
    log_hours,
    make_application,
    make_volunteer,
    other_association,
    unit_association,
)
from frivillig.coordination.tests.test_overview_activity import history, month_ago  # noqa: F401
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus
from frivillig.organisations.models import Organisation

KEPT = [PublishedInTown, PublishedInSetting, PublishedInArea]


def direct_published(scope, key):
    """The reference: COUNT(DISTINCT) per group over every published opportunity."""
    rows = (
        Opportunity.objects.filter(organisation__in=scope, status=OpportunityStatus.PUBLISHED)
        .order_by()
        .annotate(group_key=F(key))
        .values("group_key")
        .annotate(
            opportunities=Count("pk", distinct=True),
            organisations=Count("organisation", distinct=True),
        )
    )
    return {r["group_key"]: (r["opportunities"], r["organisations"]) for r in rows}


def scopes(municipal_unit):
    return [Organisation.objects.all(), Organisation.objects.below([municipal_unit])]


@pytest.fixture
def catalogue(make_opportunity, unit_association, other_association):  # noqa: F811
    """Opportunities of three organisations in several towns and areas, one without a town,
    one not published."""
    made = [
        make_opportunity("Besøgsven", organisation=unit_association, area_slugs=("aeldre",)),
        make_opportunity(
            "Lektier", organisation=unit_association, area_slugs=("aeldre", "boern"), place="hals"
        ),
        make_opportunity("Telefonven", organisation=unit_association, place=None),
        make_opportunity("Kajak", organisation=other_association, place="hals"),
        make_opportunity("Roning", organisation=other_association, area_slugs=("boern",)),
        make_opportunity("Ikke offentlig", organisation=other_association, publish=False),
        make_opportunity("Fælles"),  # the default organisation, in Nibe
    ]
    return made


def check_published(scope):
    period = overview.Period.current()
    counts = overview._published_counts(scope)
    assert counts["place"] == direct_published(scope, "place")
    assert counts["place__setting"] == direct_published(scope, "place__setting")
    areas = direct_published(scope, "areas")
    areas.pop(None, None)  # opportunities without an area are in no area's row
    assert counts["areas"] == areas
    total = Opportunity.objects.filter(organisation__in=scope, status=OpportunityStatus.PUBLISHED)
    now = overview.current_figures(scope, period)
    assert [r[1] for r in now.rows[1:]] == [
        total.values("organisation").distinct().count(),
        total.count(),
    ]
    towns = {r[0]: r[1:3] for r in overview.by_town(scope, period).rows}
    assert towns["Hals"] == list(direct_published(scope, "place").get(_hals(), (0, 0)))


def _hals():
    from frivillig.catalog.models import Place

    return Place.objects.get(slug="hals").pk


def test_it_counts_published_opportunities_as_a_direct_count(catalogue, municipal_unit):
    for scope in scopes(municipal_unit):
        check_published(scope)


def test_published_counts_change_at_once_without_a_refresh(
    catalogue,
    make_opportunity,
    municipal_unit,
    unit_association,  # noqa: F811
):
    before = overview.current_figures(Organisation.objects.all(), overview.Period.current())
    make_opportunity("Ny", organisation=unit_association, area_slugs=("boern",), place="hals")
    set_opportunity_status(opportunity=catalogue[3], status=OpportunityStatus.PAUSED)
    after = overview.current_figures(Organisation.objects.all(), overview.Period.current())
    assert after.rows[2][1] == before.rows[2][1]  # one more, one less
    for scope in scopes(municipal_unit):
        check_published(scope)


def test_published_counts_follow_moves_between_towns_and_areas(
    catalogue, municipal_unit, places, areas
):
    set_opportunity_status(opportunity=catalogue[1], status=OpportunityStatus.CLOSED)
    update_opportunity(opportunity=catalogue[5], place=None, is_flexible_location=True)  # draft
    publish_opportunity(opportunity=catalogue[5])
    # Moved while published: the last changes, so nothing else counts again after them.
    update_opportunity(opportunity=catalogue[0], place=places["hals"], areas=[areas["boern"]])
    update_opportunity(opportunity=catalogue[2], place=places["nibe"], is_flexible_location=False)
    for scope in scopes(municipal_unit):
        check_published(scope)


def test_an_edit_from_an_older_copy_undoes_nothing_that_happened_meanwhile(
    catalogue,
    make_volunteer,  # noqa: F811
):
    # The back office loaded the opportunity; meanwhile it was paused and someone applied.
    loaded = Opportunity.objects.get(pk=catalogue[0].pk)
    application = engagements.apply(volunteer=make_volunteer(), opportunity=catalogue[0])
    set_opportunity_status(opportunity=catalogue[0], status=OpportunityStatus.PAUSED)

    update_opportunity(opportunity=loaded, title="Besøgsven i Nibe")

    fresh = Opportunity.objects.get(pk=catalogue[0].pk)
    assert fresh.title == "Besøgsven i Nibe"
    assert fresh.status == OpportunityStatus.PAUSED
    assert fresh.has_applicants and fresh.waiting_since == application.created_at
    assert engagements.sync_applicant_facts() == 0


def test_the_refresh_rebuilds_published_counts_changed_behind_the_services(
    catalogue, municipal_unit
):
    # As a script or the admin could: past the catalogue services.
    Opportunity.objects.filter(pk=catalogue[3].pk).update(status=OpportunityStatus.PAUSED)
    Opportunity.objects.filter(pk=catalogue[5].pk).update(
        status=OpportunityStatus.PUBLISHED, published_at=timezone.now()
    )
    services.refresh()
    for scope in scopes(municipal_unit):
        check_published(scope)
    # Counting again when nothing changed writes nothing.
    rows = {model: set(model.objects.values_list("pk", flat=True)) for model in KEPT}
    published.rebuild()
    assert {model: set(model.objects.values_list("pk", flat=True)) for model in KEPT} == rows


def test_it_counts_nothing_published_as_zero(db, municipal_unit):
    for scope in scopes(municipal_unit):
        period = overview.Period.current()
        assert [r[1] for r in overview.current_figures(scope, period).rows[1:]] == [0, 0]
        assert all(r[1:3] == [0, 0] for r in overview.by_area(scope, period).rows)
        assert all(r[1:3] == [0, 0] for r in overview.by_setting(scope, period).rows)


# Published opportunities nobody has applied for


def direct_lonely(scope):
    """The reference: published opportunities without any application row."""
    return list(
        Opportunity.objects.filter(organisation__in=scope, status=OpportunityStatus.PUBLISHED)
        .exclude(Exists(Application.objects.filter(opportunity=OuterRef("pk"))))
        .order_by("published_at", "pk")
        .values_list("title", flat=True)
    )


def check_lonely(scope):
    period = overview.Period.current()
    shown = overview.opportunities_without_applicants(scope, period, limit=overview.PAGE_ROWS)
    assert [row[0] for row in shown.rows] == direct_lonely(scope)
    assert shown.total == len(direct_lonely(scope))


def test_nobody_has_applied_for_follows_applications_and_deleted_accounts(
    catalogue,
    make_volunteer,  # noqa: F811
    municipal_unit,
):
    for scope in scopes(municipal_unit):
        check_lonely(scope)
    first, second = make_volunteer(), make_volunteer()
    engagements.apply(volunteer=first, opportunity=catalogue[0])
    engagements.apply(volunteer=first, opportunity=catalogue[1])
    engagements.apply(volunteer=second, opportunity=catalogue[1])
    for scope in scopes(municipal_unit):
        check_lonely(scope)
    assert "Besøgsven" not in direct_lonely(Organisation.objects.all())

    # The only applicant deletes their account: nobody has applied for it any more.
    privacy.delete_account(user=first)
    for scope in scopes(municipal_unit):
        check_lonely(scope)
    assert "Besøgsven" in direct_lonely(Organisation.objects.all())
    assert "Lektier" not in direct_lonely(Organisation.objects.all())


def test_the_refresh_sets_right_what_another_path_left_wrong(
    catalogue,
    make_volunteer,  # noqa: F811
):
    engagements.apply(volunteer=make_volunteer(), opportunity=catalogue[0])
    Application.objects.all().delete()  # as the admin could
    Opportunity.objects.filter(pk=catalogue[1].pk).update(has_applicants=True)
    services.refresh()
    assert not Opportunity.objects.filter(has_applicants=True).exists()
    check_lonely(Organisation.objects.all())
    # Nothing left to set right: nothing is written again.
    make_application(catalogue[2], make_volunteer())
    assert engagements.sync_applicant_facts() == 0


# The oldest unanswered applications


def direct_unanswered(scope, period):
    """The reference: every pending application older than a week, grouped, oldest first."""
    rows = (
        Application.objects.filter(
            organisation__in=scope,
            status=ApplicationStatus.PENDING,
            created_at__lt=period.now - overview.UNANSWERED_AFTER,
        )
        .order_by()
        .values("opportunity", "opportunity__title", "organisation__name")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", "opportunity")
    )
    return [
        [
            r["opportunity__title"],
            r["organisation__name"],
            r["waiting"],
            timezone.localdate(r["oldest"]),
        ]
        for r in rows
    ]


@pytest.fixture
def waiting(catalogue, make_volunteer, municipal_unit):  # noqa: F811
    """Pending applications to five opportunities at many times, with ties between
    opportunities at the same moment, answered and recent ones that do not count."""
    now = timezone.now()
    published = [o for o in catalogue if o.status == OpportunityStatus.PUBLISHED]
    days = [30, 9, 12, 30, 8, 40, 12, 9, 30, 20, 3, 15]
    for n, (days_ago, opportunity) in enumerate(zip(days, itertools.cycle(published))):
        application = make_application(opportunity, make_volunteer())
        moment = now.replace(microsecond=0) - datetime.timedelta(days=days_ago)
        Application.objects.filter(pk=application.pk).update(created_at=moment)
        if n == 5:  # answered: no longer waiting
            Application.objects.filter(pk=application.pk).update(
                status=ApplicationStatus.DECLINED, answered_at=now
            )
    engage(make_volunteer(), published[0], applied=now - datetime.timedelta(days=50))
    # The dates and the answer were written straight to the table: keep beside them what the
    # engagement services keep.
    engagements.sync_applicant_facts()
    return published


def test_it_shows_the_oldest_unanswered_applications_as_a_full_grouping_does(
    waiting, municipal_unit
):
    period = overview.Period.current()
    for scope in scopes(municipal_unit):
        expected = direct_unanswered(scope, period)
        assert expected  # the story has some
        for limit in range(1, len(expected) + 2):
            shown = overview.unanswered_applications(scope, period, limit=limit)
            assert shown.rows == expected[:limit]
            assert shown.total == len(expected)
        assert overview.unanswered_applications(scope, period).rows == expected


def test_waiting_since_is_the_oldest_application_still_waiting(
    catalogue,
    owner,
    make_volunteer,  # noqa: F811
):
    opportunity = catalogue[0]

    def since():
        opportunity.refresh_from_db()
        return opportunity.waiting_since

    first, second, third = (
        engagements.apply(volunteer=make_volunteer(), opportunity=opportunity) for _ in range(3)
    )
    assert since() == first.created_at
    engagements.decline(application=first, by=owner, message="")
    assert since() == second.created_at
    engagements.accept(application=second, by=owner)
    assert since() == third.created_at
    engagements.withdraw(application=third, volunteer=third.volunteer)
    assert since() is None and opportunity.has_applicants


def test_answers_and_new_applications_change_the_list_at_once(waiting, owner, make_volunteer):  # noqa: F811
    scope = Organisation.objects.all()
    period = overview.Period.current()
    before = overview.unanswered_applications(scope, period, limit=overview.PAGE_ROWS)
    oldest = (
        Application.objects.filter(status=ApplicationStatus.PENDING).order_by("created_at").first()
    )
    # Every application waiting for that opportunity answered, one by one, by the services.
    for n, application in enumerate(
        Application.objects.filter(opportunity=oldest.opportunity, status="pending")
    ):
        if n % 2:
            engagements.decline(application=application, by=owner, message="")
        else:
            engagements.withdraw(application=application, volunteer=application.volunteer)
    after = overview.unanswered_applications(scope, period, limit=overview.PAGE_ROWS)
    assert after.rows == direct_unanswered(scope, period)
    assert after.total == before.total - 1
    # A new application is not waiting long yet; an old one comes back when it is.
    new = engagements.apply(volunteer=make_volunteer(), opportunity=oldest.opportunity)
    assert overview.unanswered_applications(scope, period, limit=50).rows == after.rows
    later = overview.Period(today=period.today, now=new.created_at + datetime.timedelta(days=8))
    shown = overview.unanswered_applications(scope, later, limit=50)
    assert shown.rows == direct_unanswered(scope, later)
    assert shown.total == after.total + 1


# One page build against each table on its own


def test_a_page_built_in_one_go_shows_what_each_table_shows_on_its_own(
    waiting, municipal_unit, make_event, make_shift
):
    make_shift(event=make_event())
    for scope in scopes(municipal_unit):
        period = overview.Period.current()
        page = {t.name: t.rows for _title, group in overview.sections(scope, period) for t in group}
        alone = {
            name: build(scope, period, limit=overview.PAGE_ROWS).rows
            for name, build in overview.TABLES.items()
        }
        assert page == alone


def page_and_alone(scope, period):
    page = {t.name: t.rows for _title, group in overview.sections(scope, period) for t in group}
    alone = {
        name: build(scope, period, limit=overview.PAGE_ROWS).rows
        for name, build in overview.TABLES.items()
    }
    return page, alone


def test_a_page_shares_the_live_month_and_still_equals_each_table_alone(
    history,  # noqa: F811
    municipal_unit,
    make_shift,
    make_event,
):
    """Each table on its own counts its live part by itself (and equals direct counts, see
    test_overview_activity); the page reads the live part once per figure for every table."""
    all_scopes = scopes(municipal_unit)

    def check():
        for scope in all_scopes:
            page, alone = page_and_alone(scope, overview.Period.current())
            assert page == alone

    check()  # no refresh: everything is live
    services.refresh()
    check()
    # The running month changes without a refresh.
    engage(history["people"][2], history["ours"], applied=month_ago(0, 1), started=month_ago(0, 1))
    log_hours(
        history["people"][2],
        make_shift(event=make_event(organisation=history["ours"].organisation)),
        "1.5",
        month_ago(0, 1),
    )
    check()
    services.refresh(until=month_ago(3).date())  # a late refresh: more months live
    check()


def test_last_years_part_month_comes_from_the_days_kept(history, municipal_unit):  # noqa: F811
    from frivillig.activity.models import DailyActivity
    from frivillig.coordination.tests.test_overview_activity import direct_year

    services.refresh()
    assert DailyActivity.objects.exists()
    period = overview.Period.current()
    everything, unit = scopes(municipal_unit)

    def last_year(scope):
        rows = {r[0]: r for r in overview.year_to_date(scope, period).rows}
        return rows["Ansøgninger"][2], rows["Timer på vagter"][2]

    for scope in (everything, unit):
        assert last_year(scope) == direct_year(scope, period.same_time_last_year)
    # An application a year ago, in the same month before today: a closed month, so the whole
    # municipality's figure shows it after the next refresh; a smaller scope counts live.
    engage(
        history["people"][1], history["ours"], applied=month_ago(12, 1), started=month_ago(12, 1)
    )
    office_before = last_year(everything)
    assert last_year(unit) == direct_year(unit, period.same_time_last_year)
    services.refresh()
    assert last_year(everything)[0] == office_before[0] + 1
    for scope in (everything, unit):
        assert last_year(scope) == direct_year(scope, period.same_time_last_year)
