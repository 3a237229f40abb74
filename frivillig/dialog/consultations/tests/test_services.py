"""The rules of a consultation, tested on the services: the deadline, who may speak for an
organisation, frozen sections, and a response only after the deadline."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Comment, Consultation, Phase, Section
from frivillig.dialog.consultations.tests.conftest import close
from frivillig.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _comment(consultation, author, *, public=True, number=1, **kwargs):
    return services.comment(
        section=consultation.sections.get(number=number),
        author=author,
        body=kwargs.pop("body", "Godt udkast."),
        public=public,
        **kwargs,
    )


def test_it_derives_the_phases(make_consultation, volunteer):
    draft = make_consultation(publish=False)
    assert draft.phase == Phase.DRAFT
    consultation = make_consultation(title="Anden høring")
    assert consultation.phase == Phase.OPEN
    assert consultation.opens_on == timezone.localdate()
    close(consultation)
    assert consultation.phase == Phase.CLOSED
    services.save_response(consultation=consultation, response="Tak for kommentarerne.")
    consultation = services.publish_response(consultation=consultation)
    assert consultation.phase == Phase.ANSWERED


def test_it_gives_each_consultation_its_own_danish_slug(make_consultation):
    first = make_consultation(title="Høring om grønne områder")
    second = make_consultation(title="Høring om grønne områder")
    assert first.slug == "hoering-om-groenne-omraader"
    assert second.slug == "hoering-om-groenne-omraader-2"


def test_a_volunteer_comments_while_it_is_open(consultation, volunteer):
    comment = _comment(consultation, volunteer, public=False, body="  Tekst med luft.  ")
    assert comment.body == "Tekst med luft."
    assert comment.public is False
    assert comment.on_behalf_of is None


def test_it_refuses_comments_after_the_deadline(consultation, volunteer):
    close(consultation)
    with pytest.raises(services.ConsultationError, match="deadline for comments has passed"):
        _comment(consultation, volunteer)
    assert not Comment.objects.exists()


def test_it_checks_the_deadline_when_saving_not_when_the_form_was_shown(consultation, volunteer):
    # The page was opened a minute before the deadline; the comment arrives a minute after.
    section = consultation.sections.get(number=1)
    later = consultation.closes_at + timedelta(minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        pytest.raises(services.ConsultationError),
    ):
        services.comment(section=section, author=volunteer, body="For sent.", public=True)
    assert not Comment.objects.exists()


def test_it_refuses_comments_on_a_draft(make_consultation, volunteer):
    draft = make_consultation(publish=False)
    with pytest.raises(services.ConsultationError, match="not published"):
        _comment(draft, volunteer)


def test_staff_comment_on_behalf_of_their_own_organisation(consultation, owner, organisation):
    comment = _comment(consultation, owner, on_behalf_of=organisation)
    assert comment.on_behalf_of == organisation


def test_nobody_speaks_for_an_organisation_they_are_not_staff_of(
    consultation, outsider, volunteer, organisation
):
    for person in (outsider, volunteer):
        with pytest.raises(services.ConsultationError, match="on its staff"):
            _comment(consultation, person, on_behalf_of=organisation)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001, "x" * 10_000])
def test_it_refuses_empty_or_too_long_comments(consultation, volunteer, body):
    with pytest.raises(services.ConsultationError):
        _comment(consultation, volunteer, body=body)


def test_html_is_kept_as_text(consultation, volunteer):
    comment = _comment(consultation, volunteer, body="<script>alert(1)</script>")
    assert comment.body == "<script>alert(1)</script>"


def test_a_section_with_comments_is_frozen(consultation, volunteer):
    _comment(consultation, volunteer)
    section = consultation.sections.get(number=1)
    with pytest.raises(services.ConsultationError, match="has comments"):
        services.update_section(section=section, heading="Ny", body="Ny tekst")
    with pytest.raises(services.ConsultationError, match="has comments"):
        services.remove_section(section=section)
    with pytest.raises(services.ConsultationError, match="order of its sections is fixed"):
        services.move_section(section=consultation.sections.get(number=2), up=True)
    # A section nobody has commented on can still change.
    other = consultation.sections.get(number=2)
    services.update_section(section=other, heading="Nyt afsnit 2", body="Ny tekst")
    assert Section.objects.get(pk=other.pk).heading == "Nyt afsnit 2"


def test_sections_are_renumbered_when_moved_and_removed(make_consultation):
    consultation = make_consultation(sections=3, publish=False)
    third = consultation.sections.get(number=3)
    services.move_section(section=third, up=True)
    assert list(consultation.sections.values_list("heading", flat=True)) == [
        "Afsnit 1",
        "Afsnit 3",
        "Afsnit 2",
    ]
    services.remove_section(section=consultation.sections.get(heading="Afsnit 1"))
    assert list(consultation.sections.values_list("number", "heading")) == [
        (1, "Afsnit 3"),
        (2, "Afsnit 2"),
    ]


def test_sections_cannot_change_after_the_deadline(consultation):
    close(consultation)
    with pytest.raises(services.ConsultationError, match="deadline has passed"):
        services.add_section(consultation=consultation, heading="Sent", body="For sent")


def test_it_publishes_only_a_draft_with_sections_and_a_future_deadline(make_consultation):
    empty = make_consultation(sections=0, publish=False)
    with pytest.raises(services.ConsultationError, match="at least one section"):
        services.publish(consultation=empty)
    published = make_consultation(title="Andet")
    with pytest.raises(services.ConsultationError, match="already published"):
        services.publish(consultation=published)


def test_it_refuses_a_deadline_in_the_past(office_staff):
    with pytest.raises(services.ConsultationError, match="future"):
        services.create_consultation(
            title="For sent",
            summary="Resumé",
            closes_at=timezone.now() - timedelta(hours=1),
            by=office_staff,
        )


def test_the_response_comes_only_after_the_deadline(consultation):
    with pytest.raises(services.ConsultationError, match="only after the deadline"):
        services.save_response(consultation=consultation, response="For tidligt.")
    with pytest.raises(services.ConsultationError, match="only after the deadline"):
        services.publish_response(consultation=consultation)


def test_the_response_must_be_written_before_it_is_published(consultation):
    close(consultation)
    with pytest.raises(services.ConsultationError, match="Write and save"):
        services.publish_response(consultation=consultation)
    with pytest.raises(services.ConsultationError, match="Write the municipality"):
        services.save_response(consultation=consultation, response="  ")
    with pytest.raises(services.ConsultationError, match="at most"):
        services.save_response(consultation=consultation, response="x" * 20_001)


def test_publishing_the_response_tells_everybody_who_commented_once(
    consultation, volunteer, owner, organisation, django_capture_on_commit_callbacks
):
    _comment(consultation, volunteer, public=False)
    _comment(consultation, volunteer, number=2)
    _comment(consultation, owner, on_behalf_of=organisation)
    close(consultation)
    services.save_response(consultation=consultation, response="Tak. Vi har rettet afsnit 2.")
    with (
        mock.patch("frivillig.dialog.consultations.services.notify", wraps=notify) as spy,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.publish_response(consultation=consultation)
    assert sorted(call.args[0].email for call in spy.call_args_list) == sorted(
        [volunteer.email, owner.email]
    )
    assert {call.kwargs["category"] for call in spy.call_args_list} == {"consultations"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([volunteer.email, owner.email])
    assert f"/hoeringer/{consultation.slug}/" in mail.outbox[0].body
    with pytest.raises(services.ConsultationError, match="can no longer change"):
        services.save_response(consultation=consultation, response="Ændret")


def test_the_database_refuses_a_response_on_a_draft(make_consultation):
    draft = make_consultation(publish=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=draft.pk).update(
            response="Svar", response_published_at=timezone.now()
        )


def test_the_database_refuses_two_sections_with_the_same_number(consultation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(consultation=consultation, number=1, heading="Dublet", body="x")


def test_deleting_the_author_deletes_their_comments(consultation, volunteer):
    _comment(consultation, volunteer)
    volunteer.delete()
    assert not Comment.objects.exists()
