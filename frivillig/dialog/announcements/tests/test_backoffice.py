"""The back office: an owner writes an announcement, confirms the exact number and sends it;
a viewer and another organisation's staff never see the pages."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.dialog.announcements import services
from frivillig.dialog.announcements.models import Announcement, Audience, Delivery


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(name, organisation, pk=None):
    kwargs = {"slug": organisation.slug} | ({"pk": pk} if pk else {})
    return reverse(f"backoffice:{name}", kwargs=kwargs)


@pytest.fixture
def two_volunteers(opportunity, make_user, engage):
    people = [make_user(f"v{n}@x.dk") for n in range(2)]
    for person in people:
        engage(person, opportunity)
    return people


def test_it_shows_the_compose_page_with_the_opt_out_rule(english, owner, organisation):
    english.force_login(owner)
    response = english.get(url("announcement_create", organisation))
    assert response.status_code == 200
    assert "Announcements to a team or to an event day are about their own shifts" in (
        response.content.decode()
    )


def test_it_confirms_the_exact_number_before_sending(
    english, owner, organisation, two_volunteers, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    data = {"audience": "all", "subject": "Sommerfest", "body": "Kom og vær med.\nHilsen"}
    response = english.post(url("announcement_create", organisation), data)
    assert response.status_code == 200
    assert "Send to 2 volunteers?" in response.content.decode()
    assert Announcement.objects.count() == 0
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            url("announcement_create", organisation), data | {"step": "confirm"}
        )

    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("announcement_detail", organisation, announcement.pk)
    assert announcement.body == "Kom og vær med.\nHilsen"
    assert announcement.author == owner
    assert Delivery.objects.count() == 2
    assert len(mail.outbox) == 2
    detail = english.get(response["Location"])
    assert "Sommerfest" in detail.content.decode()


def test_going_back_from_the_confirmation_keeps_the_text(
    english, owner, organisation, two_volunteers
):
    english.force_login(owner)
    data = {"audience": "all", "subject": "Sommerfest", "body": "Kom og vær med.", "step": "edit"}
    response = english.post(url("announcement_create", organisation), data)
    assert response.status_code == 200
    assert 'value="Sommerfest"' in response.content.decode()
    assert Announcement.objects.count() == 0


def test_it_refuses_an_audience_with_nobody_in_it(english, owner, organisation):
    english.force_login(owner)
    data = {"audience": "all", "subject": "Sommerfest", "body": "Kom."}
    response = english.post(url("announcement_create", organisation), data)
    assert response.status_code == 400
    assert "Nobody would receive this announcement" in response.content.decode()


def test_another_organisations_target_is_a_form_error(
    english, owner, organisation, other_organisation, make_opportunity, make_event
):
    foreign = make_opportunity("Fodbold", organisation=other_organisation)
    foreign_event = make_event(organisation=other_organisation)
    english.force_login(owner)
    for data in (
        {"audience": "opportunity", "opportunity": foreign.pk},
        {"audience": "team", "team": foreign_event.teams.get().pk},
        {"audience": "event_day", "event": foreign_event.pk, "day": foreign_event.starts_on},
    ):
        response = english.post(
            url("announcement_create", organisation),
            data | {"subject": "Nyt", "body": "Tekst", "step": "confirm"},
        )
        assert response.status_code == 400
        assert "Choose one of the organisation&#x27;s" in response.content.decode()
    assert Announcement.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"audience": "", "subject": "", "body": ""}, "Write a subject."),
        ({"audience": "all", "subject": "x" * 10_000, "body": "Tekst"}, "at most 150 characters"),
        ({"audience": "all", "subject": "Nyt", "body": "x" * 10_000}, "at most 5000 characters"),
        ({"audience": "opportunity", "subject": "Nyt", "body": "Tekst"}, "Choose the opportunity."),
        ({"audience": "event_day", "subject": "Nyt", "body": "Tekst"}, "Write the day."),
    ],
)
def test_bad_input_gives_a_clear_message_and_keeps_the_text(
    english, owner, organisation, data, message
):
    english.force_login(owner)
    response = english.post(url("announcement_create", organisation), data | {"step": "confirm"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Announcement.objects.count() == 0


def test_html_in_the_text_is_shown_as_text(
    english, owner, organisation, two_volunteers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announcement = services.send(
            organisation=organisation,
            author=owner,
            subject="<script>alert(1)</script>",
            body="<script>alert(2)</script>",
            audience=Audience.ALL,
        )
    english.force_login(owner)
    for page in (
        url("announcement_list", organisation),
        url("announcement_detail", organisation, announcement.pk),
    ):
        html = english.get(page).content.decode()
        assert "<script>alert(" not in html
        assert "&lt;script&gt;alert(" in html


def test_the_list_shows_counts_in_the_same_number_of_queries_for_2_and_10(
    english, owner, organisation, two_volunteers
):
    english.force_login(owner)

    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            assert english.get(url("announcement_list", organisation)).status_code == 200
        return len(captured)

    for n in range(2):
        services.send(
            organisation=organisation, author=owner, subject=f"N{n}", body="T", audience="all"
        )
    few = queries_for_list()
    for n in range(8):
        services.send(
            organisation=organisation, author=owner, subject=f"M{n}", body="T", audience="all"
        )
    assert queries_for_list() == few


def test_every_page_is_a_404_for_a_viewer_and_another_organisations_staff(
    client, member, outsider, owner, organisation, other_organisation, two_volunteers
):
    announcement = services.send(
        organisation=organisation, author=owner, subject="Nyt", body="Tekst", audience="all"
    )
    pages = [
        url("announcement_list", organisation),
        url("announcement_create", organisation),
        url("announcement_detail", organisation, announcement.pk),
    ]
    for person in (member, outsider):
        client.force_login(person)
        for page in pages:
            assert client.get(page).status_code == 404, (person, page)
        assert (
            client.post(pages[1], {"audience": "all", "subject": "x", "body": "y"}).status_code
            == 404
        )
    # Nor through the outsider's own organisation.
    assert (
        client.get(url("announcement_detail", other_organisation, announcement.pk)).status_code
        == 404
    )
    client.logout()
    for page in pages:
        assert client.get(page).status_code == 302
    assert Announcement.objects.count() == 1


def test_the_confirmation_page_carries_the_whole_announcement(
    english,
    owner,
    organisation,
    make_shift,
    place_on,
    volunteer,
    django_capture_on_commit_callbacks,
):
    import html
    import re

    shift = make_shift()
    place_on(volunteer, shift)
    english.force_login(owner)
    typed = {
        "audience": "event_day",
        "event": shift.event.pk,
        "day": shift.event.starts_on.isoformat(),
        "subject": "Mødested",
        "body": "Linje et\r\nLinje to",
    }
    page = english.post(url("announcement_create", organisation), typed).content.decode()
    assert "Send to 1 volunteer?" in page
    hidden = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
        if name != "csrfmiddlewaretoken"
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            url("announcement_create", organisation), hidden | {"step": "confirm"}
        )
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert (announcement.event, announcement.day) == (shift.event, shift.event.starts_on)
    assert announcement.body == "Linje et\nLinje to"
    assert mail.outbox[0].to == [volunteer.email]
