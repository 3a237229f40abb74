"""Check-in on the day: a team lead or a coordinator opens a shift's list on a phone, finds a
person, checks them in and out, marks a no-show, and records hours after the shift; the QR
code on a confirmation opens one person for whoever may check them in, and for nobody else."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.events import checkin, planning, signup
from frivillig.events.models import Attendance, ShiftSignup, SignupStatus


@pytest.fixture
def event(make_event):
    return make_event("Aalborg Karneval", start_in_days=0, days=2)


@pytest.fixture
def team(event):
    return event.teams.get(name="Oprydning")


@pytest.fixture
def lead(make_user, team):
    """A team lead who is not staff of the organisation."""
    user = make_user("leder@example.dk", first_name="Lone", last_name="Leder")
    team.leads.add(user)
    return user


def _sign_up(person, shift):
    # The shift may already have begun; sign-up closed at the start, so sign up the day before.
    return signup.sign_up(
        volunteer=person, shift=shift, now=shift.starts_at - timedelta(days=1)
    ).signup


@pytest.fixture
def make_people(make_user):
    def make(shift, names):
        signups = []
        for first, last in names:
            person = make_user(first_name=first, last_name=last)
            signups.append(_sign_up(person, shift))
        return signups

    return make


@pytest.fixture
def shift(make_shift, team):
    return make_shift(team=team, start_hour=10, hours=4, capacity=20, location="Kilden, port 3")


@pytest.fixture
def people(shift, make_people):
    return make_people(shift, [("Vera", "Frivillig"), ("Bo", "Bjerg")])


@pytest.fixture
def list_url(organisation, shift):
    return reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk])


def _cancel(person_signup):
    ShiftSignup.objects.filter(pk=person_signup.pk).update(
        status=SignupStatus.CANCELLED, cancelled_at=timezone.now()
    )


def _html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _step(client, url, person_signup, step, **extra):
    return client.post(url, {"signup": person_signup.pk, "step": step, **extra}, follow=True)


# The list -----------------------------------------------------------------------------------


def test_it_lists_the_people_with_a_place_and_the_counts(
    english, coordinator, shift, people, list_url, make_user
):
    waiting = make_user(first_name="Wanda", last_name="Venteliste")
    ShiftSignup.objects.create(
        shift=shift, event=shift.event, volunteer=waiting, status=SignupStatus.WAITLISTED
    )
    english.force_login(coordinator)
    html = _html(english.get(list_url))
    assert "Vera Frivillig" in html and "Bo Bjerg" in html
    assert "Wanda" not in html
    assert "Checked in: <strong>0</strong> of 2" in html
    assert "Kilden, port 3" in html
    assert html.count("Not recorded") == 2


def test_it_checks_a_person_in_and_out_and_shows_the_hours(english, coordinator, people, list_url):
    english.force_login(coordinator)
    vera = people[0]
    response = _step(english, list_url, vera, "in")
    html = _html(response)
    assert response.redirect_chain[-1][0].endswith(f"#person-{vera.pk}")
    assert "Vera Frivillig is checked in." in html
    assert "Checked in: <strong>1</strong> of 2" in html
    vera.refresh_from_db()
    assert vera.attendance == Attendance.CHECKED_IN
    assert f"Checked in at {timezone.localtime(vera.checked_in_at):%H.%M}" in html

    ShiftSignup.objects.filter(pk=vera.pk).update(
        checked_in_at=timezone.now() - timedelta(hours=3, minutes=30)
    )
    html = _html(_step(english, list_url, vera, "out"))
    vera.refresh_from_db()
    assert vera.attendance == Attendance.CHECKED_OUT
    assert vera.hours == Decimal("3.50")
    assert "Checked out, 3.50 hours" in html
    assert "Checked in: <strong>1</strong> of 2" in html


def test_it_marks_a_no_show_and_takes_a_wrong_tap_back(english, lead, people, list_url):
    english.force_login(lead)
    bo = people[1]
    html = _html(_step(english, list_url, bo, "no_show"))
    assert "Did not come: 1" in html
    bo.refresh_from_db()
    assert bo.attendance == Attendance.NO_SHOW

    html = _html(_step(english, list_url, bo, "undo"))
    bo.refresh_from_db()
    assert bo.attendance == Attendance.UNKNOWN
    assert "The registration for Bo Bjerg is undone." in html
    assert "Did not come: " not in html


def test_it_explains_why_a_step_cannot_be_taken_and_forgets_a_cancelled_place(
    english, coordinator, people, list_url
):
    english.force_login(coordinator)
    html = _html(_step(english, list_url, people[0], "out"))
    assert "Check the person in before checking them out." in html
    _cancel(people[0])
    assert english.post(list_url, {"signup": people[0].pk, "step": "in"}).status_code == 404
    assert "Vera Frivillig" not in _html(english.get(list_url))


def test_it_ignores_a_step_it_does_not_know(english, coordinator, people, list_url):
    english.force_login(coordinator)
    response = english.post(list_url, {"signup": people[0].pk, "step": "delete"})
    assert response.status_code == 302
    people[0].refresh_from_db()
    assert people[0].attendance == Attendance.UNKNOWN


def test_it_refuses_a_sign_up_of_another_shift(
    english, coordinator, list_url, make_shift, team, make_people
):
    elsewhere = make_people(make_shift(team=team, start_hour=16), [("Anne", "Anden")])[0]
    english.force_login(coordinator)
    assert english.post(list_url, {"signup": elsewhere.pk, "step": "in"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.attendance == Attendance.UNKNOWN


def test_it_finds_people_by_name_on_the_server(english, coordinator, people, list_url):
    english.force_login(coordinator)
    html = _html(english.get(list_url, {"q": "vera fri"}))
    assert "Vera Frivillig" in html and "Bo Bjerg" not in html
    assert "1 person found for “vera fri”." in html
    # The counts are the shift's, not the search's.
    assert "Checked in: <strong>0</strong> of 2" in html
    html = _html(english.get(list_url, {"q": "nobody"}))
    assert "Nobody on this shift has that name." in html


def test_it_keeps_the_search_after_a_tap(english, coordinator, people, list_url):
    english.force_login(coordinator)
    response = english.post(list_url, {"signup": people[1].pk, "step": "in", "q": "bo"})
    assert response.url == f"{list_url}?q=bo#person-{people[1].pk}"


def test_it_logs_one_read_per_person_and_not_one_per_tap(
    english, lead, organisation, people, list_url
):
    english.force_login(lead)
    english.get(list_url)
    _step(english, list_url, people[0], "in")
    english.get(list_url, {"q": "vera"})
    reads = PersonalDataRead.objects.all()
    assert {(r.staff, r.volunteer_id, r.organisation, r.what) for r in reads} == {
        (lead, people[0].volunteer_id, organisation, "checkin"),
        (lead, people[1].volunteer_id, organisation, "checkin"),
    }
    assert reads.count() == 2


def test_it_lists_without_a_query_per_person(
    english, coordinator, organisation, team, make_shift, make_people
):
    english.force_login(coordinator)

    def queries_for(count):
        shift = make_shift(team=team, start_hour=8 + count % 10, capacity=count)
        people = make_people(shift, [(f"Person{i}", "Test") for i in range(count)])
        checkin.check_in(people[0])
        checkin.mark_no_show(people[1])
        url = reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk])
        english.get(url)  # the first read of each person is logged; measure the ordinary load
        with CaptureQueriesContext(connection) as captured:
            assert english.get(url).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(10)


# After the shift ----------------------------------------------------------------------------


def test_it_records_hours_from_the_shift_times_once_the_shift_is_over(
    english, coordinator, organisation, make_event, make_shift, make_people
):
    past = make_event("Sidste år", start_in_days=-1)
    shift = make_shift(event=past, start_hour=9, hours=3, capacity=5)
    came, left, absent, unmarked = make_people(
        shift, [("A", "Kom"), ("B", "Gik"), ("C", "Udeblev"), ("D", "Ukendt")]
    )
    checkin.check_in(came)
    checkin.check_in(left, now=shift.starts_at)
    checkin.check_out(left, now=shift.starts_at + timedelta(hours=2))
    checkin.mark_no_show(absent)
    url = reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk])
    english.force_login(coordinator)
    assert "2 people who were not marked as absent have no hours yet" in _html(english.get(url))

    html = _html(english.post(url, {"step": "hours"}, follow=True))
    assert "Hours recorded for 2 people." in html
    assert "Everyone who came has their hours recorded." in html
    hours = dict(ShiftSignup.objects.values_list("volunteer__first_name", "hours"))
    assert hours == {"A": Decimal("3.00"), "B": Decimal("2.00"), "C": None, "D": Decimal("3.00")}


def test_it_does_not_record_hours_before_the_shift_is_over(
    english, coordinator, organisation, make_event, make_shift, make_people
):
    later = make_event("Næste måned", start_in_days=30)
    shift = make_shift(event=later, capacity=2)
    make_people(shift, [("A", "Kommer")])
    url = reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk])
    english.force_login(coordinator)
    html = _html(english.get(url))
    assert "Record hours" not in html
    html = _html(english.post(url, {"step": "hours"}, follow=True))
    assert "Hours can be recorded when the shift is over." in html
    assert not ShiftSignup.objects.filter(hours__isnull=False).exists()


# Today's shifts -----------------------------------------------------------------------------


def test_it_shows_todays_and_tomorrows_shifts_with_counts(
    english, coordinator, organisation, shift, people, make_shift, team, make_event
):
    checkin.check_in(people[0])
    tomorrow = make_shift(team=team, day=1, start_hour=12, capacity=3)
    later = make_shift(event=make_event("Senere", start_in_days=3), start_hour=11)
    english.force_login(coordinator)
    html = _html(english.get(reverse("backoffice:checkin_today", args=[organisation.slug])))
    assert "1 of 2 checked in" in html
    assert reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk]) in html
    assert reverse("backoffice:checkin_shift", args=[organisation.slug, tomorrow.pk]) in html
    assert reverse("backoffice:checkin_shift", args=[organisation.slug, later.pk]) not in html
    assert html.index("Today") < html.index(f"/{shift.pk}/") < html.index("Tomorrow")
    assert html.index("Tomorrow") < html.index(f"/{tomorrow.pk}/")


def test_it_counts_todays_shifts_without_a_query_per_shift(
    english, coordinator, organisation, event, make_shift
):
    english.force_login(coordinator)
    url = reverse("backoffice:checkin_today", args=[organisation.slug])

    def queries_with(count):
        for hour in range(count):
            planning.add_team(event=event, name=f"Hold {count}-{hour}")
            make_shift(team=event.teams.get(name=f"Hold {count}-{hour}"), start_hour=8 + hour)
        with CaptureQueriesContext(connection) as captured:
            assert english.get(url).status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(8)


# Who may --------------------------------------------------------------------------------------


def test_it_lets_a_lead_check_in_their_own_teams_shifts_only(
    english, lead, organisation, event, shift, people, list_url, make_shift
):
    planning.add_team(event=event, name="Førstehjælp")
    other_team_shift = make_shift(team=event.teams.get(name="Førstehjælp"), start_hour=12)
    english.force_login(lead)
    assert "Vera Frivillig" in _html(english.get(list_url))
    _step(english, list_url, people[0], "in")
    people[0].refresh_from_db()
    assert people[0].attendance == Attendance.CHECKED_IN

    other = reverse("backoffice:checkin_shift", args=[organisation.slug, other_team_shift.pk])
    assert english.get(other).status_code == 404
    assert english.post(other, {"signup": people[0].pk, "step": "undo"}).status_code == 404
    today = _html(english.get(reverse("backoffice:checkin_today", args=[organisation.slug])))
    assert f"/{shift.pk}/" in today and f"/{other_team_shift.pk}/" not in today
    # A lead is no member of staff: the rest of the back office stays closed.
    assert english.get(reverse("backoffice:dashboard", args=[organisation.slug])).status_code == 404


def test_it_lets_a_coordinator_of_the_unit_above_check_in(
    english, unit, unit_coordinator, shift, people
):
    english.force_login(unit_coordinator)
    url = reverse("backoffice:checkin_shift", args=[unit.slug, shift.pk])
    assert "Vera Frivillig" in _html(english.get(url))
    today = _html(english.get(reverse("backoffice:checkin_today", args=[unit.slug])))
    assert url in today


@pytest.mark.parametrize("who", ["member", "outsider", "volunteer", "nobody"])
def test_it_gives_everyone_else_a_404(
    request, english, organisation, other_organisation, shift, people, list_url, make_user, who
):
    user = make_user("ingen@example.dk") if who == "nobody" else request.getfixturevalue(who)
    english.force_login(user)
    for url in (list_url, reverse("backoffice:checkin_today", args=[organisation.slug])):
        assert english.get(url).status_code == 404
    assert english.post(list_url, {"signup": people[0].pk, "step": "in"}).status_code == 404
    people[0].refresh_from_db()
    assert people[0].attendance == Attendance.UNKNOWN


def test_it_hides_another_organisations_shift_from_staff_and_leads(
    english, owner, lead, organisation, other_organisation, make_event, make_shift
):
    theirs = make_shift(event=make_event("Deres", start_in_days=0, organisation=other_organisation))
    for user in (owner, lead):
        english.force_login(user)
        for slug in (organisation.slug, other_organisation.slug):
            url = reverse("backoffice:checkin_shift", args=[slug, theirs.pk])
            assert english.get(url).status_code == 404


def test_it_sends_an_anonymous_visitor_to_log_in(client, list_url):
    response = client.get(list_url)
    assert response.status_code == 302
    assert reverse("account_login") in response.url


# The QR code ----------------------------------------------------------------------------------


def _code_url(person_signup):
    return reverse("backoffice:checkin_by_code", args=[person_signup.checkin_code])


def test_it_opens_one_person_from_the_qr_code_and_checks_them_in_then_out(
    english, lead, people, organisation, shift
):
    vera = people[0]
    english.force_login(lead)
    html = _html(english.get(_code_url(vera)))
    assert "Vera Frivillig" in html and "Bo Bjerg" not in html
    assert "Check in" in html and "Not recorded" in html
    assert reverse("backoffice:checkin_shift", args=[organisation.slug, shift.pk]) in html

    html = _html(english.post(_code_url(vera), {"step": "in"}, follow=True))
    assert "Vera Frivillig is checked in." in html
    assert ">Check out<" in html
    html = _html(english.post(_code_url(vera), {"step": "out"}, follow=True))
    vera.refresh_from_db()
    assert vera.attendance == Attendance.CHECKED_OUT
    assert "Checked out," in html
    assert PersonalDataRead.objects.filter(volunteer=vera.volunteer, staff=lead).count() == 1


def test_it_needs_a_log_in_before_the_qr_code(client, people):
    response = client.get(_code_url(people[0]))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize("who", ["member", "outsider", "the volunteer"])
def test_it_gives_a_404_for_the_qr_code_to_anyone_who_may_not_check_in(
    request, english, people, who
):
    user = people[0].volunteer if who == "the volunteer" else request.getfixturevalue(who)
    english.force_login(user)
    assert english.get(_code_url(people[0])).status_code == 404
    assert english.post(_code_url(people[0]), {"step": "in"}).status_code == 404
    people[0].refresh_from_db()
    assert people[0].attendance == Attendance.UNKNOWN


def test_it_gives_a_404_for_an_unknown_or_cancelled_code(english, owner, people):
    english.force_login(owner)
    unknown = reverse("backoffice:checkin_by_code", args=["findes-ikke"])
    assert english.get(unknown).status_code == 404
    _cancel(people[0])
    assert english.get(_code_url(people[0])).status_code == 404
