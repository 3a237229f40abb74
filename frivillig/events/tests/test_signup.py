"""Signing up, the waitlist and cancelling, through the service."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from frivillig.events import rules, signup
from frivillig.events.models import Shift, ShiftSignup, SignupStatus


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


def _taken(shift):
    shift.refresh_from_db()
    return shift.taken


def _confirmed(shift):
    return ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED).count()


def test_it_gives_a_place_and_says_so_by_email(volunteer, make_shift, mails):
    shift = make_shift(capacity=2)
    with mails:
        outcome = signup.sign_up(volunteer=volunteer, shift=shift)
    assert outcome.status == "confirmed"
    assert _taken(shift) == 1 == _confirmed(shift)
    assert mail.outbox[-1].to == [volunteer.email]
    assert "QR" in mail.outbox[-1].body


def test_it_puts_the_next_person_on_the_waitlist_when_full(make_user, make_shift):
    shift = make_shift(capacity=1)
    first, second = make_user(), make_user()
    signup.sign_up(volunteer=first, shift=shift)
    outcome = signup.sign_up(volunteer=second, shift=shift)
    assert outcome.status == "waitlisted"
    assert signup.waitlist_position(outcome.signup) == 1
    assert _taken(shift) == 1


def test_it_says_full_when_the_person_does_not_want_the_waitlist(make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    with pytest.raises(rules.ShiftFull):
        signup.sign_up(volunteer=make_user(), shift=shift, waitlist=False)
    assert not ShiftSignup.objects.filter(shift=shift, status=SignupStatus.WAITLISTED).exists()


def test_it_refuses_a_second_sign_up_for_the_same_shift(volunteer, make_shift):
    shift = make_shift(capacity=3)
    signup.sign_up(volunteer=volunteer, shift=shift)
    with pytest.raises(rules.AlreadySignedUp):
        signup.sign_up(volunteer=volunteer, shift=shift)
    assert _taken(shift) == 1


def test_a_cancelled_place_goes_to_the_first_on_the_waitlist(make_user, make_shift, mails):
    shift = make_shift(capacity=1)
    holder, first, second = make_user(), make_user(), make_user()
    held = signup.sign_up(volunteer=holder, shift=shift).signup
    signup.sign_up(volunteer=first, shift=shift)
    signup.sign_up(volunteer=second, shift=shift)
    with mails:
        signup.cancel(signup=held, volunteer=holder)

    promoted = ShiftSignup.objects.get(shift=shift, volunteer=first)
    assert promoted.status == SignupStatus.CONFIRMED and promoted.promoted_at
    assert ShiftSignup.objects.get(shift=shift, volunteer=second).status == "waitlisted"
    assert _taken(shift) == 1 == _confirmed(shift)
    assert {m.to[0] for m in mail.outbox} == {holder.email, first.email}


def test_a_cancelled_place_without_a_waitlist_is_free_again(volunteer, make_shift):
    shift = make_shift(capacity=1)
    held = signup.sign_up(volunteer=volunteer, shift=shift).signup
    signup.cancel(signup=held, volunteer=volunteer)
    assert _taken(shift) == 0
    # Cancelling carries no sanction: the same person can take the place again.
    assert signup.sign_up(volunteer=volunteer, shift=shift).status == "confirmed"


def test_leaving_the_waitlist_frees_nothing(make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    waiting_person = make_user()
    waiting = signup.sign_up(volunteer=waiting_person, shift=shift).signup
    signup.cancel(signup=waiting, volunteer=waiting_person)
    assert _taken(shift) == 1


def test_it_refuses_cancelling_after_the_organisers_deadline(volunteer, make_shift):
    shift = make_shift(capacity=1)
    held = signup.sign_up(volunteer=volunteer, shift=shift).signup
    late = shift.starts_at - timedelta(hours=shift.event.cancel_hours_before - 1)
    with pytest.raises(rules.CancelTooLate):
        signup.cancel(signup=held, volunteer=volunteer, now=late)
    assert _taken(shift) == 1


def test_it_refuses_someone_elses_sign_up(volunteer, make_user, make_shift):
    shift = make_shift()
    held = signup.sign_up(volunteer=volunteer, shift=shift).signup
    with pytest.raises(rules.SignupNotAllowed):
        signup.cancel(signup=held, volunteer=make_user())


def test_it_refuses_before_the_release_time_and_says_when(volunteer, make_event, make_shift):
    opens = timezone.now() + timedelta(days=2)
    shift = make_shift(event=make_event(signup_opens_at=opens))
    with pytest.raises(rules.NotOpenYet, match="opens|åbner"):
        signup.sign_up(volunteer=volunteer, shift=shift)


def test_a_team_can_open_later_than_its_event(volunteer, make_shift):
    shift = make_shift()
    shift.team.signup_opens_at = timezone.now() + timedelta(hours=1)
    shift.team.save()
    with pytest.raises(rules.NotOpenYet):
        signup.sign_up(volunteer=volunteer, shift=shift)


def test_it_refuses_after_the_deadline(volunteer, make_event, make_shift):
    shift = make_shift(event=make_event(signup_closes_at=timezone.now() - timedelta(hours=1)))
    with pytest.raises(rules.Closed):
        signup.sign_up(volunteer=volunteer, shift=shift)


def test_it_refuses_overlapping_shifts(volunteer, make_event, make_shift):
    event = make_event()
    signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=10))
    with pytest.raises(rules.PersonalLimit, match="overlap|overlapper"):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=12))


def test_it_keeps_the_minimum_rest(volunteer, make_event, make_shift):
    event = make_event(min_rest_minutes=60)
    signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=8, hours=2))
    with pytest.raises(rules.PersonalLimit):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=10, hours=2))
    assert signup.sign_up(
        volunteer=volunteer, shift=make_shift(event=event, start_hour=11, hours=2)
    ).ok


def test_it_keeps_the_most_shifts_and_hours_per_person(volunteer, make_event, make_shift):
    event = make_event(max_shifts_per_person=1)
    signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=8, hours=2))
    with pytest.raises(rules.PersonalLimit):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=14))
    event = make_event(max_hours_per_person=5)
    signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=8, hours=4))
    with pytest.raises(rules.PersonalLimit):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, start_hour=14, hours=2))


def test_it_checks_age_and_driving_licence(volunteer, make_shift):
    with pytest.raises(rules.NotEligible):
        signup.sign_up(volunteer=volunteer, shift=make_shift(min_age=99))
    with pytest.raises(rules.NotEligible, match="driving|kørekort"):
        signup.sign_up(volunteer=volunteer, shift=make_shift(requires_driving_licence=True))


def test_many_shifts_in_one_submission_get_one_answer_each(make_user, make_event, make_shift):
    event = make_event()
    free = make_shift(event=event, start_hour=8, hours=2, capacity=1)
    full = make_shift(event=event, start_hour=12, hours=2, capacity=1)
    clash = make_shift(event=event, start_hour=9, hours=2, capacity=1)
    signup.sign_up(volunteer=make_user(), shift=full)
    outcomes = signup.sign_up_many(volunteer=make_user(), shifts=[full, clash, free])
    assert [(o.shift, o.status) for o in outcomes] == [
        (free, "confirmed"),
        (clash, "refused"),
        (full, "waitlisted"),
    ]


def test_more_places_go_to_the_waitlist_first(make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    waiting = [signup.sign_up(volunteer=make_user(), shift=shift).signup for _ in range(3)]
    shift = signup.change_capacity(shift=shift, capacity=3)
    assert shift.taken == 3 == _confirmed(shift)
    statuses = [ShiftSignup.objects.get(pk=w.pk).status for w in waiting]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_places_cannot_go_below_the_people_confirmed(make_user, make_shift):
    shift = make_shift(capacity=2)
    signup.sign_up(volunteer=make_user(), shift=shift)
    signup.sign_up(volunteer=make_user(), shift=shift)
    with pytest.raises(rules.SignupNotAllowed):
        signup.change_capacity(shift=shift, capacity=1)


def test_cancelling_a_shift_tells_everyone_and_frees_all(make_user, owner, make_shift, mails):
    shift = make_shift(capacity=1)
    people = [make_user(), make_user()]
    for person in people:
        signup.sign_up(volunteer=person, shift=shift)
    with mails:
        signup.cancel_shift(shift=shift, by=owner, message="Stormvarsel")
    assert _taken(shift) == 0
    assert not ShiftSignup.objects.filter(shift=shift, status__in=["confirmed", "waitlisted"])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert "Stormvarsel" in mail.outbox[0].body


def test_the_database_refuses_an_overbooked_shift(make_shift):
    from django.db import IntegrityError, transaction

    shift = make_shift(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(taken=2)
