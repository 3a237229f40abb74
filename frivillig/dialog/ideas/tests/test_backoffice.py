"""The organisation's side: ideas passed on to it, and its answer. An owner answers, a
member (viewer) reads, an outsider gets a 404; the proposer's e-mail is never shown."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from frivillig.dialog.ideas import services
from frivillig.dialog.ideas.models import Idea, IdeaStatus


def da(msgid: str) -> str:
    with translation.override("da"):
        return gettext(msgid)


def _url(name, organisation, idea=None):
    args = [organisation.slug] + ([idea.pk] if idea else [])
    return reverse(f"backoffice:{name}", args=args)


def test_the_owner_sees_ideas_routed_to_it_with_only_the_first_name(
    client, owner, organisation, make_user, make_idea, office_staff
):
    proposer = make_user("saerlig.borger@example.dk", first_name="Sigrid", last_name="Særnavn")
    idea = services.route(
        idea=make_idea(proposer=proposer), by=office_staff, organisation=organisation
    )
    make_idea(title="Ikke sendt videre")
    client.force_login(owner)
    listing = client.get(_url("idea_list", organisation)).content.decode()
    assert idea.title in listing and "Ikke sendt videre" not in listing
    page = client.get(_url("idea_detail", organisation, idea)).content.decode()
    assert "Sigrid" in page
    assert "saerlig.borger" not in page and "Særnavn" not in page


def test_the_owner_takes_it_up_and_the_proposer_is_told(
    client, owner, routed_idea, organisation, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("idea_answer", organisation, routed_idea),
            {"decision": "yes", "note": "Vi starter i marts"},
        )
    assert response.status_code == 302
    routed_idea.refresh_from_db()
    assert routed_idea.status == IdeaStatus.TAKEN_UP
    assert mail.outbox[-1].to == [volunteer.email]
    assert "Vi starter i marts" in mail.outbox[-1].body


def test_not_for_us_goes_back_to_the_office_and_disappears_here(
    client, owner, routed_idea, organisation
):
    client.force_login(owner)
    response = client.post(
        _url("idea_answer", organisation, routed_idea), {"decision": "no", "note": "Ikke os"}
    )
    assert response.status_code == 302
    assert client.get(_url("idea_detail", organisation, routed_idea)).status_code == 404


def test_bad_answers_are_refused(client, owner, routed_idea, organisation):
    client.force_login(owner)
    url = _url("idea_answer", organisation, routed_idea)
    for data in ({}, {"decision": "yes", "note": ""}, {"decision": "yes", "note": "x" * 10_000}):
        response = client.post(url, data)
        assert response.status_code == 400
    assert da("Choose an answer.") in client.post(url, {"note": "x"}).content.decode()
    routed_idea.refresh_from_db()
    assert routed_idea.status == IdeaStatus.ROUTED


def test_a_member_reads_but_cannot_answer(client, member, routed_idea, organisation):
    client.force_login(member)
    page = client.get(_url("idea_detail", organisation, routed_idea))
    assert page.status_code == 200
    assert _url("idea_answer", organisation, routed_idea) not in page.content.decode()
    response = client.post(
        _url("idea_answer", organisation, routed_idea), {"decision": "yes", "note": "Ja"}
    )
    assert response.status_code == 404


def test_an_outsider_gets_404_and_another_organisations_idea_is_404(
    client, outsider, owner, routed_idea, organisation, other_organisation, make_idea, office_staff
):
    paths = [
        _url("idea_list", organisation),
        _url("idea_detail", organisation, routed_idea),
        _url("idea_answer", organisation, routed_idea),
    ]
    for path in paths:
        assert client.get(path).status_code == 302
    client.force_login(outsider)
    for path in paths:
        assert client.get(path).status_code == 404
        assert client.post(path, {"decision": "yes", "note": "x"}).status_code == 404
    # The outsider's own back office does not reach the idea either.
    assert client.get(_url("idea_detail", other_organisation, routed_idea)).status_code == 404
    elsewhere = services.route(
        idea=make_idea(title="Til Hals"), by=office_staff, organisation=other_organisation
    )
    client.force_login(owner)
    assert client.get(_url("idea_detail", organisation, elsewhere)).status_code == 404


def _count(client, organisation):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("idea_list", organisation)).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_2_and_10_ideas(
    client, owner, organisation, office_staff, make_idea, make_user
):
    people = [make_user() for _ in range(2)]

    def add(n):
        for i in range(n):
            idea = make_idea(proposer=people[i % 2], title=f"Idé {i}")
            services.route(idea=idea, by=office_staff, organisation=organisation)

    add(2)
    client.force_login(owner)
    two = _count(client, organisation)
    Idea.objects.all().delete()
    add(10)
    assert _count(client, organisation) == two
