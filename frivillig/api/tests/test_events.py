"""Events and shifts in the API: open data for anyone, the roster for the organiser's token."""

from datetime import timedelta

import pytest

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.events import checkin, planning, signup
from frivillig.events.models import EventVisibility
from frivillig.organisations import tokens
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation

EVENTS = "/api/v1/events"
ORG_EVENTS = "/api/v1/org/events"


@pytest.fixture
def raw_token(organisation, owner):
    return tokens.create_token(organisation=organisation, name="Vagtsystem", created_by=owner)[1]


@pytest.fixture
def org_get(client, raw_token):
    """GET as `organisation`'s system; returns (status, JSON body)."""

    def get(path, data=None, *, token=raw_token):
        headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        response = client.get(path, data, **headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
        return response.status_code, response.json()

    return get


@pytest.fixture
def carnival(make_event, make_shift):
    """A public event with two teams: three shifts, one of them full with a waitlist."""
    event = make_event("Karneval", days=2)
    cleaning = event.teams.get()
    bar = planning.add_team(event=event, name="Bar", name_en="Bar")
    make_shift(team=cleaning, capacity=3, start_hour=8)
    make_shift(team=cleaning, capacity=2, start_hour=8, day=1)
    make_shift(team=bar, capacity=1, start_hour=20, location="Teltet")
    return event


@pytest.fixture
def hidden(make_event, make_shift):
    event = make_event("Hemmelig fest", visibility=EventVisibility.HIDDEN)
    make_shift(event=event)
    return event


@pytest.fixture
def theirs(make_event, make_shift, make_user, other_organisation):
    event = make_event("Andres stævne", organisation=other_organisation)
    shift = make_shift(event=event, capacity=1)
    signup.sign_up(volunteer=make_user("fremmed@example.dk"), shift=shift)
    return event


def _fill(shift, make_user, *, waiting=1):
    people = [make_user() for _ in range(shift.capacity + waiting)]
    for person in people:
        signup.sign_up(volunteer=person, shift=shift)
    return people


# Public ------------------------------------------------------------------------------------


def test_it_lists_public_events_with_their_free_places(get_json, carnival, hidden, make_event):
    make_event("Kladde", publish=False)
    make_event("Overstået", start_in_days=-10)

    status, body = get_json(EVENTS)

    assert status == 200
    assert [e["slug"] for e in body["results"]] == [carnival.slug]
    listed = body["results"][0]
    assert listed["name"] == "Karneval"
    assert listed["shift_count"] == 3
    assert listed["free_places"] == 6
    assert listed["areas"] == ["idraet-og-fritid"]
    assert listed["place"]["slug"] == "aalborg-c"
    assert listed["url"].endswith(f"/arrangementer/{carnival.slug}/")
    assert set(body) == {"count", "page", "pages", "next", "previous", "results"}


def test_it_lists_events_in_constant_queries(
    get_json, make_event, make_shift, django_assert_max_num_queries
):
    for n in range(10):
        make_shift(event=make_event(f"Fest {n}"))
    with django_assert_max_num_queries(4):
        status, body = get_json(EVENTS)
    assert status == 200 and body["count"] == 10


def test_it_shows_an_event_with_its_teams(get_json, carnival):
    status, body = get_json(f"{EVENTS}/{carnival.slug}")

    assert status == 200
    teams = {t["name"]: t for t in body["teams"]}
    assert set(teams) == {"Bar", "Oprydning"}
    assert teams["Oprydning"]["shift_count"] == 2
    assert teams["Oprydning"]["free_places"] == 5
    assert teams["Bar"]["free_places"] == 1
    assert body["cancel_hours_before"] == 24


def test_it_hides_a_hidden_event_without_its_secret(get_json, hidden):
    assert get_json(f"{EVENTS}/{hidden.slug}", lang="en") == (
        404,
        {"detail": f"There is no event “{hidden.slug}”."},
    )
    assert get_json(f"{EVENTS}/{hidden.slug}", {"secret": "gaet"})[0] == 404
    assert get_json(f"{EVENTS}/{hidden.slug}/shifts")[0] == 404

    assert get_json(f"{EVENTS}/{hidden.slug}", {"secret": hidden.secret})[0] == 200
    status, body = get_json(f"{EVENTS}/{hidden.slug}/shifts", {"secret": hidden.secret})
    assert status == 200 and body["count"] == 1


def test_it_hides_a_draft_event_even_with_the_secret(get_json, make_event):
    draft = make_event("Kladde", publish=False)
    assert get_json(f"{EVENTS}/{draft.slug}", {"secret": draft.secret})[0] == 404


def test_it_lists_shifts_with_places_taken_and_free(get_json, carnival, make_user):
    bar_shift = carnival.shifts.get(team__name="Bar")
    _fill(bar_shift, make_user)

    status, body = get_json(f"{EVENTS}/{carnival.slug}/shifts")

    assert status == 200
    assert body["count"] == 3
    bar = next(s for s in body["results"] if s["id"] == bar_shift.pk)
    assert (bar["capacity"], bar["taken"], bar["free"]) == (1, 1, 0)
    assert bar["team"] == {"id": bar_shift.team_id, "name": "Bar", "name_en": "Bar"}
    assert bar["location"] == "Teltet"
    assert bar["place"]["slug"] == "aalborg-c"
    starts = [s["starts_at"] for s in body["results"]]
    assert starts == sorted(starts)


def test_it_filters_shifts_by_team_day_and_free_places(get_json, carnival, make_user):
    url = f"{EVENTS}/{carnival.slug}/shifts"
    bar = carnival.teams.get(name="Bar")
    _fill(carnival.shifts.get(team=bar), make_user)
    second_day = (carnival.starts_on + timedelta(days=1)).isoformat()

    assert get_json(url, {"team": bar.pk})[1]["count"] == 1
    assert get_json(url, {"day": second_day})[1]["count"] == 1
    assert get_json(url, {"free_only": "true"})[1]["count"] == 2
    assert get_json(url, {"free_only": "false"})[1]["count"] == 3
    assert get_json(url, {"team": bar.pk, "free_only": "true"})[1]["count"] == 0


def test_it_rejects_bad_shift_filters_with_messages(get_json, carnival, theirs):
    url = f"{EVENTS}/{carnival.slug}/shifts"
    other_team = theirs.teams.get()

    status, body = get_json(
        url, {"team": other_team.pk, "day": "i morgen", "free_only": "ja"}, lang="en"
    )

    assert status == 400
    assert body["errors"] == {
        "team": [f"The event has no team with id “{other_team.pk}”."],
        "day": ["Write the day as YYYY-MM-DD."],
        "free_only": ["Write true or false."],
    }


def test_it_lists_shifts_in_constant_queries(
    get_json, make_event, make_shift, django_assert_max_num_queries
):
    event = make_event("Stor fest")
    for hour in range(8, 18):
        make_shift(event=event, start_hour=hour, hours=1)
    with django_assert_max_num_queries(4):
        status, body = get_json(f"{EVENTS}/{event.slug}/shifts")
    assert status == 200 and body["count"] == 10


def test_it_tells_the_free_places_of_one_shift(get_json, carnival, make_user):
    shift = carnival.shifts.get(team__name="Bar")
    assert get_json(f"/api/v1/shifts/{shift.pk}/free")[1] == {
        "id": shift.pk,
        "capacity": 1,
        "taken": 0,
        "free": 1,
        "cancelled": False,
    }
    signup.sign_up(volunteer=make_user(), shift=shift)
    assert get_json(f"/api/v1/shifts/{shift.pk}/free")[1]["free"] == 0


def test_it_says_a_cancelled_shift_has_no_free_places(get_json, carnival, owner):
    shift = carnival.shifts.get(team__name="Bar")
    signup.cancel_shift(shift=shift, by=owner)
    body = get_json(f"/api/v1/shifts/{shift.pk}/free")[1]
    assert (body["free"], body["cancelled"]) == (0, True)
    listed = get_json(f"{EVENTS}/{carnival.slug}/shifts")[1]
    assert shift.pk not in [s["id"] for s in listed["results"]]


def test_it_keeps_a_hidden_events_shift_free_places_behind_the_secret(
    get_json, hidden, django_assert_num_queries
):
    shift = hidden.shifts.get()
    assert get_json(f"/api/v1/shifts/{shift.pk}/free")[0] == 404
    with django_assert_num_queries(1):
        status, _body = get_json(f"/api/v1/shifts/{shift.pk}/free", {"secret": hidden.secret})
    assert status == 200
    assert get_json("/api/v1/shifts/999999/free")[0] == 404


# The organisation's token ------------------------------------------------------------------


def test_it_lists_the_organisations_events_in_any_status(
    org_get, carnival, hidden, theirs, make_event, make_user
):
    draft = make_event("Kladde", publish=False)
    _fill(carnival.shifts.get(team__name="Bar"), make_user, waiting=2)

    status, body = org_get(ORG_EVENTS)

    assert status == 200
    ids = {e["id"]: e for e in body["results"]}
    assert set(ids) == {carnival.pk, hidden.pk, draft.pk}
    assert ids[draft.pk]["status"] == "draft"
    assert ids[hidden.pk]["visibility"] == "hidden"
    assert ids[carnival.pk]["waitlisted"] == 2
    assert ids[carnival.pk]["free_places"] == 5
    assert org_get(ORG_EVENTS, {"status": "draft"})[1]["count"] == 1
    assert org_get(ORG_EVENTS, {"status": "over"})[0] == 400


def test_it_includes_the_events_of_organisations_below(org_get, organisation, make_event):
    below = create_organisation(
        name="Nibe Karnevalsklub",
        kind=OrganisationKind.ASSOCIATION,
        parent=organisation,
        is_approved=True,
    )
    event = make_event("Klubfest", organisation=below)
    assert event.pk in {e["id"] for e in org_get(ORG_EVENTS)[1]["results"]}


def test_it_needs_a_token(org_get, carnival):
    assert org_get(ORG_EVENTS, token=None)[0] == 401
    assert org_get(f"{ORG_EVENTS}/{carnival.pk}/roster", token=None)[0] == 401


def test_it_gives_the_roster_with_places_attendance_and_the_waitlist(
    org_get, carnival, volunteer, make_user, organisation
):
    VolunteerProfile.objects.filter(user=volunteer).update(phone="12345678")
    shift = carnival.shifts.get(team__name="Bar")
    held = signup.sign_up(volunteer=volunteer, shift=shift).signup
    first = make_user("forst@example.dk", first_name="Første")
    second = make_user("anden@example.dk", first_name="Anden")
    signup.sign_up(volunteer=first, shift=shift)
    signup.sign_up(volunteer=second, shift=shift)
    checkin.check_in(held)

    status, body = org_get(f"{ORG_EVENTS}/{carnival.pk}/roster")

    assert status == 200
    assert body["event"]["id"] == carnival.pk
    [place] = body["places"]
    assert place["volunteer"] == {
        "name": "Vera Frivillig",
        "email": "frivillig@example.dk",
        "phone": "12345678",
    }
    assert place["team"]["name"] == "Bar"
    assert place["shift"]["id"] == shift.pk
    assert place["shift"]["location"] == "Teltet"
    assert place["attendance"] == "in"
    assert place["checked_in_at"] is not None
    assert place["hours"] is None
    assert [(w["volunteer"]["email"], w["position"]) for w in body["waitlist"]] == [
        ("forst@example.dk", 1),
        ("anden@example.dk", 2),
    ]
    reads = PersonalDataRead.objects.filter(what="api:roster")
    assert set(reads.values_list("volunteer__email", flat=True)) == {
        "frivillig@example.dk",
        "forst@example.dk",
        "anden@example.dk",
    }
    assert {r.organisation for r in reads} == {organisation}
    assert all(r.staff is None for r in reads)


def test_it_records_hours_in_the_roster(org_get, carnival, volunteer):
    shift = carnival.shifts.get(team__name="Bar")
    held = signup.sign_up(volunteer=volunteer, shift=shift).signup
    checkin.check_in(held, now=shift.starts_at)
    checkin.check_out(held, now=shift.starts_at + timedelta(hours=3, minutes=30))

    place = org_get(f"{ORG_EVENTS}/{carnival.pk}/roster")[1]["places"][0]

    assert place["attendance"] == "out"
    assert place["hours"] == 3.5


def test_it_filters_the_roster_by_team_and_day(org_get, carnival, make_user):
    for shift in carnival.shifts.all():
        signup.sign_up(volunteer=make_user(), shift=shift)
    url = f"{ORG_EVENTS}/{carnival.pk}/roster"
    bar = carnival.teams.get(name="Bar")

    assert len(org_get(url)[1]["places"]) == 3
    assert len(org_get(url, {"team": bar.pk})[1]["places"]) == 1
    assert len(org_get(url, {"day": carnival.starts_on.isoformat()})[1]["places"]) == 2
    assert org_get(url, {"day": "2027-13-01"})[0] == 400


def test_it_leaves_cancelled_sign_ups_out_of_the_roster(org_get, carnival, volunteer):
    held = signup.sign_up(volunteer=volunteer, shift=carnival.shifts.first()).signup
    signup.cancel(signup=held, volunteer=volunteer)
    body = org_get(f"{ORG_EVENTS}/{carnival.pk}/roster")[1]
    assert body["places"] == [] and body["waitlist"] == []
    assert not PersonalDataRead.objects.exists()


def test_it_answers_another_organisations_event_with_404(org_get, theirs):
    status, body = org_get(f"{ORG_EVENTS}/{theirs.pk}/roster")
    assert status == 404
    assert body == {"detail": f"There is no event with id {theirs.pk}."}
    assert "fremmed" not in str(org_get(ORG_EVENTS)[1])
    assert not PersonalDataRead.objects.exists()


def test_it_builds_the_roster_in_constant_queries(
    org_get, carnival, make_user, django_assert_max_num_queries
):
    url = f"{ORG_EVENTS}/{carnival.pk}/roster"
    shift = carnival.shifts.get(team__name="Oprydning", starts_at__date=carnival.starts_on)
    signup.sign_up(volunteer=make_user(), shift=shift)
    org_get(url)  # the token notes its first use once
    with django_assert_max_num_queries(20) as one:
        org_get(url)
    _fill(shift, make_user, waiting=8)
    with django_assert_max_num_queries(20) as twelve:
        body = org_get(url)[1]
    assert (len(body["places"]), len(body["waitlist"])) == (3, 9)
    assert len(twelve.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("secret", ["æøå", "\x00", "x" * 5000, " "])
def test_it_answers_any_wrong_secret_with_404(get_json, hidden, secret):
    assert get_json(f"{EVENTS}/{hidden.slug}", {"secret": secret})[0] == 404
    shift = hidden.shifts.get()
    assert get_json(f"/api/v1/shifts/{shift.pk}/free", {"secret": secret})[0] == 404


@pytest.mark.parametrize(
    "params",
    [
        {"team": "-1"},
        {"team": "99999999999999999999999"},
        {"day": "0001-01-01"},
        {"day": "9999-12-31"},
        {"page": "0"},
        {"page": "99999999999999999999"},
    ],
)
def test_it_never_fails_on_odd_shift_filters(get_json, carnival, params):
    status, _body = get_json(f"{EVENTS}/{carnival.slug}/shifts", params)
    assert status in (200, 400, 404)
