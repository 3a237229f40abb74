"""Starting, answering and reading conversations, straight through the services."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import translation

from frivillig.dialog.messaging import queries, services
from frivillig.dialog.messaging.models import Message, Thread
from frivillig.dialog.messaging.tests.conftest import age
from frivillig.organisations.services import create_organisation

MessageError = services.MessageError


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_volunteer_writes_to_an_approved_organisation_and_its_staff_are_told(
    volunteer, organisation, owner, coordinator, member, mailoutbox, sent
):
    with sent():
        thread = services.start_by_volunteer(
            volunteer=volunteer, organisation=organisation, subject=" Hej ", body=" Et spørgsmål "
        )
    assert thread.subject == "Hej"
    assert [m.body for m in thread.messages.all()] == ["Et spørgsmål"]
    assert thread.unread_for_organisation and not thread.unread_for_volunteer
    told = sorted(address for m in mailoutbox for address in m.to)
    # Admin and coordinator may answer; a viewer is not told.
    assert told == sorted([coordinator.email, owner.email])
    assert "Et spørgsmål" not in mailoutbox[0].body  # privacy: the link, never the text
    assert f"/org/{organisation.slug}/beskeder/{thread.pk}/" in mailoutbox[0].body
    assert "Vera Frivillig" in mailoutbox[0].subject


def test_it_refuses_an_organisation_not_approved(volunteer, places):
    pending = create_organisation(name="Ny forening", kind="association", place=places["nibe"])
    with pytest.raises(MessageError, match="approved"):
        services.start_by_volunteer(
            volunteer=volunteer, organisation=pending, subject="Hej", body="Hej"
        )


def test_it_links_only_the_volunteers_own_things_with_that_organisation(
    volunteer, other_volunteer, organisation, other_organisation, engagement, application
):
    with pytest.raises(MessageError, match="own engagements"):
        services.start_by_volunteer(
            volunteer=other_volunteer,
            organisation=organisation,
            subject="Hej",
            body="Hej",
            engagement=engagement,
        )
    with pytest.raises(MessageError, match="own applications"):
        services.start_by_volunteer(
            volunteer=volunteer,
            organisation=other_organisation,
            subject="Hej",
            body="Hej",
            application=application,
        )
    with pytest.raises(MessageError, match="one thing"):
        services.start_by_volunteer(
            volunteer=volunteer,
            organisation=organisation,
            subject="Hej",
            body="Hej",
            application=application,
            engagement=engagement,
        )
    assert not Thread.objects.exists()


def test_the_database_forbids_a_thread_about_two_things(thread, application):
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(application=application)


@pytest.mark.parametrize(
    ("body", "problem"),
    [("", "Write a message"), ("   \n ", "Write a message"), ("x" * 10_000, "at most 5000")],
)
def test_it_refuses_an_empty_or_too_long_message(thread, volunteer, body, problem):
    with pytest.raises(MessageError, match=problem):
        services.reply_as_volunteer(thread=thread, volunteer=volunteer, body=body)
    assert thread.messages.count() == 1


def test_html_is_kept_as_text(thread, volunteer):
    age(thread)
    message = services.reply_as_volunteer(
        thread=thread, volunteer=volunteer, body="<script>alert(1)</script>"
    )
    assert message.body == "<script>alert(1)</script>"


def test_a_double_submission_leaves_one_message(thread, volunteer):
    with pytest.raises(MessageError, match="just been sent"):
        services.reply_as_volunteer(
            thread=thread, volunteer=volunteer, body="Hej\nKan jeg tage min nevø med?"
        )
    age(thread)
    services.reply_as_volunteer(
        thread=thread, volunteer=volunteer, body="Hej\nKan jeg tage min nevø med?"
    )
    assert thread.messages.count() == 2


def test_any_coordinator_answers_and_the_volunteer_is_told(
    thread, volunteer, coordinator, mailoutbox, sent
):
    mailoutbox.clear()
    with sent():
        services.reply_as_organisation(thread=thread, by=coordinator, body="Ja, selvfølgelig.")
    thread.refresh_from_db()
    assert thread.unread_for_volunteer and not thread.unread_for_organisation
    assert [m.to for m in mailoutbox] == [[volunteer.email]]
    assert "selvfølgelig" not in mailoutbox[0].body
    assert f"/min-side/beskeder/{thread.pk}/" in mailoutbox[0].body


def test_each_side_is_told_only_of_the_other_sides_messages(
    thread, owner, coordinator, mailoutbox, sent
):
    age(thread)
    mailoutbox.clear()
    with sent():
        services.reply_as_organisation(thread=thread, by=owner, body="Og en til")
    assert [m.to for m in mailoutbox] == [[thread.volunteer.email]]
    mailoutbox.clear()
    with sent():
        services.reply_as_volunteer(thread=thread, volunteer=thread.volunteer, body="Og en til")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([coordinator.email, owner.email])


def test_a_viewer_an_outsider_and_another_volunteer_cannot_answer(
    thread, member, outsider, other_volunteer
):
    for person in (member, outsider):
        with pytest.raises(MessageError, match="may not write"):
            services.reply_as_organisation(thread=thread, by=person, body="Hej")
    with pytest.raises(MessageError, match="not yours"):
        services.reply_as_volunteer(thread=thread, volunteer=other_volunteer, body="Hej")
    assert thread.messages.count() == 1


def test_staff_write_only_to_someone_who_has_worked_with_them(
    organisation, owner, volunteer, other_volunteer, application
):
    thread = services.start_by_organisation(
        by=owner,
        organisation=organisation,
        volunteer=volunteer,
        subject="Din ansøgning",
        body="Hej Vera",
        application=application,
    )
    assert thread.started_by_organisation and thread.application == application
    with pytest.raises(MessageError, match="applied, volunteers or has signed up"):
        services.start_by_organisation(
            by=owner,
            organisation=organisation,
            volunteer=other_volunteer,
            subject="Hej",
            body="Hej",
        )


def test_staff_may_write_to_a_volunteer_from_a_shift(organisation, owner, make_user, make_shift):
    from frivillig.events.signup import sign_up

    helper = make_user("hjaelper@example.dk")
    shift = make_shift()
    sign_up(volunteer=helper, shift=shift)
    signup = helper.shift_signups.get()
    thread = services.start_by_organisation(
        by=owner,
        organisation=organisation,
        volunteer=helper,
        subject="Din vagt",
        body="Mød op ved scenen",
        shift_signup=signup,
    )
    assert thread.shift_signup == signup


def test_the_read_state_of_each_side(thread, volunteer, owner):
    messages = list(queries.messages_of(thread))
    assert queries.read_state(thread, viewer_is_organisation=False, messages=messages) == {
        "read": False,
        "at": None,
    }
    assert queries.read_state(thread, viewer_is_organisation=True, messages=messages) is None
    assert services.mark_read_by_organisation(thread=thread)
    assert not services.mark_read_by_organisation(thread=thread)  # nothing new: no write
    thread.refresh_from_db()
    state = queries.read_state(thread, viewer_is_organisation=False, messages=messages)
    assert state["read"] and state["at"] == thread.organisation_read_at


def test_unread_counts_for_each_side(thread, volunteer, organisation, owner, others_thread):
    assert queries.unread_count_for_volunteer(volunteer) == 0
    assert queries.unread_count_for_organisation(organisation) == 1
    services.mark_read_by_organisation(thread=thread)
    assert queries.unread_count_for_organisation(organisation) == 0
    services.reply_as_organisation(thread=thread, by=owner, body="Svar")
    assert queries.unread_count_for_volunteer(volunteer) == 1
    services.mark_read_by_volunteer(thread=thread)
    assert queries.unread_count_for_volunteer(volunteer) == 0


def test_a_staff_member_leaving_keeps_the_thread(thread, owner):
    services.reply_as_organisation(thread=thread, by=owner, body="Svar")
    owner.delete()
    assert Message.objects.filter(thread=thread, author__isnull=True).count() == 1


def test_the_volunteer_deleting_the_account_deletes_the_threads(thread, volunteer):
    volunteer.delete()
    assert not Thread.objects.exists() and not Message.objects.exists()


def test_no_email_is_sent_when_the_transaction_rolls_back(volunteer, organisation, owner, sent):
    mail.outbox = []
    with sent(), pytest.raises(RuntimeError), transaction.atomic():
        services.start_by_volunteer(
            volunteer=volunteer, organisation=organisation, subject="Hej", body="Hej"
        )
        raise RuntimeError
    assert mail.outbox == []
