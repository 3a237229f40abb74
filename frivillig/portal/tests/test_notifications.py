""" "Notifications" on Min side: a signed-in volunteer chooses per category between an e-mail at
once and a daily digest. Only the person's own choices; anyone not signed in is sent to log in."""

import pytest
from django.urls import reverse

from frivillig.notifications import services
from frivillig.notifications.categories import Category
from frivillig.notifications.models import NotificationPreference, PendingNotice

URL = "/min-side/notifikationer/"


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def choices(**changed):
    data = dict.fromkeys(Category.values, "immediate")
    data.update(changed)
    return data


def test_it_lives_at_the_danish_address():
    assert reverse("portal:notification_preferences") == URL


def test_it_shows_one_group_of_choices_per_category(signed_in):
    response = signed_in.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == len(Category.values)
    assert html.count("<legend") == len(Category.values)
    assert html.count('type="radio"') == 2 * len(Category.values)
    assert html.count("<h1") == 1
    assert "Gem" in html  # Danish by default
    assert 'name="messages" value="immediate"' in html


def test_it_shows_what_is_chosen_and_what_is_waiting(signed_in, volunteer):
    services.set_preferences(user=volunteer, modes={"ideas": "digest"})
    PendingNotice.objects.create(user=volunteer, category="ideas", subject="Hej")

    html = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'id="id_ideas_1" required checked' in html
    assert "1 notice is waiting for your next daily digest." in html


def test_it_explains_what_always_comes_at_once(signed_in, settings):
    settings.LANGUAGE_CODE = "en"

    html = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "own shifts, applications, agreements and expense claims always come at once" in html


def test_it_saves_the_choices(signed_in, volunteer):
    response = signed_in.post(
        URL, choices(announcements="digest", recognition="digest"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 302
    assert response.url == URL
    assert services.preferences_for(volunteer) == choices(
        announcements="digest", recognition="digest"
    )
    page = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert "Your choices for notifications have been saved." in page.content.decode()


@pytest.mark.parametrize(
    "bad",
    ["", "weekly", "x" * 10_000, "<script>alert(1)</script>"],
    ids=["empty", "unknown", "10000 chars", "html"],
)
def test_a_bad_value_is_refused_and_nothing_typed_is_lost(signed_in, volunteer, bad):
    response = signed_in.post(
        URL, choices(messages=bad, announcements="digest"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check what you wrote" in html
    assert 'href="#id_messages_0"' in html
    assert "<script>alert" not in html
    # The other choice made in the same form is still selected, and nothing was saved.
    assert 'id="id_announcements_1" required checked' in html
    assert not NotificationPreference.objects.exists()


def test_it_changes_only_the_signed_in_persons_choices(signed_in, make_user):
    other = make_user("anden@example.dk")
    services.set_preferences(user=other, modes={"messages": "digest"})

    signed_in.post(URL, choices())

    assert services.preferences_for(other)["messages"] == "digest"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in(client, method):
    response = getattr(client, method)(URL)

    assert response.status_code == 302
    assert "/konto/" in response.url or "login" in response.url


def test_it_refuses_other_methods(signed_in):
    assert signed_in.put(URL).status_code == 405
