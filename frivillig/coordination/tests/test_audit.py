"""The central office's log of reads of volunteers' personal data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.accounts.services import record_personal_data_read

URL = reverse("coordination:audit_log")
CSV_URL = reverse("coordination:audit_log_csv")


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _read(*, staff, volunteer, organisation, what, days_ago=0):
    record_personal_data_read(
        staff=staff, volunteer=volunteer, organisation=organisation, what=what
    )
    read = PersonalDataRead.objects.latest("pk")
    read.read_at = timezone.now() - datetime.timedelta(days=days_ago)
    read.save(update_fields=["read_at"])
    return read


@pytest.fixture
def reads(owner, outsider, coordinator, volunteer, make_user, organisation, other_organisation):
    other_volunteer = make_user("anden@example.dk", first_name="Anders", last_name="Anden")
    return [
        _read(staff=owner, volunteer=volunteer, organisation=organisation, what="application"),
        _read(
            staff=coordinator,
            volunteer=volunteer,
            organisation=organisation,
            what="expense claim",
            days_ago=10,
        ),
        _read(
            staff=outsider,
            volunteer=other_volunteer,
            organisation=other_organisation,
            what="roster",
            days_ago=40,
        ),
        _read(
            staff=None,
            volunteer=other_volunteer,
            organisation=other_organisation,
            what="api:engagement",
            days_ago=40,
        ),
    ]


def test_it_shows_the_office_every_read_with_labels(english, office_staff, reads):
    english.force_login(office_staff)
    response = english.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olga Ejer" in html and "Vera Frivillig" in html and "Application" in html
    assert "Ulla Udenfor" in html and "Hals Idrætsforening" in html and "Event roster" in html
    assert "Expense claim" in html
    assert "Volunteer (engagement) (via the API)" in html
    assert "The organisation&#x27;s system (API token)" in html
    assert "4 lines" in html


def test_it_says_what_it_does_not_contain(english, office_staff):
    english.force_login(office_staff)
    html = english.get(URL).content.decode()
    assert "What volunteers change on their own pages is theirs" in html


def test_it_filters_by_volunteer_or_staff(english, office_staff, reads):
    english.force_login(office_staff)
    html = english.get(URL, {"person": "vera frivillig"}).content.decode()
    assert "2 lines" in html and "Ulla Udenfor" not in html
    html = english.get(URL, {"person": "udenfor@example"}).content.decode()
    assert "1 line" in html and "Anders Anden" in html and "Vera Frivillig" not in html
    # Words must all fit one person, not one word the volunteer and one the staff.
    html = english.get(URL, {"person": "vera udenfor"}).content.decode()
    assert "No reads match the filter." in html


def test_it_filters_by_organisation_with_those_below_it(
    english, office_staff, reads, municipal_unit, organisation
):
    from frivillig.organisations.services import move_organisation

    move_organisation(organisation=organisation, parent=municipal_unit)
    english.force_login(office_staff)
    html = english.get(URL, {"organisation": municipal_unit.pk}).content.decode()
    assert "2 lines" in html and "Hals Idrætsforening</td>" not in html


def test_it_filters_by_dates_both_inclusive(english, office_staff, reads):
    english.force_login(office_staff)
    today = timezone.localdate()
    html = english.get(URL, {"start": today.isoformat()}).content.decode()
    assert "1 line" in html and "Application" in html
    ten_days_ago = (today - datetime.timedelta(days=10)).isoformat()
    html = english.get(URL, {"start": ten_days_ago, "end": ten_days_ago}).content.decode()
    assert "1 line" in html and "Expense claim" in html
    html = english.get(URL, {"end": (today - datetime.timedelta(days=11)).isoformat()})
    assert "2 lines" in html.content.decode()


def test_it_explains_a_bad_date_range_and_shows_nothing(english, office_staff, reads):
    english.force_login(office_staff)
    response = english.get(URL, {"start": "2025-02-01", "end": "2025-01-01"})
    html = response.content.decode()
    assert "The end date must be on or after the start date." in html
    assert "Correct the filter to see the log." in html
    assert "Vera Frivillig" not in html


def test_it_exports_the_filtered_reads_as_csv(english, office_staff, reads):
    english.force_login(office_staff)
    response = english.get(CSV_URL, {"person": "vera"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("When;Staff;")
    assert len(lines) == 3
    assert "Olga Ejer;ejer@example.dk;Vera Frivillig;frivillig@example.dk" in text
    assert "Ulla" not in text


def test_the_export_keeps_formulas_as_text(english, office_staff, organisation, owner, make_user):
    sly = make_user("sly@example.dk", first_name="=HYPERLINK(1)")
    _read(staff=owner, volunteer=sly, organisation=organisation, what="application")
    english.force_login(office_staff)
    text = english.get(CSV_URL).content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1)" in text


def test_looking_at_the_log_is_not_logged(english, office_staff, reads):
    english.force_login(office_staff)
    english.get(URL)
    english.get(CSV_URL)
    assert PersonalDataRead.objects.count() == len(reads)


def test_it_is_for_the_volunteer_office_only(client, unit_coordinator, owner):
    for user in (unit_coordinator, owner):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.get(CSV_URL).status_code == 404


def _queries_for(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    client, office_staff, owner, organisation, make_user
):
    client.force_login(office_staff)

    def add(n):
        for _ in range(n):
            _read(staff=owner, volunteer=make_user(), organisation=organisation, what="roster")

    add(2)
    few = _queries_for(client)
    add(8)
    assert _queries_for(client) == few
