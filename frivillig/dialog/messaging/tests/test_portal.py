"""The volunteer's messages on Min side: the list, a conversation, answering, and writing to
an organisation. Another person's conversation is a 404; an anonymous visitor is sent to
log in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.dialog.messaging import services
from frivillig.dialog.messaging.models import Thread
from frivillig.dialog.messaging.tests.conftest import age


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def test_the_list_shows_unread_conversations_first(signed_in, thread, owner, volunteer):
    services.start_by_volunteer(
        volunteer=volunteer, organisation=thread.organisation, subject="Nyere", body="Hej"
    )
    services.reply_as_organisation(thread=thread, by=owner, body="Svar til dig")
    response = signed_in.get(reverse("portal:my_threads"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mine beskeder" in page
    assert page.index("Spørgsmål om lektiehjælp") < page.index("Nyere")
    assert "Ulæst" in page
    response = signed_in.get(reverse("portal:my_threads"), {"show": "unread"})
    assert "Nyere" not in response.content.decode()


def test_opening_a_conversation_marks_it_read_and_shows_the_other_sides_read_state(
    signed_in, thread, owner
):
    url = reverse("portal:my_thread", args=[thread.pk])
    page = signed_in.get(url).content.decode()
    assert "Ikke læst endnu" in page
    assert "Kan jeg tage min nevø med?" in page and "Hej<br>Kan jeg" in page
    assert "Vedhæftede filer kan ikke sendes her" in page
    services.mark_read_by_organisation(thread=thread)
    assert "Læst af organisationen" in signed_in.get(url).content.decode()
    age(thread)
    services.reply_as_organisation(thread=thread, by=owner, body="Ja")
    thread.refresh_from_db()
    assert thread.unread_for_volunteer
    signed_in.get(url)
    thread.refresh_from_db()
    assert not thread.unread_for_volunteer


def test_answering_adds_a_message(signed_in, thread):
    url = reverse("portal:my_thread", args=[thread.pk])
    response = signed_in.post(url, {"body": "<script>alert(1)</script>\nTak"})
    assert response.status_code == 302
    page = signed_in.get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Tak" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("body", "problem"),
    [("", "Skriv en besked"), ("   ", "Skriv en besked"), ("x" * 10_000, "højst have 5000 tegn")],
)
def test_bad_input_gives_a_message_and_keeps_what_was_typed(signed_in, thread, body, problem):
    url = reverse("portal:my_thread", args=[thread.pk])
    response = signed_in.post(url, {"body": body})
    assert response.status_code == 400
    page = response.content.decode()
    assert problem in page
    if body.strip():
        assert body in page
    assert thread.messages.count() == 1


def test_a_double_submission_is_refused_kindly(signed_in, thread):
    url = reverse("portal:my_thread", args=[thread.pk])
    assert signed_in.post(url, {"body": "Samme besked"}).status_code == 302
    response = signed_in.post(url, {"body": "Samme besked"})
    assert response.status_code == 400
    assert "lige blevet sendt" in response.content.decode()
    assert thread.messages.count() == 2


def test_writing_to_an_organisation_about_an_engagement(
    signed_in, organisation, engagement, application
):
    url = reverse("portal:new_thread", args=[organisation.slug])
    page = signed_in.get(url, {"about": f"engagement-{engagement.pk}"}).content.decode()
    assert "Skriv til Ældresagen Nibe" in page
    assert "Ansøgning: Besøgsven" in page
    response = signed_in.post(
        url,
        {"about": f"engagement-{engagement.pk}", "subject": "Mødetid", "body": "Hvornår?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my_thread", args=[thread.pk])
    assert thread.engagement == engagement


def test_writing_refuses_empty_fields_and_someone_elses_things(
    signed_in, organisation, other_volunteer, make_opportunity
):
    from frivillig.engagements import services as engagements

    theirs = engagements.apply(volunteer=other_volunteer, opportunity=make_opportunity())
    url = reverse("portal:new_thread", args=[organisation.slug])
    response = signed_in.post(url, {"about": f"application-{theirs.pk}", "subject": "", "body": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv et emne" in page and "Skriv en besked" in page
    assert "Marker en gyldig valgmulighed" in page
    assert not Thread.objects.exists()


def test_the_list_costs_the_same_queries_for_2_and_10_conversations(
    signed_in, volunteer, organisation
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("portal:my_threads")).status_code == 200
        return len(queries)

    for n in range(2):
        services.start_by_volunteer(
            volunteer=volunteer, organisation=organisation, subject=f"Emne {n}", body="Hej"
        )
    two = count()
    for n in range(8):
        services.start_by_volunteer(
            volunteer=volunteer, organisation=organisation, subject=f"Mere {n}", body="Hej"
        )
    assert count() == two


def test_another_volunteers_conversation_is_a_404(client, other_volunteer, thread, organisation):
    client.force_login(other_volunteer)
    assert client.get(reverse("portal:my_thread", args=[thread.pk])).status_code == 404
    assert (
        client.post(reverse("portal:my_thread", args=[thread.pk]), {"body": "x"}).status_code == 404
    )
    # Staff read conversations in the back office, not here.


def test_staff_of_the_organisation_get_a_404_on_min_side(client, owner, thread):
    client.force_login(owner)
    assert client.get(reverse("portal:my_thread", args=[thread.pk])).status_code == 404


def test_an_unapproved_organisation_cannot_be_written_to(signed_in, places):
    from frivillig.organisations.services import create_organisation

    pending = create_organisation(name="Ikke godkendt", kind="association", place=places["nibe"])
    assert signed_in.get(reverse("portal:new_thread", args=[pending.slug])).status_code == 404


@pytest.mark.parametrize("name", ["my_threads", "my_thread", "new_thread"])
def test_anonymous_visitors_are_sent_to_log_in(client, thread, organisation, name):
    args = {"my_thread": [thread.pk], "new_thread": [organisation.slug]}.get(name, [])
    response = client.get(reverse(f"portal:{name}", args=args))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_unread_count_is_one_query_cached_per_request(
    rf, volunteer, thread, owner, django_assert_num_queries
):
    from django.template import Context, Template

    from frivillig.dialog.messaging.context_processors import unread_messages

    services.reply_as_organisation(thread=thread, by=owner, body="Svar")
    request = rf.get("/")
    request.user = volunteer
    context = Context(unread_messages(request))
    template = Template(
        "{% if unread_message_count %}{{ unread_message_count }}{% endif %}"
        "{% with n=unread_message_count %}/{{ n|add:1 }}{% endwith %}"
    )
    with django_assert_num_queries(1):
        assert template.render(context) == "1/2"


def test_nobody_signed_in_has_no_unread_count(rf, db, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from frivillig.dialog.messaging.context_processors import unread_messages

    request = rf.get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_messages(request) == {
            "unread_message_count": 0,
            "organisation_unread_message_count": 0,
        }
