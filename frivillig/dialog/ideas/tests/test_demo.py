"""The demo's ideas: one waiting for the office, one taken up with consent and shown."""

from django.core import mail

from frivillig.catalog.demo.loader import load_demo
from frivillig.dialog.ideas import demo
from frivillig.dialog.ideas.models import Idea, IdeaStatus
from frivillig.engagements.demo import load_demo_volunteers
from frivillig.notifications.emails import suppressed


def test_it_loads_two_ideas_once_and_sends_nothing(db, django_capture_on_commit_callbacks):
    load_demo()
    with suppressed():
        load_demo_volunteers()
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.load() == []
        assert demo.load() == []
    ideas = Idea.objects.filter(proposer__email=demo.PROPOSER)
    assert sorted(ideas.values_list("status", flat=True)) == [
        IdeaStatus.RECEIVED,
        IdeaStatus.TAKEN_UP,
    ]
    public = Idea.objects.public().get()
    assert public.routed_organisation.slug == demo.ASSOCIATION
    assert [e.status for e in public.events.all()] == ["received", "routed", "taken_up"]
    assert mail.outbox == []


def test_it_does_nothing_without_the_demo_people(db):
    assert demo.load() == []
    assert not Idea.objects.exists()
