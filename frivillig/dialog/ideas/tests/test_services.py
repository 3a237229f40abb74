"""The rules of an idea's life, called directly on the services."""

import pytest
from django.core import mail
from django.utils import translation

from frivillig.dialog.ideas import services
from frivillig.dialog.ideas.models import Idea, IdeaEvent, IdeaStatus
from frivillig.dialog.ideas.privacy import export_for


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_receives_an_idea_with_a_first_step(idea, volunteer):
    assert idea.status == IdeaStatus.RECEIVED
    assert idea.proposer == volunteer
    assert idea.may_publish is False
    assert list(idea.events.values_list("status", flat=True)) == ["received"]


def test_it_strips_and_refuses_empty_or_too_long_text(make_idea):
    idea = make_idea(title="  Idé  ", description="  Tekst  ")
    assert (idea.title, idea.description) == ("Idé", "Tekst")
    with pytest.raises(services.IdeaError, match="title"):
        make_idea(title="   ")
    with pytest.raises(services.IdeaError, match="Describe"):
        make_idea(description="")
    with pytest.raises(services.IdeaError, match="at most 5000"):
        make_idea(description="x" * 10_000)


def test_it_allows_five_ideas_a_day_and_kindly_refuses_the_sixth(make_idea):
    for n in range(services.DAILY_LIMIT):
        make_idea(title=f"Idé {n}")
    with pytest.raises(services.DailyLimitReached, match="Thank you"):
        make_idea(title="Idé 6")
    assert Idea.objects.count() == services.DAILY_LIMIT


def test_the_office_routes_and_the_proposer_is_told(
    idea, office_staff, organisation, areas, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.route(
            idea=idea, by=office_staff, area=areas["aeldre"], organisation=organisation, note="Ok"
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ROUTED
    assert idea.routed_organisation == organisation
    assert mail.outbox[-1].to == [volunteer.email]
    assert f"/min-side/ideer/{idea.pk}/" in mail.outbox[-1].body
    assert organisation.name in mail.outbox[-1].body


def test_routing_needs_an_area_or_an_organisation(idea, office_staff):
    with pytest.raises(services.IdeaError, match="Choose an area"):
        services.route(idea=idea, by=office_staff)


def test_the_office_decides_once_with_an_answer(
    idea, office_staff, volunteer, django_capture_on_commit_callbacks
):
    with pytest.raises(services.IdeaError, match="answer"):
        services.decide(idea=idea, by=office_staff, taken_up=True, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(idea=idea, by=office_staff, taken_up=False, note="Ikke lige nu")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NOT_TAKEN_UP
    assert idea.note == "Ikke lige nu"
    assert "Ikke lige nu" in mail.outbox[-1].body
    for step in (
        lambda: services.decide(idea=idea, by=office_staff, taken_up=True, note="Jo alligevel"),
        lambda: services.route(idea=idea, by=office_staff, area=idea.area),
    ):
        with pytest.raises(services.IdeaError, match="already been answered"):
            step()


def test_the_organisation_takes_it_up(routed_idea, organisation, owner, volunteer):
    services.answer_for_organisation(
        idea=routed_idea, organisation=organisation, by=owner, taken_up=True, note="Vi gør det"
    )
    routed_idea.refresh_from_db()
    assert routed_idea.status == IdeaStatus.TAKEN_UP
    last = routed_idea.events.last()
    assert (last.by_organisation, last.note) == (organisation, "Vi gør det")


def test_not_for_us_sends_it_back_to_the_office(routed_idea, organisation, owner):
    services.answer_for_organisation(
        idea=routed_idea, organisation=organisation, by=owner, taken_up=False, note="Ikke os"
    )
    routed_idea.refresh_from_db()
    assert routed_idea.status == IdeaStatus.RECEIVED
    assert routed_idea.routed_organisation is None
    with pytest.raises(services.IdeaError, match="no longer waiting"):
        services.answer_for_organisation(
            idea=routed_idea, organisation=organisation, by=owner, taken_up=True, note="Alligevel"
        )


def test_another_organisation_cannot_answer(routed_idea, other_organisation, outsider):
    with pytest.raises(services.IdeaError, match="no longer waiting"):
        services.answer_for_organisation(
            idea=routed_idea, organisation=other_organisation, by=outsider, taken_up=True, note="x"
        )


def test_only_the_proposer_changes_consent(idea, volunteer, other_citizen):
    services.set_consent(idea=idea, proposer=volunteer, may_publish=True)
    idea.refresh_from_db()
    assert idea.may_publish
    with pytest.raises(services.IdeaError, match="not yours"):
        services.set_consent(idea=idea, proposer=other_citizen, may_publish=False)


def test_the_timeline_has_every_step(routed_idea, organisation, owner):
    services.answer_for_organisation(
        idea=routed_idea, organisation=organisation, by=owner, taken_up=True, note="Ja"
    )
    assert list(routed_idea.events.values_list("status", flat=True)) == [
        "received",
        "routed",
        "taken_up",
    ]


def test_the_export_has_the_ideas_and_deletion_keeps_them_without_a_name(routed_idea, volunteer):
    data = export_for(volunteer)
    assert [i["title"] for i in data["ideas"]] == ["Højtlæsning i Nibe"]
    assert [s["status"] for s in data["ideas"][0]["timeline"]] == ["received", "routed"]
    volunteer.delete()
    routed_idea.refresh_from_db()
    assert routed_idea.proposer is None
    assert IdeaEvent.objects.filter(idea=routed_idea).count() == 2


def test_a_deleted_proposer_is_not_emailed(routed_idea, volunteer, office_staff):
    volunteer.delete()
    routed_idea.refresh_from_db()
    services.decide(idea=routed_idea, by=office_staff, taken_up=True, note="Ja")
    assert mail.outbox == []
