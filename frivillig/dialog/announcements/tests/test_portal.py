"""Min side: the person's announcements, newest first and marked read when opened; their
choice per organisation; and the link in the e-mail that works without signing in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.dialog.announcements import queries, services
from frivillig.dialog.announcements.models import Audience, Delivery


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def announce(organisation, owner, send_now):
    def make(subject="Sommerfest", body="Kom og vær med.", **target):
        return send_now(
            organisation=organisation,
            author=owner,
            subject=subject,
            body=body,
            **({"audience": Audience.ALL} | target),
        )

    return make


@pytest.fixture
def engaged(volunteer, opportunity, engage):
    engage(volunteer, opportunity)
    return volunteer


def test_it_lists_my_announcements_newest_first_with_unread_marked(client, engaged, announce):
    announce("Første")
    announce("Anden")
    client.force_login(engaged)
    response = client.get(reverse("portal:my_announcements"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Anden") < html.index("Første")
    assert html.count("badge-info") == 2
    assert queries.unread_count(engaged) == 2


def test_opening_one_marks_it_read(client, engaged, announce):
    announcement = announce("Sommerfest", "Linje et\nLinje to")
    client.force_login(engaged)
    response = client.get(reverse("portal:my_announcement", args=[announcement.pk]))
    assert response.status_code == 200
    assert "Linje et<br>Linje to" in response.content.decode()
    assert Delivery.objects.get().read_at is not None
    assert queries.unread_count(engaged) == 0
    assert client.get(reverse("portal:my_announcements")).content.decode().count("badge-info") == 0


def test_the_list_pages_and_keeps_its_query_count(client, engaged, announce):
    client.force_login(engaged)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:my_announcements")).status_code == 200
        return len(captured)

    for n in range(2):
        announce(f"A{n}")
    few = count()
    for n in range(8):
        announce(f"B{n}")
    assert count() == few
    for n in range(15):
        announce(f"C{n}")
    assert client.get(reverse("portal:my_announcements") + "?page=2").status_code == 200


def test_another_person_cannot_read_my_announcement(client, engaged, announce, make_user):
    announcement = announce()
    client.force_login(make_user())
    assert client.get(reverse("portal:my_announcement", args=[announcement.pk])).status_code == 404
    assert "Sommerfest" not in client.get(reverse("portal:my_announcements")).content.decode()
    assert Delivery.objects.get().read_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, engaged, announce):
    announcement = announce()
    for name, args in (
        ("portal:my_announcements", []),
        ("portal:my_announcement", [announcement.pk]),
        ("portal:announcement_choices", []),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert "/konto/" in response["Location"] or "login" in response["Location"]


def test_i_choose_per_organisation_and_the_rule_is_said(
    english, engaged, organisation, other_organisation
):
    english.force_login(engaged)
    page = english.get(reverse("portal:announcement_choices")).content.decode()
    assert organisation.name in page
    assert other_organisation.name not in page
    assert "Messages about your own shifts always reach you" in page

    english.post(
        reverse("portal:announcement_choices"), {"organisation": organisation.pk, "receive": "no"}
    )
    assert queries.has_opted_out(engaged, organisation)
    english.post(
        reverse("portal:announcement_choices"), {"organisation": organisation.pk, "receive": "yes"}
    )
    assert not queries.has_opted_out(engaged, organisation)


def test_i_cannot_opt_out_of_an_organisation_i_do_not_volunteer_for(
    client, engaged, other_organisation
):
    client.force_login(engaged)
    client.post(
        reverse("portal:announcement_choices"),
        {"organisation": other_organisation.pk, "receive": "no"},
    )
    client.post(
        reverse("portal:announcement_choices"),
        {"organisation": "<script>", "receive": "x" * 10_000},
    )
    assert not queries.has_opted_out(engaged, other_organisation)


def test_the_link_in_the_email_asks_first_and_changes_on_post_only(english, engaged, organisation):
    token = services.opt_out_token(user=engaged, organisation=organisation)
    link = reverse("portal:announcement_opt_out_link", args=[token])

    page = english.get(link)
    assert page.status_code == 200
    assert "Messages about your own shifts always reach you" in page.content.decode()
    assert not queries.has_opted_out(engaged, organisation)

    done = english.post(link, {"receive": "no"})
    assert done.status_code == 200
    assert "Done." in done.content.decode()
    assert queries.has_opted_out(engaged, organisation)

    english.post(link, {"receive": "yes"})
    assert not queries.has_opted_out(engaged, organisation)


def test_a_tampered_link_is_refused(client, engaged, organisation, other_organisation):
    token = services.opt_out_token(user=engaged, organisation=organisation)
    for bad in (token[:-3] + "abc", "x" * 300, "<script>"):
        link = reverse("portal:announcement_opt_out_link", args=[bad])
        assert client.get(link).status_code == 404
        assert client.post(link, {"receive": "no"}).status_code == 404
    assert not queries.has_opted_out(engaged, organisation)


def test_the_email_link_opens_the_opt_out_page(client, engaged, announce):
    from django.core import mail

    announce()
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/nyheder/fravalg/" in line)
    path = link.split("://", 1)[-1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
