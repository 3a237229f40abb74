"""A signed-in volunteer signs up for shifts, reads them and cancels them through the API, with
the portal's session (and CSRF protection on every change)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from frivillig.events import signup
from frivillig.events.models import EventVisibility, Shift, ShiftSignup, SignupStatus


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def post(client, path, body=None, **headers):
    return client.post(
        path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


def sign_up(client, shift, **body):
    return post(client, f"/api/v1/me/shifts/{shift.pk}/signup", body)


def _taken(shift):
    shift.refresh_from_db()
    return shift.taken


# Signing up ----------------------------------------------------------------------------------


def test_it_gives_me_a_place_and_an_email(
    signed_in, volunteer, make_shift, django_capture_on_commit_callbacks
):
    shift = make_shift(capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(signed_in, shift, waitlist=True)

    assert response.status_code == 201
    body = response.json()
    mine = ShiftSignup.objects.get(volunteer=volunteer, shift=shift)
    assert body == {"status": "confirmed", "signup_id": mine.pk, "waitlist_position": None}
    assert mine.status == SignupStatus.CONFIRMED
    assert _taken(shift) == 1
    assert mail.outbox[-1].to == [volunteer.email]


def test_it_puts_me_on_the_waitlist_of_a_full_shift(signed_in, make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)
    signup.sign_up(volunteer=make_user(), shift=shift)

    response = sign_up(signed_in, shift, waitlist=True)

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 2
    assert _taken(shift) == 1


def test_it_says_full_when_i_do_not_want_the_waitlist(signed_in, make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)

    response = sign_up(signed_in, shift, waitlist=False)

    assert response.status_code == 409
    assert response.json() == {"detail": "This shift is full.", "code": "full"}
    assert ShiftSignup.objects.filter(shift=shift).count() == 1


def test_it_waitlists_when_the_body_is_empty(signed_in, make_user, make_shift):
    shift = make_shift(capacity=1)
    signup.sign_up(volunteer=make_user(), shift=shift)

    response = post(signed_in, f"/api/v1/me/shifts/{shift.pk}/signup")

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"


def test_it_refuses_a_second_sign_up(signed_in, make_shift):
    shift = make_shift(capacity=3)
    assert sign_up(signed_in, shift).status_code == 201

    response = sign_up(signed_in, shift)

    assert response.status_code == 409
    assert response.json()["code"] == "already"
    assert _taken(shift) == 1


def test_it_says_closed_for_a_cancelled_shift(signed_in, make_shift):
    shift = make_shift()
    signup.cancel_shift(shift=shift, by=None)

    response = sign_up(signed_in, shift)

    assert response.status_code == 409
    assert response.json() == {"detail": "This shift is not open for sign-up.", "code": "closed"}


def test_it_says_closed_before_sign_up_opens(signed_in, make_event, make_shift):
    event = make_event(signup_opens_at=timezone.now() + timedelta(days=2))

    response = sign_up(signed_in, make_shift(event=event))

    assert response.status_code == 409
    assert response.json()["code"] == "closed"
    assert response.json()["detail"].startswith("Sign-up opens")


def test_it_says_not_eligible_without_a_driving_licence(signed_in, make_shift):
    response = sign_up(signed_in, make_shift(requires_driving_licence=True))

    assert response.status_code == 409
    assert response.json()["code"] == "not_eligible"
    assert "driving licence" in response.json()["detail"]


def test_it_says_limit_beyond_the_events_most_shifts(signed_in, make_event, make_shift):
    event = make_event(max_shifts_per_person=1)
    assert sign_up(signed_in, make_shift(event=event, start_hour=8)).status_code == 201

    response = sign_up(signed_in, make_shift(event=event, start_hour=14))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "You can take at most 1 shift at this event.",
        "code": "limit",
    }


def test_it_rejects_a_waitlist_that_is_not_a_boolean(signed_in, make_shift):
    shift = make_shift()

    response = sign_up(signed_in, shift, waitlist="yes", colour="red")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"waitlist", "colour"}
    assert not ShiftSignup.objects.exists()


def test_it_rejects_a_body_that_is_not_an_object(signed_in, make_shift):
    response = post(signed_in, f"/api/v1/me/shifts/{make_shift().pk}/signup", [1])

    assert response.status_code == 400


def test_it_answers_404_for_an_unknown_shift(signed_in):
    response = sign_up(signed_in, Shift(pk=999999))

    assert response.status_code == 404


def test_it_answers_404_for_a_shift_of_a_draft_event(signed_in, make_event, make_shift):
    response = sign_up(signed_in, make_shift(event=make_event(publish=False)))

    assert response.status_code == 404
    assert not ShiftSignup.objects.exists()


def test_it_needs_the_secret_for_a_hidden_event(signed_in, make_event, make_shift):
    event = make_event(visibility=EventVisibility.HIDDEN)
    shift = make_shift(event=event)

    assert sign_up(signed_in, shift).status_code == 404
    assert sign_up(signed_in, shift, secret="gæt").status_code == 404
    assert sign_up(signed_in, shift, secret=event.secret).status_code == 201


def test_it_takes_few_queries(signed_in, make_shift, django_assert_max_num_queries):
    shift = make_shift(capacity=5)
    # session, user, shift, profile, lock, already?, held, take place, insert, savepoint pair
    with django_assert_max_num_queries(12):
        assert sign_up(signed_in, shift).status_code == 201


# Reading -------------------------------------------------------------------------------------


def test_it_lists_my_places_and_waitlist_places(signed_in, volunteer, make_user, make_shift):
    early, late = make_shift(start_hour=8, capacity=1), make_shift(start_hour=15, capacity=1)
    signup.sign_up(volunteer=make_user(), shift=late)
    held = signup.sign_up(volunteer=volunteer, shift=early).signup
    queued = signup.sign_up(volunteer=volunteer, shift=late).signup

    response = signed_in.get("/api/v1/me/shifts")

    assert response.status_code == 200
    body = response.json()
    assert [row["id"] for row in body] == [held.pk, queued.pk]
    assert [(row["status"], row["waitlist_position"]) for row in body] == [
        ("confirmed", None),
        ("waitlisted", 1),
    ]
    assert body[0]["shift"]["id"] == early.pk
    assert body[0]["shift"]["team"] == "Oprydning"
    assert body[0]["shift"]["event"] == early.event.name


def test_it_lists_without_a_query_per_row(
    signed_in, volunteer, make_event, make_shift, django_assert_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get("/api/v1/me/shifts").status_code == 200
        return len(captured)

    event = make_event(days=10)
    for day in range(2):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, day=day))
    two = count_queries()
    for day in range(2, 10):
        signup.sign_up(volunteer=volunteer, shift=make_shift(event=event, day=day))

    assert count_queries() == two


def test_it_does_not_list_someone_elses_sign_ups(signed_in, make_user, make_shift):
    signup.sign_up(volunteer=make_user(), shift=make_shift())

    assert signed_in.get("/api/v1/me/shifts").json() == []


# Cancelling ----------------------------------------------------------------------------------


def test_it_cancels_my_place_and_gives_it_to_the_waitlist(
    signed_in, volunteer, make_user, make_shift
):
    shift = make_shift(capacity=1)
    mine = signup.sign_up(volunteer=volunteer, shift=shift).signup
    next_in_line = signup.sign_up(volunteer=make_user(), shift=shift).signup

    response = signed_in.delete(f"/api/v1/me/shifts/signups/{mine.pk}")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    next_in_line.refresh_from_db()
    assert next_in_line.status == SignupStatus.CONFIRMED
    assert _taken(shift) == 1


def test_it_refuses_to_cancel_twice(signed_in, volunteer, make_shift):
    mine = signup.sign_up(volunteer=volunteer, shift=make_shift()).signup
    signed_in.delete(f"/api/v1/me/shifts/signups/{mine.pk}")

    response = signed_in.delete(f"/api/v1/me/shifts/signups/{mine.pk}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This sign-up is already cancelled.",
        "code": "not_allowed",
    }


def test_it_says_too_late_close_to_the_shift(signed_in, volunteer, make_event, make_shift):
    event = make_event(start_in_days=0, cancel_hours_before=48)
    shift = make_shift(event=event, start_hour=23, hours=1)
    mine = signup.sign_up(volunteer=volunteer, shift=shift).signup

    response = signed_in.delete(f"/api/v1/me/shifts/signups/{mine.pk}")

    assert response.status_code == 409
    assert response.json()["code"] == "too_late"


def test_it_answers_404_for_someone_elses_sign_up(signed_in, make_user, make_shift):
    theirs = signup.sign_up(volunteer=make_user(), shift=make_shift()).signup

    response = signed_in.delete(f"/api/v1/me/shifts/signups/{theirs.pk}")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SignupStatus.CONFIRMED


# Signing in and CSRF -------------------------------------------------------------------------


def test_it_needs_a_signed_in_person(client, make_shift):
    assert sign_up(client, make_shift()).status_code == 401
    assert client.get("/api/v1/me/shifts").status_code == 401


@pytest.fixture
def csrf_client(volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    return client


def test_it_refuses_a_sign_up_without_the_csrf_token(csrf_client, make_shift):
    shift = make_shift()

    response = sign_up(csrf_client, shift)

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ShiftSignup.objects.exists()


def test_it_accepts_a_sign_up_with_the_csrf_token(csrf_client, make_shift):
    csrf_client.get("/")  # any portal page sets the CSRF cookie
    token = csrf_client.cookies["csrftoken"].value

    response = post(
        csrf_client,
        f"/api/v1/me/shifts/{make_shift().pk}/signup",
        {"waitlist": False},
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 201
