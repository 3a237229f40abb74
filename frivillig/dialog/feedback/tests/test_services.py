"""Asking for and answering the short surveys, straight through the services."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, models
from django.utils import timezone, translation

from frivillig.dialog.feedback import services
from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackKind, FeedbackRequest
from frivillig.dialog.feedback.privacy import export_for
from frivillig.engagements import services as engagements
from frivillig.events.models import Attendance, SignupStatus


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_answer_has_no_link_to_any_person_or_request():
    user_model = get_user_model()
    for field in FeedbackAnswer._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related not in (user_model, FeedbackRequest), field.name
    # Nor the other way round: a request does not point at the answer.
    assert not any(
        getattr(f, "related_model", None) is FeedbackAnswer
        for f in FeedbackRequest._meta.get_fields()
    )
    date_fields = [f for f in FeedbackAnswer._meta.fields if isinstance(f, models.DateTimeField)]
    assert date_fields == []


def test_it_asks_once_after_an_engagement_and_sends_an_email(
    volunteer, make_engagement, django_capture_on_commit_callbacks
):
    engagement = make_engagement(volunteer, title="Besøgsven i Nibe")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.ask_after_engagement(engagement=engagement)
        again = services.ask_after_engagement(engagement=engagement)
    assert request.volunteer == volunteer and request.organisation == engagement.organisation
    assert again is None
    assert FeedbackRequest.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["frivillig@example.dk"]
    assert "Besøgsven i Nibe" in message.subject
    assert f"/min-side/feedback/{request.pk}/" in message.body


def test_ending_an_engagement_asks_for_feedback_after_commit(
    volunteer, make_engagement, django_capture_on_commit_callbacks
):
    engagement = make_engagement(volunteer, ended=False)
    with django_capture_on_commit_callbacks(execute=True):
        engagements.end(engagement=engagement, volunteer=volunteer)
    request = FeedbackRequest.objects.get()
    assert request.engagement == engagement and request.volunteer == volunteer
    assert any(f"/min-side/feedback/{request.pk}/" in m.body for m in mail.outbox)


def test_the_database_forbids_two_requests_for_one_engagement(volunteer, make_request):
    request = make_request(volunteer)
    with pytest.raises(IntegrityError):
        FeedbackRequest.objects.create(
            volunteer=volunteer, organisation=request.organisation, engagement=request.engagement
        )


def test_the_database_wants_exactly_one_of_engagement_and_event(volunteer, organisation):
    with pytest.raises(IntegrityError):
        FeedbackRequest.objects.create(volunteer=volunteer, organisation=organisation)


def test_the_database_keeps_satisfaction_between_1_and_5(organisation):
    with pytest.raises(IntegrityError):
        FeedbackAnswer.objects.create(
            organisation=organisation,
            kind=FeedbackKind.EVENT,
            satisfaction=6,
            would_recommend=True,
            answered_on=timezone.localdate().replace(day=1),
        )


def test_it_stores_the_answer_without_the_person_and_with_the_month_only(
    volunteer, make_request, areas
):
    request = make_request(volunteer, area_slugs=("aeldre", "boern"))
    result = services.answer(
        request=request,
        volunteer=volunteer,
        satisfaction=4,
        would_recommend=True,
        text="  Det var en god tid.  ",
    )
    assert result.answered_at is not None
    answer = FeedbackAnswer.objects.get()
    assert answer.organisation == request.organisation
    assert answer.kind == FeedbackKind.ENGAGEMENT
    assert (answer.satisfaction, answer.would_recommend) == (4, True)
    assert answer.text == "Det var en god tid."
    assert answer.answered_on == timezone.localdate().replace(day=1)
    assert {a.slug for a in answer.areas.all()} == {"aeldre", "boern"}


def test_it_refuses_a_second_answer_kindly(volunteer, make_request):
    request = make_request(volunteer)
    services.answer(request=request, volunteer=volunteer, satisfaction=5, would_recommend=True)
    with pytest.raises(services.FeedbackError, match="already answered"):
        services.answer(request=request, volunteer=volunteer, satisfaction=1, would_recommend=False)
    assert FeedbackAnswer.objects.count() == 1


def test_it_refuses_someone_elses_request(volunteer, make_user, make_request):
    request = make_request(volunteer)
    with pytest.raises(services.FeedbackError, match="not yours"):
        services.answer(
            request=request, volunteer=make_user(), satisfaction=5, would_recommend=True
        )
    assert not FeedbackAnswer.objects.exists()


@pytest.mark.parametrize("satisfaction", [0, 6, -1])
def test_it_refuses_satisfaction_outside_1_to_5(volunteer, make_request, satisfaction):
    request = make_request(volunteer)
    with pytest.raises(services.FeedbackError, match="1 to 5"):
        services.answer(
            request=request, volunteer=volunteer, satisfaction=satisfaction, would_recommend=True
        )


def test_it_refuses_a_comment_of_10000_characters(volunteer, make_request):
    request = make_request(volunteer)
    with pytest.raises(services.FeedbackError, match="2000"):
        services.answer(
            request=request,
            volunteer=volunteer,
            satisfaction=3,
            would_recommend=False,
            text="x" * 10_000,
        )
    request.refresh_from_db()
    assert request.answered_at is None


# The daily command for events -----------------------------------------------------------


@pytest.fixture
def yesterdays_shift(make_event, make_shift):
    event = make_event("Affaldsindsamling", start_in_days=-1)
    return make_shift(event=event, capacity=10)


def test_the_command_asks_everyone_who_took_part_yesterday_once(
    yesterdays_shift, make_shift, make_user, sign_up, django_capture_on_commit_callbacks
):
    came, confirmed, absent, cancelled = (make_user() for _ in range(4))
    sign_up(yesterdays_shift, came, attendance=Attendance.CHECKED_OUT)
    sign_up(yesterdays_shift, confirmed)
    # Two shifts of the same event: still one request.
    sign_up(make_shift(event=yesterdays_shift.event, start_hour=15), confirmed)
    sign_up(yesterdays_shift, absent, attendance=Attendance.NO_SHOW)
    sign_up(yesterdays_shift, cancelled, status=SignupStatus.CANCELLED)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_feedback_requests", stdout=out)
    assert "2 feedback request(s)" in out.getvalue()
    asked = set(FeedbackRequest.objects.values_list("volunteer_id", flat=True))
    assert asked == {came.pk, confirmed.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([came.email, confirmed.email])
    # Running again asks nobody twice.
    call_command("send_event_feedback_requests", stdout=io.StringIO())
    assert FeedbackRequest.objects.count() == 2


def test_the_command_leaves_events_that_did_not_end_yesterday(
    make_event, make_shift, make_user, sign_up
):
    for start in (-2, 0, 3):
        sign_up(make_shift(event=make_event(start_in_days=start)), make_user())
    assert services.send_event_requests() == 0
    assert services.send_event_requests(today=timezone.localdate() + timedelta(days=1)) == 1


def test_an_event_answer_copies_the_events_areas(yesterdays_shift, volunteer, sign_up):
    sign_up(yesterdays_shift, volunteer)
    services.send_event_requests()
    request = FeedbackRequest.objects.get()
    services.answer(request=request, volunteer=volunteer, satisfaction=5, would_recommend=True)
    answer = FeedbackAnswer.objects.get()
    assert answer.kind == FeedbackKind.EVENT
    assert [a.slug for a in answer.areas.all()] == ["idraet-og-fritid"]


def test_the_export_lists_requests_and_says_answers_are_anonymous(volunteer, make_request):
    request = make_request(volunteer, title="Besøgsven i Nibe")
    services.answer(request=request, volunteer=volunteer, satisfaction=5, would_recommend=True)
    data = export_for(volunteer)
    [row] = data["feedback_requests"]
    assert row["about"] == "Besøgsven i Nibe" and row["answered_at"]
    assert "anonymous" in data["feedback_answers_note"]


def test_deleting_the_person_keeps_the_anonymous_answers(volunteer, make_request):
    request = make_request(volunteer)
    services.answer(request=request, volunteer=volunteer, satisfaction=5, would_recommend=True)
    volunteer.delete()
    assert not FeedbackRequest.objects.exists()
    assert FeedbackAnswer.objects.count() == 1
