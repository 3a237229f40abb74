"""Conversations in the back office: a coordinator reads and answers for the organisation, and
writes to a volunteer who has worked with it. A viewer, another organisation's staff and the
volunteer get a 404; an anonymous visitor is sent to log in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.accounts.models import PersonalDataRead
from frivillig.dialog.messaging import services
from frivillig.dialog.messaging.models import Thread
from frivillig.dialog.messaging.tests.conftest import age


def _url(name, organisation, *args):
    return reverse(f"backoffice:{name}", args=[organisation.slug, *args])


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_list_shows_unread_first_and_filters(
    as_coordinator, thread, organisation, volunteer, owner
):
    other = services.start_by_volunteer(
        volunteer=volunteer, organisation=organisation, subject="Læst tråd", body="Hej"
    )
    services.mark_read_by_organisation(thread=other)
    response = as_coordinator.get(_url("thread_list", organisation))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Spørgsmål om lektiehjælp") < page.index("Læst tråd")
    assert "Ulæste (1)" in page
    page = as_coordinator.get(_url("thread_list", organisation), {"show": "unread"}).content
    assert "Læst tråd" not in page.decode()


def test_opening_logs_the_read_marks_it_read_and_shows_the_volunteers_read_state(
    as_coordinator, thread, organisation, coordinator
):
    url = _url("thread_detail", organisation, thread.pk)
    page = as_coordinator.get(url).content.decode()
    assert "Hej<br>Kan jeg tage min nevø med?" in page
    assert "Vedhæftede filer kan ikke sendes her" in page
    thread.refresh_from_db()
    assert not thread.unread_for_organisation
    assert PersonalDataRead.objects.filter(
        staff=coordinator, volunteer=thread.volunteer, what="message thread"
    ).exists()
    assert as_coordinator.post(url, {"body": "Ja, det må du gerne"}).status_code == 302
    assert "Ikke læst endnu" in as_coordinator.get(url).content.decode()
    services.mark_read_by_volunteer(thread=thread)
    assert "Læst af Vera" in as_coordinator.get(url).content.decode()


@pytest.mark.parametrize(
    ("body", "problem"),
    [("", "Skriv en besked"), ("x" * 10_000, "højst have 5000 tegn")],
)
def test_bad_answers_are_refused_and_kept(as_coordinator, thread, organisation, body, problem):
    response = as_coordinator.post(_url("thread_detail", organisation, thread.pk), {"body": body})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert thread.messages.count() == 1


def test_html_is_shown_escaped(as_coordinator, thread, organisation, volunteer):
    age(thread)
    services.reply_as_volunteer(thread=thread, volunteer=volunteer, body="<b>fed</b>")
    page = as_coordinator.get(_url("thread_detail", organisation, thread.pk)).content.decode()
    assert "&lt;b&gt;fed&lt;/b&gt;" in page and "<b>fed</b>" not in page


def test_writing_to_a_volunteer_who_has_applied(
    as_coordinator, organisation, volunteer, application, mailoutbox, sent
):
    url = _url("thread_new", organisation) + f"?volunteer={volunteer.pk}"
    page = as_coordinator.get(url).content.decode()
    assert "Skriv til Vera Frivillig" in page
    with sent():
        response = as_coordinator.post(
            url,
            {"about": f"application-{application.pk}", "subject": "Samtale", "body": "Hej Vera"},
        )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.application == application and thread.started_by_organisation
    assert [m.to for m in mailoutbox if "Ny besked" in m.subject] == [[volunteer.email]]


def test_writing_to_someone_who_has_not_worked_with_us_is_a_404(
    as_coordinator, organisation, other_volunteer
):
    url = _url("thread_new", organisation)
    assert as_coordinator.get(url).status_code == 200  # the explanation
    assert as_coordinator.get(url + f"?volunteer={other_volunteer.pk}").status_code == 404
    assert as_coordinator.get(url + "?volunteer=abc").status_code == 404


def test_the_list_costs_the_same_queries_for_2_and_10_conversations(
    as_coordinator, organisation, make_user
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_coordinator.get(_url("thread_list", organisation)).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            services.start_by_volunteer(
                volunteer=make_user(first_name="Ny"),
                organisation=organisation,
                subject="Hej",
                body="Hej",
            )

    add(2)
    two = count()
    add(8)
    assert count() == two


@pytest.mark.parametrize("who", ["member", "outsider", "volunteer"])
def test_others_get_a_404_on_every_route(client, request, who, thread, organisation, volunteer):
    client.force_login(request.getfixturevalue(who))
    for url in [
        _url("thread_list", organisation),
        _url("thread_detail", organisation, thread.pk),
        _url("thread_new", organisation) + f"?volunteer={volunteer.pk}",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(_url("thread_detail", organisation, thread.pk), {"body": "x"}).status_code
        == 404
    )
    assert thread.messages.count() == 1


def test_another_organisations_thread_is_a_404_for_our_coordinator(
    as_coordinator, organisation, others_thread
):
    url = _url("thread_detail", organisation, others_thread.pk)
    assert as_coordinator.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, thread, organisation):
    response = client.get(_url("thread_detail", organisation, thread.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_navigation_counts_unread_conversations_for_the_organisation(
    client, coordinator, organisation, volunteer
):
    services.start_by_volunteer(
        volunteer=volunteer, organisation=organisation, subject="Hund?", body="Må den komme med?"
    )
    client.force_login(coordinator)
    html = client.get(reverse("backoffice:dashboard", args=[organisation.slug])).content.decode()
    assert '<span class="badge badge-info">1 ulæst</span>' in html
