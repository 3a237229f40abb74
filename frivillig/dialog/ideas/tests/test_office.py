"""The central volunteer office on /kommune/ideer/: list with filters, detail, routing and
answering; a department coordinator and everyone else get a 404."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from frivillig.dialog.ideas.models import Idea, IdeaStatus


def da(msgid: str) -> str:
    with translation.override("da"):
        return gettext(msgid)


def _routes(idea):
    return [
        (reverse("coordination:ideas"), "get"),
        (reverse("coordination:idea_detail", args=[idea.pk]), "get"),
        (reverse("coordination:idea_route", args=[idea.pk]), "post"),
        (reverse("coordination:idea_decide", args=[idea.pk]), "post"),
    ]


def test_only_the_office_gets_in(client, idea, unit_coordinator, owner, volunteer, office_staff):
    for path, method in _routes(idea):
        assert getattr(client, method)(path).status_code == 302, path
    for person in (unit_coordinator, owner, volunteer):
        client.force_login(person)
        for path, method in _routes(idea):
            assert getattr(client, method)(path).status_code == 404, (person, path)
    client.force_login(office_staff)
    assert client.get(reverse("coordination:ideas")).status_code == 200


def test_the_list_filters_by_status_area_and_town(client, office_staff, make_idea, areas, places):
    make_idea(title="Ældre i Nibe")
    make_idea(title="Børn i Hals", area=areas["boern"], place=places["hals"])
    client.force_login(office_staff)
    url = reverse("coordination:ideas")
    page = client.get(url, {"area": "boern"}).content.decode()
    assert "Børn i Hals" in page and "Ældre i Nibe" not in page
    page = client.get(url, {"place": "nibe", "status": "received"}).content.decode()
    assert "Ældre i Nibe" in page and "Børn i Hals" not in page
    page = client.get(url, {"status": "taken_up"}).content.decode()
    assert "Ældre i Nibe" not in page
    assert client.get(url, {"status": "<script>"}).status_code == 200


def test_the_office_routes_an_idea_and_the_proposer_is_told(
    client, office_staff, idea, organisation, areas, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(office_staff)
    page = client.get(reverse("coordination:idea_detail", args=[idea.pk])).content.decode()
    assert volunteer.email in page and idea.description in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coordination:idea_route", args=[idea.pk]),
            {
                "route-area": areas["aeldre"].pk,
                "route-organisation": organisation.pk,
                "route-note": "Vi spørger dem",
            },
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.routed_organisation) == (IdeaStatus.ROUTED, organisation)
    assert mail.outbox[-1].to == [volunteer.email]


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose an area or an organisation to pass the idea on to."),
        (
            {"route-area": "999999"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
)
def test_routing_refuses_bad_input(client, office_staff, idea, data, message):
    client.force_login(office_staff)
    response = client.post(reverse("coordination:idea_route", args=[idea.pk]), data)
    assert response.status_code == 400
    assert da(message) in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RECEIVED


def test_the_office_answers_the_proposer(client, office_staff, idea, volunteer):
    client.force_login(office_staff)
    url = reverse("coordination:idea_decide", args=[idea.pk])
    response = client.post(url, {"decide-decision": "yes", "decide-note": "x" * 10_000})
    assert response.status_code == 400
    response = client.post(url, {"decide-decision": "yes", "decide-note": ""})
    assert response.status_code == 400
    assert da("Write an answer to the proposer.") in response.content.decode()
    response = client.post(
        url, {"decide-decision": "yes", "decide-note": "<script>alert(1)</script>"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.TAKEN_UP
    page = client.get(reverse("coordination:idea_detail", args=[idea.pk])).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page


def test_a_viewer_of_the_office_reads_but_cannot_act(client, volunteer_office, make_user, idea):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    viewer = make_user()
    add_member(organisation=volunteer_office, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("coordination:idea_detail", args=[idea.pk])).status_code == 200
    url = reverse("coordination:idea_decide", args=[idea.pk])
    assert client.post(url, {"decide-decision": "yes", "decide-note": "Ja"}).status_code == 404


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coordination:ideas")).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_2_and_10_ideas(client, office_staff, make_user, make_idea):
    people = [make_user() for _ in range(2)]
    for i in range(2):
        make_idea(proposer=people[i % 2], title=f"Idé {i}")
    client.force_login(office_staff)
    two = _count(client)
    Idea.objects.all().delete()
    for i in range(10):
        make_idea(proposer=people[i % 2], title=f"Idé {i}")
    assert _count(client) == two
