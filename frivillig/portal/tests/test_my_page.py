"""Min side: a volunteer follows their applications and engagements and stops in one step,
without giving a reason. Another volunteer's ids are a 404."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from frivillig.accounts.models import VolunteerProfile
from frivillig.engagements import services
from frivillig.engagements.models import ApplicationStatus, EngagementStatus

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _language_reset():
    # LocaleMiddleware leaves the request's language active in this thread; without a
    # reset, tests that run later in the same process would speak English.
    yield
    translation.deactivate()


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Besøgsven i Nibe", contact_phone="12 34 56 78")


@pytest.fixture
def application(opportunity, volunteer):
    return services.apply(volunteer=volunteer, opportunity=opportunity, message="Hej")


@pytest.fixture
def engagement(make_opportunity, volunteer, coordinator):
    other = make_opportunity("Vågekone", contact_name="Bent Kontakt", contact_phone="87 65 43 21")
    application = services.apply(volunteer=volunteer, opportunity=other)
    return services.accept(application=application, by=coordinator)


@pytest.fixture
def stranger(make_user):
    user = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    VolunteerProfile.objects.create(user=user, postal_code="9400")
    return user


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


def action_urls(application, engagement):
    return [
        reverse("portal:withdraw_application", args=[application.pk]),
        reverse("portal:pause_engagement", args=[engagement.pk]),
        reverse("portal:resume_engagement", args=[engagement.pk]),
        reverse("portal:end_engagement", args=[engagement.pk]),
    ]


def test_it_asks_you_to_sign_in(client):
    response = client.get(reverse("portal:my_page"))
    assert response.status_code == 302
    assert "next=/min-side/" in response["Location"]


def test_it_lists_applications_and_engagements_with_the_contact_person(
    volunteer_client, application, engagement
):
    html = volunteer_client.get(reverse("portal:my_page"), **EN).content.decode()
    assert html.count("<h1>") == 1
    assert "Besøgsven i Nibe" in html
    assert "Awaiting answer" in html
    assert "Withdraw application" in html
    assert "Vågekone" in html
    assert "Bent Kontakt" in html
    assert "karen@example.dk" in html
    assert 'href="tel:87654321"' in html
    assert "Ældresagen Nibe" in html
    assert reverse("portal:end_engagement", args=[engagement.pk]) in html
    assert reverse("portal:my_data") in html
    assert reverse("portal:delete_account") in html


def test_it_shows_nothing_of_other_volunteers(client, stranger, application, engagement):
    client.force_login(stranger)
    html = client.get(reverse("portal:my_page"), **EN).content.decode()
    assert "Besøgsven i Nibe" not in html.split('id="suggestions-heading"')[0]
    assert "Vågekone" not in html.split('id="suggestions-heading"')[0]
    assert "You have no current engagements." in html


def test_it_lets_you_withdraw_an_application_in_one_step(
    volunteer_client, application, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("portal:withdraw_application", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = volunteer_client.post(url, {"note": "Jeg er flyttet"}, follow=True, **EN)
    assert response.redirect_chain[-1][0] == reverse("portal:my_page")
    assert "has been withdrawn" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    to_coordinator = next(m for m in mail.outbox if m.to == ["koordinator@example.dk"])
    assert "Jeg er flyttet" in to_coordinator.body


def test_it_answers_a_second_withdrawal_with_a_message(volunteer_client, application):
    url = reverse("portal:withdraw_application", args=[application.pk])
    volunteer_client.post(url)
    response = volunteer_client.post(url, follow=True, **EN)
    assert response.status_code == 200
    assert "You have already withdrawn this application." in response.content.decode()


def test_it_lets_you_pause_and_resume(
    volunteer_client, engagement, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = volunteer_client.post(
            reverse("portal:pause_engagement", args=[engagement.pk]), follow=True, **EN
        )
    assert "is paused" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.PAUSED
    assert any(m.to == ["koordinator@example.dk"] for m in mail.outbox)
    html = volunteer_client.get(reverse("portal:my_page"), **EN).content.decode()
    assert "Paused since" in html
    assert reverse("portal:resume_engagement", args=[engagement.pk]) in html

    response = volunteer_client.post(
        reverse("portal:resume_engagement", args=[engagement.pk]), follow=True, **EN
    )
    assert "Welcome back" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_confirms_before_ending_and_asks_for_no_reason(volunteer_client, engagement):
    url = reverse("portal:end_engagement", args=[engagement.pk])
    response = volunteer_client.get(url, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "The organisation gets a message. You do not need to give a reason." in html
    assert 'name="note"' in html
    assert "required" not in html.split('name="note"')[1].split(">")[0]
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_ends_an_engagement_and_tells_the_organisation_politely(
    volunteer_client, engagement, coordinator, django_capture_on_commit_callbacks
):
    url = reverse("portal:end_engagement", args=[engagement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = volunteer_client.post(url, {"note": ""}, follow=True, **EN)
    assert "has ended" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED
    notice = next(m for m in mail.outbox if m.to == ["koordinator@example.dk"])
    assert "Vågekone" in notice.subject


def test_it_says_so_when_an_engagement_has_already_ended(volunteer_client, engagement):
    url = reverse("portal:end_engagement", args=[engagement.pk])
    volunteer_client.post(url)
    for response in (
        volunteer_client.post(url, follow=True, **EN),
        volunteer_client.get(url, follow=True, **EN),
        volunteer_client.post(
            reverse("portal:pause_engagement", args=[engagement.pk]), follow=True, **EN
        ),
    ):
        assert response.status_code == 200
        assert "This engagement has already ended." in response.content.decode()


def test_it_keeps_a_too_long_note_and_explains(volunteer_client, engagement):
    url = reverse("portal:end_engagement", args=[engagement.pk])
    response = volunteer_client.post(url, {"note": "x" * 1001}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 1000 characters" in html
    assert 'aria-invalid="true"' in html
    assert "x" * 1001 in html
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_shows_ended_engagements_without_counting_them(volunteer_client, engagement):
    services.end(engagement=engagement, volunteer=engagement.volunteer)
    html = volunteer_client.get(reverse("portal:my_page"), **EN).content.decode()
    assert "Earlier engagements" in html
    assert "Ended " in html
    assert reverse("portal:end_engagement", args=[engagement.pk]) not in html
    assert reverse("portal:pause_engagement", args=[engagement.pk]) not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_gives_a_404_for_another_volunteers_ids(
    client, stranger, application, engagement, method
):
    client.force_login(stranger)
    for url in action_urls(application, engagement):
        assert getattr(client, method)(url).status_code == 404, url
    application.refresh_from_db()
    engagement.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_gives_a_404_for_ids_that_do_not_exist(volunteer_client):
    for url in action_urls(type("X", (), {"pk": 999999}), type("X", (), {"pk": 999999})):
        assert volunteer_client.post(url).status_code == 404


def test_it_refuses_action_posts_without_a_csrf_token(volunteer, application, engagement):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer)
    for url in [*action_urls(application, engagement), reverse("portal:delete_account")]:
        assert client.post(url, {"note": ""}).status_code == 403, url
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
