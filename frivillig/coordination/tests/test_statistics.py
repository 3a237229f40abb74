"""The public statistics and the yearly report: figures equal direct counts, small counts are
suppressed, and no person can be found in any of it."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from frivillig.catalog.models import Area, Opportunity, OpportunityStatus, Place
from frivillig.coordination import statistics
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, Engagement, EngagementStatus
from frivillig.events import signup
from frivillig.events.models import ShiftSignup, SignupStatus
from frivillig.organisations.models import Organisation, OrganisationKind
from frivillig.organisations.services import create_organisation


@pytest.fixture
def world(make_opportunity, make_user, make_shift, organisation, other_organisation, owner):
    """Opportunities in city and countryside, a draft, one by an unapproved organisation,
    events with sign-ups and hours, applications and an engagement."""
    for _ in range(6):
        make_opportunity(place="nibe")
    make_opportunity(place="aalborg", area_slugs=("aeldre", "boern"))
    make_opportunity(place="aalborg", area_slugs=("boern",), organisation=other_organisation)
    make_opportunity(place=None, area_slugs=("beredskab",))
    make_opportunity(publish=False)
    # An organisation whose approval was withdrawn after it published: counted nowhere.
    unapproved = create_organisation(
        name="Ikke længere godkendt", kind=OrganisationKind.ASSOCIATION, is_approved=True
    )
    make_opportunity(place="hals", organisation=unapproved)
    Organisation.objects.filter(pk=unapproved.pk).update(is_approved=False)

    people = [make_user(first_name="Anna", last_name=f"Personsen{i}") for i in range(7)]
    shift = make_shift(capacity=10)
    make_shift(event=shift.event, capacity=3, start_hour=15)
    for person in people[:6]:
        signup.sign_up(volunteer=person, shift=shift)
    ShiftSignup.objects.filter(shift=shift).update(hours=Decimal("3.50"))
    signup.cancel(signup=ShiftSignup.objects.filter(volunteer=people[5]).get(), volunteer=people[5])

    opportunity = Opportunity.objects.visible().filter(place__slug="nibe").first()
    for person in people[:3]:
        engagements.apply(volunteer=person, opportunity=opportunity)
    engagements.accept(application=Application.objects.first(), by=owner)
    return people


def _visible():
    return Opportunity.objects.visible()


def test_it_counts_opportunities_by_area_as_direct_counts(world):
    rows = {row["slug"]: row["count"] for row in statistics.opportunities_by_area()}
    assert set(rows) == set(Area.objects.values_list("slug", flat=True))
    for area in Area.objects.all():
        assert rows[area.slug] == _visible().filter(areas=area).count()
    assert rows["aeldre"] == 7 and rows["boern"] == 2 and rows["groenne-omraader"] == 0


def test_it_counts_towns_and_city_and_countryside(world):
    towns = {row["slug"]: row["count"] for row in statistics.opportunities_by_town()}
    for place in Place.objects.all():
        assert towns[place.slug] == _visible().filter(place=place).count()
    assert towns["hals"] == 0  # only the unapproved organisation offers something there
    settings = {row["setting"]: row["count"] for row in statistics.opportunities_by_setting()}
    assert settings == {
        "by": _visible().filter(place__setting="by").count(),
        "land": _visible().filter(place__setting="land").count(),
        "flexible": _visible().filter(place__isnull=True).count(),
    }
    assert settings == {"by": 2, "land": 6, "flexible": 1}
    assert sum(settings.values()) == statistics.overview()["opportunities"] == 9


def test_it_leaves_out_what_is_outside_its_publishing_window(world, make_opportunity):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    make_opportunity(place="hals", area_slugs=("boern",), publish_from=now + day)
    make_opportunity(place="nibe", area_slugs=("aeldre", "beredskab"), publish_until=now - day)
    make_opportunity(place=None, area_slugs=("boern",), end_date=timezone.localdate() - day)
    make_opportunity(place="hals", area_slugs=("beredskab",), publish_until=now + day)
    towns = {row["slug"]: row["count"] for row in statistics.opportunities_by_town()}
    assert towns == {
        place.slug: _visible().filter(place=place).count() for place in Place.objects.all()
    }
    assert towns["hals"] == 1
    areas = {row["slug"]: row["count"] for row in statistics.opportunities_by_area()}
    assert areas == {
        area.slug: _visible().filter(areas=area).count() for area in Area.objects.all()
    }
    assert statistics.overview()["opportunities"] == _visible().count() == 10
    # Later the first one's window opens and the others' stay closed.
    later = now + 2 * day
    by_place, by_area = statistics.published.visible(later)
    assert sum(by_place.values()) == Opportunity.objects.visible(later).count()
    assert by_area == {
        area.pk: n
        for area in Area.objects.all()
        if (n := Opportunity.objects.visible(later).filter(areas=area).count())
    }


def test_it_counts_approved_organisations_by_kind(world):
    kinds = {row["kind"]: row["count"] for row in statistics.organisations_by_kind()}
    for kind in OrganisationKind.values:
        assert kinds[kind] == Organisation.objects.filter(is_approved=True, kind=kind).count()
    assert kinds["association"] == 2


def test_it_counts_events_shifts_sign_ups_and_hours(world):
    event_year = ShiftSignup.objects.first().shift.starts_at.year
    figures = statistics.events_summary(event_year)
    confirmed = ShiftSignup.objects.filter(status=SignupStatus.CONFIRMED)
    assert figures == {
        "events": 1,
        "shifts": 2,
        "places": 13,
        "confirmed_signups": confirmed.count(),
        # The cancelled sign-up's hours were recorded before it was cancelled: they count too.
        "hours": int(round(sum(s.hours for s in ShiftSignup.objects.exclude(hours=None)))),
    }
    assert figures["confirmed_signups"] == 5 and figures["hours"] == 21


def test_it_counts_applications_by_month_and_engagements(world):
    year = timezone.localdate().year
    months = statistics.applications_by_month(year)
    assert [row["month"] for row in months] == list(range(1, 13))
    this_month = timezone.localtime().month
    assert months[this_month - 1]["count"] == Application.objects.count() == 3
    assert sum(row["count"] for row in months) == 3
    assert statistics.active_engagements() == (
        Engagement.objects.filter(status=EngagementStatus.ACTIVE).count()
    )
    assert statistics.report(year)["engagements_started"] == 1
    assert statistics.report(year - 1)["active_engagements"] is None


def test_it_counts_a_year_by_publication_date(world):
    year = timezone.localdate().year
    published_this_year = Opportunity.objects.filter(
        published_at__year=year, organisation__is_approved=True
    ).exclude(status=OpportunityStatus.DRAFT)
    assert statistics.report(year)["opportunities"] == published_this_year.count() == 9
    assert statistics.report(year - 1)["opportunities"] == 0


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_it_shows_one_to_four_as_under_five(n):
    with translation.override("en"):
        assert statistics.suppress(n) == "under 5"


def test_it_shows_zero_and_five_as_they_are():
    assert statistics.suppress(0) == 0
    assert statistics.suppress(5) == 5
    assert statistics.suppress(Decimal("4.6")) == 5


def test_it_suppresses_every_figure_but_not_labels():
    data = {"year": 2026, "month": 3, "rows": [{"label": "Nibe", "count": 2}], "total": 40}
    with translation.override("en"):
        assert statistics.public(data) == {
            "year": 2026,
            "month": 3,
            "rows": [{"label": "Nibe", "count": "under 5"}],
            "total": 40,
        }


def test_it_shows_small_counts_as_under_five_on_the_page(client, world):
    with translation.override("en"):
        page = client.get("/statistik/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Two opportunities in the city: a small number, so not shown as 2.
    assert "under 5" in page


def test_it_puts_no_person_in_any_output(client, world, volunteer):
    year = timezone.localdate().year
    outputs = [
        client.get("/statistik/").content.decode(),
        client.get(f"/aarsrapport/{year}/").content.decode(),
        str(statistics.overview()),
        str(statistics.report(year)),
    ]
    people = list(world) + [volunteer]
    for output in outputs:
        for person in people:
            assert person.email not in output
            assert person.get_full_name() not in output
        assert "Karen Kontakt" not in output and "karen@example.dk" not in output


def test_it_renders_the_yearly_report_with_its_title(client, world):
    year = timezone.localdate().year
    response = client.get(f"/aarsrapport/{year}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Aalborg" in response.content.decode()
    assert f"{year}" in response.content.decode()
    assert b"@media print" in response.content


def test_it_refuses_a_report_for_a_year_without_data(client, world):
    assert client.get("/aarsrapport/1999/").status_code == 404
    assert client.get(f"/aarsrapport/{timezone.localdate().year + 1}/").status_code == 404


def test_it_prints_the_yearly_report_as_pdf(client, world):
    year = timezone.localdate().year
    response = client.get(f"/aarsrapport/{year}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"frivillighed-i-aalborg-{year}.pdf" in response["Content-Disposition"]


def test_it_costs_the_same_queries_for_few_and_many_rows(world, make_opportunity, areas):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            statistics.overview()
            statistics.report(timezone.localdate().year)
        return len(captured)

    few = queries()
    for i in range(8):
        Place.objects.create(
            slug=f"by-{i}",
            name=f"By {i}",
            postal_code="9000",
            latitude=57,
            longitude=10,
            setting="land",
        )
        Area.objects.create(slug=f"omraade-{i}", name_da=f"Område {i}", name_en=f"Area {i}")
        make_opportunity(place="hals")
    assert queries() == few


def test_it_counts_applications_in_the_municipality_s_month(world):
    # 23:30 UTC on 31 March is 01:30 on 1 April in Copenhagen: an April application.
    year = timezone.localdate().year
    Application.objects.update(
        created_at=datetime.datetime(year, 3, 31, 21, 30, tzinfo=datetime.UTC)
    )
    first = Application.objects.order_by("pk").first()
    Application.objects.filter(pk=first.pk).update(
        created_at=datetime.datetime(year, 3, 31, 23, 30, tzinfo=datetime.UTC)
    )
    months = {row["month"]: row["count"] for row in statistics.applications_by_month(year)}
    direct = Application.objects.count()
    assert months[3] == direct - 1 and months[4] == 1
    assert sum(months.values()) == direct
