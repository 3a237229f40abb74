"""The municipal overview at /kommune/: figures equal to direct counts, scoped to the
coordinator's part of the tree, every table as CSV, and a query count that does not grow."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.accounts.models import VolunteerProfile
from frivillig.agreements import services as agreements
from frivillig.coordination import overview
from frivillig.engagements.models import Application, ApplicationStatus, Engagement
from frivillig.engagements.services import sync_applicant_facts
from frivillig.events import signup
from frivillig.events.models import Shift, ShiftSignup, SignupStatus
from frivillig.organisations.models import Organisation, OrganisationKind
from frivillig.organisations.services import create_organisation

URL = reverse("coordination:overview")
TODAY = datetime.date(2026, 6, 30)
PERIOD = overview.Period(
    today=TODAY, now=timezone.make_aware(datetime.datetime(2026, 6, 30, 12, 0))
)


def at(year, month, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def csv_url(table):
    return reverse("coordination:overview_csv", args=[table])


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def table(tables, name):
    return next(t for _, group in tables for t in group if t.name == name)


def row(table, label):
    return next(r for r in table.rows if r[0] == label)


@pytest.fixture
def unit_association(municipal_unit, places):
    """An association under the unit: inside the unit coordinator's part."""
    return create_organisation(
        name="Nibe Besøgsvenner",
        kind=OrganisationKind.ASSOCIATION,
        parent=municipal_unit,
        is_approved=True,
        place=places["nibe"],
    )


@pytest.fixture
def other_association(places):
    """Under another department's unit: outside the unit coordinator's part."""
    department = create_organisation(
        name="Kultur- og Fritidsforvaltningen", kind=OrganisationKind.DEPARTMENT, is_approved=True
    )
    unit = create_organisation(
        name="Fritidscenter Hals", kind=OrganisationKind.UNIT, parent=department, is_approved=True
    )
    return create_organisation(
        name="Hals Kajakklub",
        kind=OrganisationKind.ASSOCIATION,
        parent=unit,
        is_approved=True,
        place=places["hals"],
    )


@pytest.fixture
def make_volunteer(make_user):
    def make(birth_year=1990):
        user = make_user()
        VolunteerProfile.objects.create(user=user, birth_year=birth_year)
        return user

    return make


def make_application(opportunity, volunteer, **fields):
    """An application written straight to the table (to date it), with what
    `engagements.services.apply` keeps beside it."""
    application = Application.objects.create(
        opportunity=opportunity,
        organisation_id=opportunity.organisation_id,
        volunteer=volunteer,
        **fields,
    )
    sync_applicant_facts(opportunities=[opportunity.pk])
    return application


def engage(volunteer, opportunity, *, started=None, applied=None, status="active"):
    application = make_application(
        opportunity, volunteer, status=ApplicationStatus.ACCEPTED, answered_at=timezone.now()
    )
    engagement = Engagement.objects.create(
        application=application,
        opportunity=opportunity,
        organisation_id=opportunity.organisation_id,
        volunteer=volunteer,
        status=status,
        ended_at=timezone.now() if status == "ended" else None,
    )
    Application.objects.filter(pk=application.pk).update(created_at=applied or at(2026, 3))
    Engagement.objects.filter(pk=engagement.pk).update(started_at=started or at(2026, 3))
    return engagement


def log_hours(volunteer, shift, hours, when):
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=when, ends_at=when + datetime.timedelta(hours=4)
    )
    return ShiftSignup.objects.create(
        shift=shift,
        event_id=shift.event_id,
        volunteer=volunteer,
        status=SignupStatus.CONFIRMED,
        confirmed_at=when,
        hours=Decimal(hours),
    )


@pytest.fixture
def story(make_opportunity, make_shift, make_volunteer, unit_association, other_association, areas):
    """Two volunteers in the unit's association, one in another department's association."""
    ours = make_opportunity(
        "Besøgsven i Nibe", organisation=unit_association, area_slugs=("aeldre", "boern")
    )
    theirs = make_opportunity(
        "Kajakinstruktør i Hals",
        organisation=other_association,
        area_slugs=("aeldre",),
        place="hals",
    )
    young, old, elsewhere = make_volunteer(2005), make_volunteer(1950), make_volunteer(1980)
    engage(young, ours)
    engage(old, ours, started=at(2024, 5))
    engage(elsewhere, theirs)
    return {"ours": ours, "theirs": theirs, "young": young, "old": old, "elsewhere": elsewhere}


def everything():
    return Organisation.objects.all()


# Who may look


@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_it_is_a_404_for_association_staff(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.get(csv_url("areas")).status_code == 404


def test_it_sends_strangers_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_is_wrapped_in_the_municipal_door():
    from frivillig.coordination.views import overview as views

    assert views.overview_page.municipal_scoped
    assert views.overview_csv.municipal_scoped


def test_it_shows_the_office_the_whole_municipality(client, office_staff, story):
    client.force_login(office_staff)
    response = client.get(URL)
    assert response.status_code == 200
    now = table(response.context["sections"], "now")
    assert row(now, _("Active volunteers"))[1] == 3
    assert row(table(response.context["sections"], "towns"), "Hals")[3] == 1


def test_it_shows_a_unit_coordinator_only_their_unit(client, unit_coordinator, story):
    client.force_login(unit_coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    sections = response.context["sections"]
    assert row(table(sections, "now"), _("Active volunteers"))[1] == 2
    assert row(table(sections, "now"), _("Published opportunities"))[1] == 1
    content = response.content.decode()
    assert "Hals Kajakklub" not in content
    assert "Kajakinstruktør" not in content
    exported = client.get(csv_url("no_applicants")).content.decode()
    assert "Kajak" not in exported


# Figures


def test_it_counts_what_a_direct_count_counts(story, make_shift, make_event, unit_association):
    # The shift's event is in "Idræt og fritid" and in Aalborg C (see conftest).
    shift = make_shift(event=make_event(organisation=unit_association))
    log_hours(story["young"], shift, "3.5", at(2026, 4))
    log_hours(story["old"], shift, "2", at(2026, 4))
    tables = overview.sections(everything(), PERIOD)

    now = table(tables, "now")
    assert row(now, _("Active volunteers"))[1] == Engagement.objects.filter(status="active").count()

    areas = table(tables, "areas")
    aeldre = row(areas, "Ældre")
    # Published opportunities, organisations, active volunteers, applications, hours.
    assert aeldre[1:5] == [2, 2, 3, 3]
    assert row(areas, "Børn")[1:5] == [1, 1, 2, 2]
    assert row(areas, "Idræt og fritid")[5] == Decimal("5.5")
    assert row(areas, "Beredskab")[1:] == [0, 0, 0, 0, Decimal("0.0")]

    towns = table(tables, "towns")
    assert row(towns, "Nibe")[3] == 2
    assert row(towns, "Hals")[3] == 1
    assert row(towns, "Aalborg C")[5] == ShiftSignup.objects.aggregate(h=Sum("hours"))["h"]

    settings = table(tables, "settings")
    assert row(settings, _("Countryside"))[3] == 3
    assert row(settings, _("City"))[3] == 0

    year = table(tables, "year")
    assert row(year, _("Applications"))[1:3] == [3, 0]
    assert row(year, _("New engagements"))[1:3] == [2, 0]


def test_it_compares_months_with_last_year(story, make_volunteer):
    engage(make_volunteer(), story["ours"], applied=at(2025, 3), started=at(2025, 3))
    months = table(overview.sections(everything(), PERIOD), "months")
    march = months.rows[2]
    # Applications last year, this year; new engagements last year, this year.
    assert march[1:5] == [1, 3, 1, 2]
    assert (
        sum(r[2] for r in months.rows) == Application.objects.filter(created_at__year=2026).count()
    )
    year = table(overview.sections(everything(), PERIOD), "year")
    assert row(year, _("Applications"))[1:4] == [3, 1, "+200 %"]


def test_it_counts_age_groups_newcomers_and_cross_area_volunteers(story, make_volunteer):
    engage(make_volunteer(None), story["theirs"])
    tables = overview.sections(everything(), PERIOD)
    ages = {r[0]: r[1] for r in table(tables, "ages").rows}
    assert ages == {
        "Under 25": 1,
        "25–39": 0,
        "40–59": 1,
        _("60 and over"): 1,
        _("Age not given"): 1,
    }
    reach = table(tables, "reach")
    assert row(reach, _("First time this year"))[1] == 3
    assert row(reach, _("Returning from earlier years"))[1] == 1
    # Only the Nibe opportunity is in two areas.
    assert row(reach, _("Active in two or more areas"))[1] == 2


def test_it_keeps_another_departments_people_out_of_the_reach_figures(
    story, municipal_unit, unit_association
):
    # The volunteer elsewhere started long ago in another department: that is not ours to see.
    Engagement.objects.filter(volunteer=story["elsewhere"]).update(started_at=at(2020, 1))
    engage(story["elsewhere"], story["ours"])
    scope = Organisation.objects.below([municipal_unit])
    reach = table(overview.sections(scope, PERIOD), "reach")
    assert row(reach, _("First time this year"))[1] == 2
    assert row(reach, _("Returning from earlier years"))[1] == 1


# Unmet needs


def test_it_shows_unmet_needs(
    story,
    make_opportunity,
    make_shift,
    make_event,
    make_volunteer,
    make_agreement,
    make_cooperation,
    unit_association,
    municipal_unit,
    unit_coordinator,
):
    lonely = make_opportunity("Lektiehjælp", organisation=unit_association)
    waiting = make_application(lonely, make_volunteer())
    Application.objects.filter(pk=waiting.pk).update(created_at=PERIOD.now - datetime.timedelta(8))
    sync_applicant_facts(opportunities=[lonely.pk])
    make_application(story["ours"], make_volunteer())
    make_opportunity("Cykelsmed", organisation=unit_association)
    event = make_event(organisation=unit_association)
    open_shift = make_shift(event=event, capacity=2)
    full_shift = make_shift(event=event, start_hour=16, capacity=1)
    signup.sign_up(volunteer=make_volunteer(), shift=full_shift)
    make_agreement(organisation=unit_association, volunteer=story["young"])
    cooperation = make_cooperation(
        municipal_unit=municipal_unit,
        partner=unit_association,
        starts_on=timezone.localdate() - datetime.timedelta(days=300),
        review_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    agreements.send_cooperation(agreement=cooperation, by=unit_coordinator)

    scope = Organisation.objects.below([municipal_unit])
    period = overview.Period(today=timezone.localdate())
    tables = overview.sections(scope, period)

    assert [r[0] for r in table(tables, "no_applicants").rows] == ["Cykelsmed"]
    assert [(r[0], r[1], r[2]) for r in table(tables, "unanswered").rows] == [
        ("Lektiehjælp", "Nibe Besøgsvenner", 1)
    ]
    shifts = table(tables, "unfilled_shifts").rows
    assert [(r[0], r[2], r[4], r[5]) for r in shifts] == [
        (event.name, timezone.localtime(open_shift.starts_at).strftime("%Y-%m-%d %H:%M"), 2, 2)
    ]
    assert table(tables, "unsigned").rows == [["Nibe Besøgsvenner", 1, 0]]
    assert [r[0] for r in table(tables, "cooperation").rows] == [cooperation.title]

    # Signed both ways and due for review within the notice period: still to act on.
    for party in (municipal_unit, unit_association):
        agreements.sign_cooperation(
            agreement=cooperation, party=party, by=unit_coordinator, ip=None
        )
    assert table(overview.sections(scope, period), "cooperation").rows[0][3] == _("Due for review")


# CSV


def test_it_exports_a_table_as_csv(client, office_staff, story):
    client.force_login(office_staff)
    response = client.get(csv_url("areas"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:4] == [
        _("Area"),
        _("Published opportunities"),
        _("Organisations"),
        _("Active volunteers"),
    ]
    assert next(r for r in rows if r[0] == "Ældre")[:4] == ["Ældre", "2", "2", "3"]


def test_it_exports_every_table_and_refuses_unknown_ones(client, office_staff, story):
    client.force_login(office_staff)
    for name in overview.TABLES:
        response = client.get(csv_url(name))
        assert response.status_code == 200, name
        assert f"overview-{name}-" in response["Content-Disposition"]
    assert client.get(csv_url("users")).status_code == 404


def test_it_names_each_table_as_its_export(db):
    for name, build in overview.TABLES.items():
        assert build(everything(), PERIOD).name == name


def test_it_quotes_formulas_in_the_csv(client, office_staff, make_opportunity, places):
    evil = create_organisation(
        name="=HYPERLINK(1)", kind=OrganisationKind.ASSOCIATION, is_approved=True
    )
    make_opportunity("Noget", organisation=evil)
    client.force_login(office_staff)
    rows = read_csv(client.get(csv_url("no_applicants")))
    assert rows[1][1] == "'=HYPERLINK(1)"


# Speed


def test_it_needs_as_many_queries_for_many_volunteers_as_for_few(
    client,
    office_staff,
    story,
    make_opportunity,
    make_volunteer,
    make_shift,
    make_event,
    unit_association,
):
    client.force_login(office_staff)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context)

    few = queries()
    event = make_event(organisation=unit_association)
    for n in range(8):
        opportunity = make_opportunity(organisation=unit_association, area_slugs=("boern",))
        volunteer = make_volunteer(1940 + 10 * (n % 7))
        engage(volunteer, opportunity)
        log_hours(volunteer, make_shift(event=event, start_hour=8 + n), "1", at(2026, 2))
        make_shift(event=event, start_hour=8 + n, capacity=3)
    assert queries() == few


def test_it_is_linked_from_the_back_office_of_municipal_staff_only(
    client, unit_coordinator, owner, municipal_unit, organisation
):
    client.force_login(unit_coordinator)
    page = client.get(reverse("backoffice:dashboard", args=[municipal_unit.slug]))
    assert f'href="{URL}"' in page.content.decode()
    client.force_login(owner)
    page = client.get(reverse("backoffice:dashboard", args=[organisation.slug]))
    assert f'href="{URL}"' not in page.content.decode()
