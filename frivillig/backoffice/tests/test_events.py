"""The back office's events: an owner (admin) plans teams and shifts, a member (viewer) may only
look, an outsider (staff of another organisation) gets nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from frivillig.accounts.models import PersonalDataRead
from frivillig.events import signup
from frivillig.events.models import (
    Event,
    EventStatus,
    Shift,
    ShiftSignup,
    ShiftStatus,
    SignupStatus,
)


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Inside `with mails:` the e-mails queued on commit are sent; the outbox holds only them."""

    class Capture:
        def __enter__(self):
            mail.outbox.clear()
            self._inner = django_capture_on_commit_callbacks(execute=True)
            return self._inner.__enter__()

        def __exit__(self, *exc):
            return self._inner.__exit__(*exc)

    return Capture()


@pytest.fixture
def event(make_event):
    return make_event("Aalborg Karneval", days=3)


@pytest.fixture
def shift(make_shift, event):
    return make_shift(event=event, capacity=1, location="Det blå telt")


@pytest.fixture
def full_shift(shift, volunteer, make_user):
    """`volunteer` has the one place; someone else waits."""
    signup.sign_up(volunteer=volunteer, shift=shift)
    waiting = make_user("venter@example.dk", first_name="Villy", last_name="Venter")
    signup.sign_up(volunteer=waiting, shift=shift)
    shift.refresh_from_db()
    return shift


@pytest.fixture
def event_data(areas, places, event):
    first = event.starts_on
    return {
        "name": "Sommerfest i Nibe",
        "name_en": "",
        "description": "Byens sommerfest.",
        "description_en": "",
        "areas": [str(areas["idraet-og-fritid"].pk)],
        "starts_on": first.isoformat(),
        "ends_on": (first + timedelta(days=1)).isoformat(),
        "place": str(places["nibe"].pk),
        "address": "Torvet 1",
        "visibility": "public",
        "signup_opens_at": "",
        "signup_closes_at": "",
        "cancel_hours_before": "24",
        "max_shifts_per_person": "3",
        "max_hours_per_person": "",
        "min_rest_minutes": "0",
        "contact_email": "fest@example.dk",
    }


def _url(name, organisation, *args):
    return reverse(f"backoffice:{name}", args=[organisation.slug, *args])


# Lists and pages ----------------------------------------------------------------------------


def test_it_links_to_events_in_the_navigation(english, member, organisation):
    english.force_login(member)
    html = english.get(_url("dashboard", organisation)).content.decode()
    assert _url("event_list", organisation) in html


def test_it_lists_events_for_a_viewer_without_the_create_button(
    english, member, organisation, event, make_event
):
    make_event("Kladdefest", publish=False)
    english.force_login(member)
    response = english.get(_url("event_list", organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aalborg Karneval" in html and "Kladdefest" in html and "Draft" in html
    assert "<caption>" in html
    assert _url("event_create", organisation) not in html
    assert english.get(_url("event_create", organisation)).status_code == 404


def test_it_lists_events_in_a_fixed_number_of_queries(
    client, owner, organisation, make_event, make_shift, django_assert_max_num_queries
):
    client.force_login(owner)

    def queries(n):
        for _i in range(n):
            make_shift(event=make_event())
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("event_list", organisation)).status_code == 200
        return len(captured)

    assert queries(2) == queries(8)


def test_it_shows_another_organisations_event_to_nobody(
    client, owner, organisation, other_organisation, make_event, make_shift
):
    theirs = make_event("Deres fest", organisation=other_organisation)
    their_shift = make_shift(event=theirs)
    client.force_login(owner)
    assert client.get(_url("event_detail", organisation, theirs.pk)).status_code == 404
    assert client.get(_url("event_shift_detail", organisation, their_shift.pk)).status_code == 404
    assert client.get(_url("event_roster_csv", organisation, theirs.pk)).status_code == 404
    assert client.get(_url("event_detail", other_organisation, theirs.pk)).status_code == 404


# Creating and editing an event --------------------------------------------------------------


def test_it_creates_a_draft_event(client, coordinator, organisation, event_data):
    client.force_login(coordinator)
    response = client.post(_url("event_create", organisation), event_data)
    created = Event.objects.get(name="Sommerfest i Nibe")
    assert response.status_code == 302
    assert response["Location"] == _url("event_detail", organisation, created.pk)
    assert created.organisation == organisation and created.status == EventStatus.DRAFT
    assert created.max_shifts_per_person == 3 and list(created.areas.all())


def test_it_keeps_the_input_and_explains_what_is_wrong(
    english, owner, organisation, event_data, event
):
    english.force_login(owner)
    event_data.update(
        name="",
        ends_on=(event.starts_on - timedelta(days=1)).isoformat(),
        address="Min adresse 7",
    )
    response = english.post(_url("event_create", organisation), event_data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Write the name of the event." in html
    assert "The last day must be on or after the first day." in html
    assert "Min adresse 7" in html
    assert not Event.objects.filter(address="Min adresse 7").exists()


def test_it_shows_the_secret_link_of_a_hidden_event(english, owner, organisation, make_event):
    hidden = make_event("Hemmelig fest", visibility="hidden")
    english.force_login(owner)
    html = english.get(_url("event_detail", organisation, hidden.pk)).content.decode()
    assert f"?s={hidden.secret}" in html and "Secret link" in html


def test_it_edits_and_publishes_an_event(client, owner, organisation, event_data, make_event):
    draft = make_event("Kladde", publish=False)
    client.force_login(owner)
    event_data["visibility"] = "hidden"
    assert client.post(_url("event_edit", organisation, draft.pk), event_data).status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Sommerfest i Nibe" and draft.visibility == "hidden"
    assert client.post(_url("event_publish", organisation, draft.pk)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED


def test_it_refuses_to_move_the_days_away_from_planned_shifts(
    english, owner, organisation, event_data, event, make_shift
):
    make_shift(event=event, day=2)
    english.force_login(owner)
    event_data["ends_on"] = event.starts_on.isoformat()
    response = english.post(_url("event_edit", organisation, event.pk), event_data)
    assert response.status_code == 400
    assert "Some shifts lie outside the new days." in response.content.decode()
    event.refresh_from_db()
    assert event.ends_on != event.starts_on


# Teams -----------------------------------------------------------------------------------------


def test_it_adds_a_team_with_leads_from_the_organisation_and_by_email(
    client, owner, member, organisation, event, make_user
):
    outside = make_user("holdleder@example.dk")
    client.force_login(owner)
    response = client.post(
        _url("event_team_create", organisation, event.pk),
        {
            "name": "Førstehjælp",
            "name_en": "",
            "description": "",
            "signup_opens_at": "",
            "leads": [str(member.pk)],
            "lead_email": "HOLDLEDER@example.dk",
        },
    )
    assert response.status_code == 302
    team = event.teams.get(name="Førstehjælp")
    assert set(team.leads.all()) == {member, outside}


def test_it_refuses_an_unknown_lead_and_a_team_name_used_twice(english, owner, organisation, event):
    english.force_login(owner)
    response = english.post(
        _url("event_team_create", organisation, event.pk),
        {"name": "oprydning", "lead_email": "ukendt@example.dk"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The event already has a team with this name." in html
    assert "Nobody with this e-mail address has an account" in html
    assert event.teams.count() == 1


def test_it_edits_a_team(client, owner, organisation, event):
    team = event.teams.get()
    client.force_login(owner)
    assert client.get(_url("event_team_edit", organisation, team.pk)).status_code == 200
    response = client.post(
        _url("event_team_edit", organisation, team.pk), {"name": "Renovation", "leads": []}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Renovation"


# Shifts ----------------------------------------------------------------------------------------


def test_it_shows_shifts_by_day_with_fill_rates(
    english, member, organisation, event, full_shift, make_shift
):
    make_shift(event=event, day=1, capacity=4)
    english.force_login(member)
    html = english.get(_url("event_detail", organisation, event.pk)).content.decode()
    assert "Places per team" in html and "Places per day" in html
    assert "<progress" in html and "20 %" in html and "100 %" in html
    assert _url("event_shift_detail", organisation, full_shift.pk) in html
    assert _url("event_shift_create", organisation, event.pk) not in html


def test_it_shows_the_event_in_a_fixed_number_of_queries(
    client, owner, organisation, event, make_shift
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(owner)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("event_detail", organisation, event.pk)).status_code == 200
        return len(captured)

    make_shift(event=event)
    few = queries()
    for day in range(3):
        make_shift(event=event, day=day, start_hour=16)
        make_shift(event=event, day=day, start_hour=20)
    assert queries() == few


def test_it_adds_a_shift(client, owner, organisation, event):
    team = event.teams.get()
    client.force_login(owner)
    response = client.post(
        _url("event_shift_create", organisation, event.pk),
        {
            "team": str(team.pk),
            "day": event.starts_on.isoformat(),
            "starts": "22:00",
            "ends": "02:00",
            "capacity": "5",
            "location": "Hovedindgangen",
        },
    )
    assert response.status_code == 302
    shift = Shift.objects.get(event=event)
    assert shift.capacity == 5 and shift.hours == 4 and shift.organisation == organisation


def test_it_keeps_the_shift_input_on_error(english, owner, organisation, event):
    english.force_login(owner)
    response = english.post(
        _url("event_shift_create", organisation, event.pk),
        {
            "day": "1999-01-01",
            "starts": "25:00",
            "ends": "",
            "capacity": "0",
            "location": "Ved åen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a team." in html and "Write the time as hh:mm" in html
    assert "A shift needs at least one place." in html and "Ved åen" in html
    assert not Shift.objects.filter(event=event).exists()


def test_it_tells_everyone_on_the_shift_about_a_new_time(
    client, owner, organisation, event, full_shift, mails
):
    client.force_login(owner)
    with mails:
        response = client.post(
            _url("event_shift_edit", organisation, full_shift.pk),
            {
                "team": str(full_shift.team_id),
                "day": event.starts_on.isoformat(),
                "starts": "12:00",
                "ends": "16:00",
                "capacity": "1",
                "location": "Det blå telt",
            },
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["frivillig@example.dk", "venter@example.dk"]
    assert "12.00" in mail.outbox[0].body


def test_it_says_why_places_cannot_go_below_the_people_on_the_shift(
    english, owner, organisation, event, full_shift, make_user
):
    english.force_login(owner)
    full_shift.capacity = 2
    full_shift.save()
    signup.sign_up(volunteer=make_user(), shift=full_shift)
    response = english.post(
        _url("event_shift_edit", organisation, full_shift.pk),
        {
            "team": str(full_shift.team_id),
            "day": event.starts_on.isoformat(),
            "starts": "10:00",
            "ends": "14:00",
            "capacity": "1",
        },
    )
    assert response.status_code == 400
    assert "2 people already have a place" in response.content.decode()
    full_shift.refresh_from_db()
    assert full_shift.capacity == 2


def test_it_shows_the_people_on_a_shift_and_logs_the_read(
    english, member, organisation, full_shift, volunteer
):
    english.force_login(member)
    response = english.get(_url("event_shift_detail", organisation, full_shift.pk))
    html = response.content.decode()
    assert "Vera Frivillig" in html and "Villy Venter" in html
    assert "1 person on the waitlist" in html
    assert PersonalDataRead.objects.filter(
        staff=member, volunteer=volunteer, organisation=organisation, what="shift"
    ).exists()
    assert _url("event_signup_remove", organisation, 1) not in html


def test_it_asks_before_taking_someone_off_and_gives_the_place_on(
    client, owner, organisation, full_shift, volunteer, mails
):
    place = ShiftSignup.objects.get(shift=full_shift, volunteer=volunteer)
    client.force_login(owner)
    assert client.get(_url("event_signup_remove", organisation, place.pk)).status_code == 200
    with mails:
        response = client.post(_url("event_signup_remove", organisation, place.pk))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.status == SignupStatus.CANCELLED
    waiting = ShiftSignup.objects.get(shift=full_shift, volunteer__email="venter@example.dk")
    assert waiting.status == SignupStatus.CONFIRMED
    assert {m.to[0] for m in mail.outbox} == {"frivillig@example.dk", "venter@example.dk"}


def test_it_asks_before_cancelling_a_shift_and_sends_the_message(
    english, owner, organisation, full_shift, mails
):
    english.force_login(owner)
    page = english.get(_url("event_shift_cancel", organisation, full_shift.pk)).content.decode()
    assert "2 people with a place or on the waitlist lose it" in page
    with mails:
        response = english.post(
            _url("event_shift_cancel", organisation, full_shift.pk),
            {"message": "Regnvejr, desværre."},
        )
    assert response.status_code == 302
    full_shift.refresh_from_db()
    assert full_shift.status == ShiftStatus.CANCELLED and full_shift.taken == 0
    assert len(mail.outbox) == 2 and all("Regnvejr" in m.body for m in mail.outbox)


def test_it_copies_a_day_and_makes_a_grid(english, owner, organisation, event, make_shift):
    make_shift(event=event, day=0, start_hour=8)
    make_shift(event=event, day=0, start_hour=14)
    english.force_login(owner)
    day = lambda n: (event.starts_on + timedelta(days=n)).isoformat()  # noqa: E731
    response = english.post(
        _url("event_copy_day", organisation, event.pk), {"from_date": day(0), "to_date": day(2)}
    )
    assert response.status_code == 302
    assert Shift.objects.filter(event=event).count() == 4

    team = event.teams.get()
    bad = english.post(
        _url("event_grid", organisation, event.pk),
        {
            "teams": [str(team.pk)],
            "days": [day(1)],
            "slots": "08:00-12:00\nom aftenen",
            "capacity": "3",
        },
    )
    assert bad.status_code == 400
    assert "Line 2 is not a time slot" in bad.content.decode()
    good = english.post(
        _url("event_grid", organisation, event.pk),
        {
            "teams": [str(team.pk)],
            "days": [day(1)],
            "slots": "08:00-12:00\n12.00-16.00",
            "capacity": "3",
        },
    )
    assert good.status_code == 302
    assert Shift.objects.filter(event=event).count() == 6


# Writing to people -----------------------------------------------------------------------------


def test_it_shows_the_count_before_it_sends_a_message(
    english, owner, organisation, event, full_shift, mails
):
    english.force_login(owner)
    data = {"to": f"shift:{full_shift.pk}", "subject": "Husk vand", "message": "Tag en flaske med."}
    with mails:
        confirm = english.post(_url("event_broadcast", organisation, event.pk), data)
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "It goes to 1 person" in html
    assert not mail.outbox
    with mails:
        sent = english.post(
            _url("event_broadcast", organisation, event.pk), {**data, "step": "send"}
        )
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["frivillig@example.dk"]]
    assert mail.outbox[0].reply_to == [owner.email]
    assert "Husk vand" in mail.outbox[0].subject and "Tag en flaske med." in mail.outbox[0].body


def test_it_refuses_a_message_to_nobody(english, owner, organisation, event, shift):
    english.force_login(owner)
    response = english.post(
        _url("event_broadcast", organisation, event.pk),
        {"to": f"shift:{shift.pk}", "subject": "Hej", "message": "Hej"},
    )
    assert response.status_code == 400
    assert "there is no one to write to" in response.content.decode()


# The roster ------------------------------------------------------------------------------------


def test_it_downloads_the_roster_and_logs_who_read_it(
    english, member, organisation, event, full_shift, volunteer
):
    english.force_login(member)
    page = english.get(_url("event_roster", organisation, event.pk), {"shift": full_shift.pk})
    assert "Vera Frivillig" in page.content.decode()
    assert "Villy Venter" not in page.content.decode()

    csv_response = english.get(_url("event_roster_csv", organisation, event.pk))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    assert "Vera Frivillig" in csv_response.content.decode("utf-8-sig")

    pdf_response = english.get(_url("event_roster_pdf", organisation, event.pk))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")

    reads = PersonalDataRead.objects.filter(staff=member, volunteer=volunteer, what="roster")
    assert reads.count() == 3


def test_it_shows_the_roster_in_a_fixed_number_of_queries(
    client, owner, organisation, event, make_shift, make_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(owner)

    def queries(n):
        shift = make_shift(event=event, capacity=n)
        for _i in range(n):
            signup.sign_up(volunteer=make_user(), shift=shift)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("event_roster", organisation, event.pk)).status_code == 200
        return len(captured)

    assert queries(2) == queries(10)
