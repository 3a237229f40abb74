"""Sign-ups under a rush, with real parallel connections: on PostgreSQL, and on SQLite with a
file database (`make test` runs this module apart with SQLITE_TEST_FILE), where IMMEDIATE
transactions and the busy timeout serialise the writers.

Each thread has its own database connection, and a barrier releases them together, so the
transactions truly interleave. What must hold whatever the interleaving: no shift has more
confirmed people than places, `taken` equals the confirmed rows, nobody holds a shift twice,
and every "confirmed" answer is a confirmed row at the end.
"""

from functools import partial

from frivillig.events import rules, signup
from frivillig.events.models import ShiftSignup, SignupStatus
from frivillig.testing import REAL_CONNECTIONS, race

pytestmark = REAL_CONNECTIONS

THREADS = 32


_race = partial(race, returning=(rules.SignupNotAllowed,))


def _assert_consistent(shift):
    shift.refresh_from_db()
    confirmed = ShiftSignup.objects.filter(shift=shift, status=SignupStatus.CONFIRMED)
    assert shift.taken == confirmed.count() <= shift.capacity
    people = list(confirmed.values_list("volunteer_id", flat=True))
    assert len(people) == len(set(people))
    return shift


def test_it_never_overbooks_the_last_places(make_user, make_shift):
    shift = make_shift(capacity=5)
    people = [make_user() for _ in range(THREADS)]

    results = _race([lambda p=p: signup.sign_up(volunteer=p, shift=shift) for p in people])

    confirmed = [r for r in results if getattr(r, "status", None) == "confirmed"]
    waitlisted = [r for r in results if getattr(r, "status", None) == "waitlisted"]
    assert len(confirmed) == 5 and len(waitlisted) == THREADS - 5
    shift = _assert_consistent(shift)
    assert shift.taken == 5
    # Nothing lost: every confirmed answer is a confirmed row.
    assert {r.signup.pk for r in confirmed} == set(
        ShiftSignup.objects.filter(shift=shift, status="confirmed").values_list("pk", flat=True)
    )


def test_it_says_full_to_everyone_past_the_capacity(make_user, make_shift):
    shift = make_shift(capacity=3)
    people = [make_user() for _ in range(THREADS)]

    results = _race(
        [lambda p=p: signup.sign_up(volunteer=p, shift=shift, waitlist=False) for p in people]
    )

    assert sum(isinstance(r, rules.ShiftFull) for r in results) == THREADS - 3
    assert _assert_consistent(shift).taken == 3


def test_one_person_clicking_many_times_gets_one_place(volunteer, make_shift):
    shift = make_shift(capacity=10)

    results = _race([lambda: signup.sign_up(volunteer=volunteer, shift=shift)] * 16)

    assert sum(getattr(r, "status", None) == "confirmed" for r in results) == 1
    assert all(isinstance(r, rules.AlreadySignedUp) for r in results if not hasattr(r, "status"))
    assert _assert_consistent(shift).taken == 1


def test_one_person_cannot_take_two_overlapping_shifts_at_once(volunteer, make_event, make_shift):
    event = make_event()
    shifts = [make_shift(event=event, start_hour=10 + i % 2, capacity=5) for i in range(8)]

    results = _race([lambda s=s: signup.sign_up(volunteer=volunteer, shift=s) for s in shifts])

    assert sum(getattr(r, "status", None) == "confirmed" for r in results) == 1


def test_cancellations_racing_newcomers_promote_the_waitlist_in_order(make_user, make_shift):
    shift = make_shift(capacity=8)
    holders = [make_user() for _ in range(8)]
    held = [signup.sign_up(volunteer=p, shift=shift).signup for p in holders]
    queue = [make_user() for _ in range(8)]
    for person in queue:
        assert signup.sign_up(volunteer=person, shift=shift).status == "waitlisted"
    newcomers = [make_user() for _ in range(THREADS - 8)]

    cancels = [
        lambda s=s, p=p: signup.cancel(signup=s, volunteer=p)
        for s, p in zip(held, holders, strict=True)
    ]
    joins = [lambda p=p: signup.sign_up(volunteer=p, shift=shift) for p in newcomers]
    results = _race(cancels + joins)

    shift = _assert_consistent(shift)
    assert shift.taken == 8
    # The freed places went to the queue, in order, never to a newcomer.
    confirmed = set(
        ShiftSignup.objects.filter(shift=shift, status="confirmed").values_list(
            "volunteer_id", flat=True
        )
    )
    assert confirmed == {p.pk for p in queue}
    assert all(getattr(r, "status", None) == "waitlisted" for r in results[8:])


def test_cancellations_and_sign_ups_across_many_shifts_stay_consistent(
    make_user, make_event, make_shift
):
    event = make_event()
    shifts = [
        make_shift(event=event, day=0, start_hour=6 + 2 * i, hours=2, capacity=2) for i in range(4)
    ]
    people = [make_user() for _ in range(THREADS)]
    first_round = _race(
        [
            lambda p=p, i=i: signup.sign_up(volunteer=p, shift=shifts[i % 4])
            for i, p in enumerate(people)
        ]
    )
    cancels = [
        lambda r=r: signup.cancel(signup=r.signup, volunteer=r.signup.volunteer)
        for r in first_round
        if getattr(r, "status", None) == "confirmed"
    ]
    late = [make_user() for _ in range(THREADS - len(cancels))]
    _race(
        cancels
        + [
            lambda p=p, i=i: signup.sign_up(volunteer=p, shift=shifts[i % 4])
            for i, p in enumerate(late)
        ]
    )

    for shift in shifts:
        assert _assert_consistent(shift).taken == 2
