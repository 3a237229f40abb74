"""The roster: who is on which shift, as rows, CSV and PDF, and how full teams and days are."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import translation

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.events import planning, roster, signup


@pytest.fixture
def event(make_event):
    return make_event("Karneval", days=2)


@pytest.fixture
def bar(event):
    return planning.add_team(event=event, name="Bar")


@pytest.fixture
def planned(event, bar, make_shift, make_user, owner):
    """Day 0: cleaning 10-14 (2 of 2) and bar 18-22 (1 of 4, one of them waiting elsewhere);
    day 1: cleaning 10-14 (0 of 2); a cancelled bar shift that counts nowhere."""
    cleaning = event.teams.get(name="Oprydning")
    people = {
        name: make_user(f"{name.lower()}@example.dk", first_name=name, last_name="Hansen")
        for name in ("Anna", "Bo", "Carl", "Dorte")
    }
    VolunteerProfile.objects.create(user=people["Anna"], phone="20 30 40 50")
    first = make_shift(event=event, team=cleaning, day=0, start_hour=10, capacity=2)
    evening = make_shift(event=event, team=bar, day=0, start_hour=18, capacity=4)
    second = make_shift(event=event, team=cleaning, day=1, start_hour=10, capacity=2)
    gone = make_shift(event=event, team=bar, day=1, start_hour=18, capacity=10)
    signup.sign_up(volunteer=people["Anna"], shift=first)
    signup.sign_up(volunteer=people["Bo"], shift=first)
    signup.sign_up(volunteer=people["Carl"], shift=first)  # waitlisted
    signup.sign_up(volunteer=people["Dorte"], shift=evening)
    signup.sign_up(volunteer=people["Carl"], shift=gone)
    signup.cancel_shift(shift=gone, by=owner)
    return {"first": first, "evening": evening, "second": second, "people": people}


def test_it_lists_the_people_with_a_place_in_shift_order(event, planned):
    rows = roster.rows(event)
    assert [row.name for row in rows] == ["Anna Hansen", "Bo Hansen", "Dorte Hansen"]
    anna = rows[0]
    assert anna.team == "Oprydning" and anna.phone == "20 30 40 50"
    assert anna.starts.hour == 10 and anna.day == event.starts_on
    assert anna.place == "Aalborg C"


def test_it_filters_by_day_team_and_shift(event, bar, planned):
    assert roster.rows(event, day=event.starts_on + timedelta(days=1)) == []
    assert [r.name for r in roster.rows(event, team=bar)] == ["Dorte Hansen"]
    assert [r.name for r in roster.rows(event, shift=planned["first"])] == [
        "Anna Hansen",
        "Bo Hansen",
    ]


def test_it_reads_the_roster_in_a_fixed_number_of_queries(
    event, planned, django_assert_num_queries
):
    with django_assert_num_queries(1):
        roster.rows(event)


def test_it_writes_csv_that_excel_reads(event, planned):
    planned["people"]["Bo"].first_name = "=HYPERLINK(1)"
    planned["people"]["Bo"].save()
    with translation.override("en"):
        data = roster.csv_bytes(roster.rows(event))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:3] == ["Date", "Starts", "Ends"] and "Phone" in lines[0]
    anna = next(line for line in lines if line[5] == "Anna Hansen")
    assert anna[1] == "10:00" and anna[7] == "20 30 40 50"
    # A name that looks like a formula stays text in the spreadsheet.
    assert any(line[5] == "'=HYPERLINK(1) Hansen" for line in lines)


def test_it_prints_a_pdf(event, planned):
    pdf = roster.pdf_bytes(
        template="backoffice/events/roster_pdf.html",
        context={
            "event": event,
            "organisation": event.organisation,
            "days": [(event.starts_on, "i dag", roster.rows(event))],
            "count": 3,
            "printed_at": event.created_at,
        },
        base_url="http://testserver/",
    )
    assert pdf.startswith(b"%PDF")


def test_it_counts_how_full_teams_and_days_are_in_one_query_each(
    event, bar, planned, django_assert_num_queries
):
    with django_assert_num_queries(1):
        by_team = {fill.label.name: fill for fill in roster.fill_by_team(event)}
    assert (by_team["Oprydning"].places, by_team["Oprydning"].taken) == (4, 2)
    assert (by_team["Bar"].places, by_team["Bar"].taken, by_team["Bar"].percent) == (4, 1, 25)
    with django_assert_num_queries(1):
        by_day = roster.fill_by_day(event)
    assert [(f.label, f.places, f.taken, f.free) for f in by_day] == [
        (event.starts_on, 6, 3, 3),
        (event.starts_on + timedelta(days=1), 2, 0, 2),
    ]


def test_a_team_without_shifts_is_empty_not_missing(event):
    planning.add_team(event=event, name="Tom")
    fills = {fill.label.name: fill for fill in roster.fill_by_team(event)}
    assert fills["Tom"].places == 0 and fills["Tom"].percent == 0


def test_it_records_one_read_per_person(event, planned, owner, organisation):
    rows = roster.rows(event)
    roster.record_reads(
        staff=owner,
        organisation=organisation,
        volunteer_ids=[row.signup.volunteer_id for row in rows] * 2,
    )
    reads = PersonalDataRead.objects.filter(staff=owner, what="roster")
    assert reads.count() == 3
    assert {read.volunteer.first_name for read in reads} == {"Anna", "Bo", "Dorte"}
