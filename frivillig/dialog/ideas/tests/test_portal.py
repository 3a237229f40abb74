"""The citizen's side on the portal: propose (signed in), the receipt, My ideas with the
timeline, consent, and the public page of ideas that became efforts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from frivillig.dialog.ideas import services
from frivillig.dialog.ideas.models import Idea


def da(msgid: str) -> str:
    """The Danish text of `msgid` as the page shows it (the msgid until translated)."""
    with translation.override("da"):
        return gettext(msgid)


def _take_up(idea, office_staff, organisation, owner):
    services.route(idea=idea, by=office_staff, organisation=organisation)
    services.answer_for_organisation(
        idea=idea, organisation=organisation, by=owner, taken_up=True, note="Vi gør det"
    )


def test_an_anonymous_visitor_sees_the_explanation_and_a_log_in_link_back(client, db):
    response = client.get(reverse("portal:idea_new"))
    assert response.status_code == 200
    assert da("Send your idea") in response.content.decode()
    assert "?next=/ideer/ny/" in response.content.decode()
    assert client.post(reverse("portal:idea_new"), {"title": "x"}).status_code == 200
    assert not Idea.objects.exists()


def test_a_citizen_proposes_and_gets_a_receipt(client, volunteer, areas, places):
    client.force_login(volunteer)
    response = client.post(
        reverse("portal:idea_new"),
        {
            "title": "Højtlæsning",
            "description": "Læs højt for ældre",
            "area": "aeldre",
            "place": "nibe",
            "may_publish": "on",
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:idea_receipt", args=[idea.pk])
    assert idea.may_publish and idea.area == areas["aeldre"] and idea.place == places["nibe"]
    page = client.get(response["Location"]).content.decode()
    assert da("Thank you for your idea") in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "description": ""}, "Give your idea a title."),
        ({"title": "x" * 10_000, "description": "y"}, "150"),
        ({"title": "x", "description": "y" * 10_000}, "5000"),
        (
            {"title": "x", "description": "y", "area": "findes-ikke"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused_and_kept(client, volunteer, areas, data, message):
    client.force_login(volunteer)
    response = client.post(reverse("portal:idea_new"), data)
    assert response.status_code == 400
    assert da(message) in response.content.decode()
    assert not Idea.objects.exists()


def test_html_is_shown_as_text(client, volunteer, make_idea):
    idea = make_idea(title="<script>alert(1)</script>", description="<b>fed</b>")
    client.force_login(volunteer)
    page = client.get(reverse("portal:my_idea", args=[idea.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;fed&lt;/b&gt;" in page


def test_the_sixth_idea_a_day_gets_a_kind_message_and_keeps_the_text(client, volunteer, make_idea):
    for n in range(services.DAILY_LIMIT):
        make_idea(title=f"Idé {n}")
    client.force_login(volunteer)
    response = client.post(
        reverse("portal:idea_new"), {"title": "Min sjette", "description": "Beholdt tekst"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    refusal = da(
        "Thank you for all your ideas! You can send at most %(limit)d a day, so please "
        "send this one tomorrow. What you wrote is kept below."
    )
    assert refusal.split("!")[0] in page
    assert "Beholdt tekst" in page


def test_the_proposer_follows_the_timeline(
    client, volunteer, idea, office_staff, organisation, owner
):
    _take_up(idea, office_staff, organisation, owner)
    client.force_login(volunteer)
    listing = client.get(reverse("portal:my_ideas")).content.decode()
    assert "Højtlæsning i Nibe" in listing
    page = client.get(reverse("portal:my_idea", args=[idea.pk])).content.decode()
    assert "Vi gør det" in page
    for status in ("Received", "Passed on", "Taken up"):
        assert da(status) in page
    assert organisation.name in page


def test_another_citizens_idea_is_a_404_and_a_stranger_is_sent_to_log_in(
    client, idea, other_citizen
):
    routes = [
        ("portal:my_idea", "get"),
        ("portal:idea_receipt", "get"),
        ("portal:idea_consent", "post"),
    ]
    for name, method in routes:
        response = getattr(client, method)(reverse(name, args=[idea.pk]))
        assert response.status_code == 302 and "/konto/" in response["Location"], name
    assert client.get(reverse("portal:my_ideas")).status_code == 302
    client.force_login(other_citizen)
    for name, method in routes:
        assert getattr(client, method)(reverse(name, args=[idea.pk])).status_code == 404, name
    assert "Højtlæsning" not in client.get(reverse("portal:my_ideas")).content.decode()


def test_the_public_page_shows_taken_up_ideas_only_with_consent(
    client, volunteer, make_idea, office_staff, organisation, owner
):
    agreed = make_idea(title="Med samtykke", may_publish=True)
    refused = make_idea(title="Uden samtykke", may_publish=False)
    waiting = make_idea(title="Venter stadig", may_publish=True)
    for idea in (agreed, refused):
        _take_up(idea, office_staff, organisation, owner)
    page = client.get(reverse("portal:ideas")).content.decode()
    assert "Med samtykke" in page
    assert "Uden samtykke" not in page and waiting.title not in page
    assert volunteer.first_name not in page
    # Consent withdrawn: gone at once.
    client.force_login(volunteer)
    response = client.post(reverse("portal:idea_consent", args=[agreed.pk]))
    assert response.status_code == 302
    client.logout()
    assert "Med samtykke" not in client.get(reverse("portal:ideas")).content.decode()


def test_consent_can_be_given_later(client, volunteer, idea):
    client.force_login(volunteer)
    client.post(reverse("portal:idea_consent", args=[idea.pk]), {"may_publish": "on"})
    idea.refresh_from_db()
    assert idea.may_publish


def _public_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:ideas")).status_code == 200
    return len(queries)


def _my_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:my_ideas")).status_code == 200
    return len(queries)


def test_the_lists_cost_the_same_for_2_and_10_ideas(
    client, make_user, make_idea, office_staff, organisation, owner
):
    people = [make_user() for _ in range(3)]

    def add(n):
        for i in range(n):
            idea = make_idea(proposer=people[i % 3], title=f"Idé {i}", may_publish=True)
            _take_up(idea, office_staff, organisation, owner)

    add(2)
    client.force_login(people[0])
    public_2, mine_2 = _public_queries(client), _my_queries(client)
    Idea.objects.all().delete()
    add(10)
    assert (_public_queries(client), _my_queries(client)) == (public_2, mine_2)
