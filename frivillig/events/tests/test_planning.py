"""Planning an event through the service: changing events, teams and shifts, copying a day,
generating a grid of shifts, and writing to the people on them."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from frivillig.events import broadcast, planning, signup
from frivillig.events.models import Shift, ShiftSignup, SignupStatus


@pytest.fixture(autouse=True)
def _in_english():
    # The assertions read the English wording; the Danish is checked by the translation test.
    with translation.override("en"):
        yield


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
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
    return make_event("Karneval", days=5)


@pytest.fixture
def teams(event):
    return [event.teams.get()] + [
        planning.add_team(event=event, name=name) for name in ("Bar", "Parkering", "Info")
    ]


def _status(signup_):
    signup_.refresh_from_db()
    return signup_.status


# update_shift ---------------------------------------------------------------------------------


def test_it_tells_the_confirmed_and_the_waitlisted_about_a_new_time(
    volunteer, make_user, make_shift, mails
):
    shift = make_shift(capacity=1, start_hour=10)
    signup.sign_up(volunteer=volunteer, shift=shift)
    waiting = make_user()
    signup.sign_up(volunteer=waiting, shift=shift)
    cancelled = make_user()
    signup.sign_up(volunteer=cancelled, shift=shift)
    gone = ShiftSignup.objects.get(volunteer=cancelled)
    signup.cancel(signup=gone, volunteer=cancelled)

    with mails:
        planning.update_shift(
            shift=shift,
            starts_at=shift.starts_at + timedelta(hours=2),
            ends_at=shift.ends_at + timedelta(hours=2),
            location="Ved scenen",
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([volunteer.email, waiting.email])
    body = mail.outbox[0].body
    assert "10.00" in body and "12.00" in body and "Ved scenen" in body and "→" in body


def test_it_says_nothing_when_neither_time_nor_place_changes(volunteer, make_shift, mails):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=volunteer, shift=shift)
    with mails:
        planning.update_shift(shift=shift, requirements_note="Husk sikkerhedssko")
    assert not mail.outbox
    shift.refresh_from_db()
    assert shift.requirements_note == "Husk sikkerhedssko"


def test_more_places_go_to_the_waitlist_first(make_user, make_shift, mails):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    waiting = signup.sign_up(volunteer=make_user(), shift=shift).signup
    with mails:
        shift = planning.update_shift(shift=shift, capacity=3)
    assert _status(waiting) == SignupStatus.CONFIRMED
    assert shift.capacity == 3 and shift.taken == 2
    assert [m.to[0] for m in mail.outbox] == [waiting.volunteer.email]


def test_it_refuses_fewer_places_than_people_and_changes_nothing(make_user, make_shift):
    shift = make_shift(capacity=2)
    for _i in range(2):
        signup.sign_up(volunteer=make_user(), shift=shift)
    starts = shift.starts_at
    with pytest.raises(planning.PlanningError, match="2 people already have a place"):
        planning.update_shift(shift=shift, capacity=1, starts_at=starts + timedelta(hours=1))
    shift.refresh_from_db()
    assert shift.capacity == 2 and shift.starts_at == starts


def test_it_refuses_to_change_a_cancelled_shift_or_an_impossible_time(make_shift, owner):
    shift = make_shift()
    with pytest.raises(planning.PlanningError, match="end after it starts"):
        planning.update_shift(shift=shift, ends_at=shift.starts_at)
    signup.cancel_shift(shift=shift, by=owner)
    with pytest.raises(planning.PlanningError, match="cancelled"):
        planning.update_shift(shift=shift, location="Et andet sted")


# update_event and update_team -----------------------------------------------------------------


def test_it_updates_an_event_but_not_past_its_shifts(event, make_shift, areas):
    make_shift(event=event, day=4)
    planning.update_event(event=event, name="Karneval 2", areas=[areas["aeldre"]])
    event.refresh_from_db()
    assert event.name == "Karneval 2" and list(event.areas.all()) == [areas["aeldre"]]
    with pytest.raises(planning.PlanningError, match="outside the new days"):
        planning.update_event(event=event, ends_on=event.starts_on)


def test_it_updates_a_team_and_its_leads(event, member, owner):
    team = event.teams.get()
    planning.update_team(team=team, name="Affald", leads=[member, owner])
    team.refresh_from_db()
    assert team.name == "Affald" and set(team.leads.all()) == {member, owner}


# copy_day -------------------------------------------------------------------------------------


def test_it_copies_a_day_at_the_same_wall_clock_times(event, make_shift, volunteer):
    morning = make_shift(event=event, day=0, start_hour=8, capacity=3, location="Porten")
    make_shift(event=event, day=0, start_hour=22, hours=5)  # runs past midnight
    signup.sign_up(volunteer=volunteer, shift=morning)
    target = event.starts_on + timedelta(days=3)

    copies = planning.copy_day(event=event, from_date=event.starts_on, to_date=target)

    assert len(copies) == 2
    copy = Shift.objects.get(starts_at=planning.local(target, 8))
    assert copy.capacity == 3 and copy.location == "Porten" and copy.taken == 0
    assert copy.organisation_id == event.organisation_id
    assert not copy.signups.exists()
    late = Shift.objects.get(starts_at=planning.local(target, 22))
    assert late.ends_at == planning.local(target + timedelta(days=1), 3)
    # Sending the form twice does not double the shifts.
    assert planning.copy_day(event=event, from_date=event.starts_on, to_date=target) == []


def test_it_refuses_to_copy_to_a_day_outside_the_event_or_from_an_empty_day(event, make_shift):
    make_shift(event=event, day=0)
    with pytest.raises(planning.PlanningError, match="not one of the event's days"):
        planning.copy_day(
            event=event, from_date=event.starts_on, to_date=event.ends_on + timedelta(days=1)
        )
    with pytest.raises(planning.PlanningError, match="no shifts to copy"):
        planning.copy_day(
            event=event, from_date=event.ends_on, to_date=event.starts_on + timedelta(days=1)
        )


def test_it_leaves_cancelled_shifts_behind_when_copying(event, make_shift, owner):
    make_shift(event=event, day=0, start_hour=8)
    signup.cancel_shift(shift=make_shift(event=event, day=0, start_hour=14), by=owner)
    copies = planning.copy_day(
        event=event, from_date=event.starts_on, to_date=event.starts_on + timedelta(days=1)
    )
    assert [timezone.localtime(copy.starts_at).hour for copy in copies] == [8]


# generate_grid --------------------------------------------------------------------------------


def test_it_generates_a_grid_in_one_go(event, teams, django_assert_max_num_queries):
    days = [event.starts_on + timedelta(days=n) for n in range(5)]
    slots = [(time(8), time(12)), (time(12), time(16)), (time(22), time(2))]

    with django_assert_max_num_queries(6):
        shifts = planning.generate_grid(
            event=event, teams=teams, days=days, slots=slots, capacity=4
        )

    assert len(shifts) == 3 * 4 * 5 == Shift.objects.filter(event=event).count()
    night = Shift.objects.filter(event=event, starts_at=planning.local(days[0], 22)).first()
    assert night.ends_at == planning.local(days[1], 2) and night.capacity == 4
    again = planning.generate_grid(event=event, teams=teams, days=days, slots=slots, capacity=4)
    assert again == []


def test_it_refuses_a_grid_outside_the_event_or_with_another_events_team(event, teams, make_event):
    other_team = make_event().teams.get()
    with pytest.raises(planning.PlanningError, match="team of this event"):
        planning.generate_grid(
            event=event,
            teams=[other_team],
            days=[event.starts_on],
            slots=[(time(8), time(12))],
            capacity=2,
        )
    with pytest.raises(planning.PlanningError, match="not one of the event's days"):
        planning.generate_grid(
            event=event,
            teams=teams,
            days=[event.starts_on - timedelta(days=1)],
            slots=[(time(8), time(12))],
            capacity=2,
        )
    assert not Shift.objects.filter(event=event).exists()


# broadcast ------------------------------------------------------------------------------------


def test_it_writes_to_everyone_with_a_place_on_a_day_once(
    event, make_shift, make_user, owner, mails
):
    first = make_shift(event=event, day=0, start_hour=8, capacity=1)
    second = make_shift(event=event, day=0, start_hour=14, capacity=2)
    other_day = make_shift(event=event, day=1, capacity=2)
    both, waiting, tomorrow = make_user(), make_user(), make_user()
    signup.sign_up(volunteer=both, shift=first)
    signup.sign_up(volunteer=both, shift=second)
    signup.sign_up(volunteer=waiting, shift=first)
    signup.sign_up(volunteer=tomorrow, shift=other_day)

    assert list(broadcast.recipients(event, day=event.starts_on)) == [both]
    assert broadcast.recipients(event).count() == 2
    assert list(broadcast.recipients(event, shift=other_day)) == [tomorrow]
    with mails:
        sent = broadcast.send(
            event=event, sender=owner, subject="Parkering", message="Brug P2.", day=event.starts_on
        )
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[both.email]]
    assert mail.outbox[0].reply_to == [owner.email]
    assert "Brug P2." in mail.outbox[0].body and "Parkering" in mail.outbox[0].subject


def test_it_refuses_an_empty_message_or_nobody_to_send_to(event, make_shift, owner):
    shift = make_shift(event=event)
    with pytest.raises(planning.PlanningError, match="subject and a message"):
        broadcast.send(event=event, sender=owner, subject=" ", message="Hej", shift=shift)
    with pytest.raises(planning.PlanningError, match="no one to write to"):
        broadcast.send(event=event, sender=owner, subject="Hej", message="Hej", shift=shift)


def test_cancelled_shifts_have_nobody_to_write_to(event, make_shift, volunteer, owner):
    shift = make_shift(event=event)
    signup.sign_up(volunteer=volunteer, shift=shift)
    signup.cancel_shift(shift=shift, by=owner)
    assert not broadcast.recipients(event).exists()
