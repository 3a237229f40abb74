"""A volunteer downloads all their data and deletes their account from Min side."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.engagements import services
from frivillig.engagements.models import Application, Engagement

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _language_reset():
    # LocaleMiddleware leaves the request's language active in this thread; without a
    # reset, tests that run later in the same process would speak English.
    yield
    translation.deactivate()


PASSWORD = "kodeord-der-er-langt-nok"


@pytest.fixture
def history(make_opportunity, volunteer, coordinator, owner, organisation):
    pending = services.apply(
        volunteer=volunteer, opportunity=make_opportunity("Lektiehjælp"), message="Hej"
    )
    accepted = services.apply(volunteer=volunteer, opportunity=make_opportunity("Vågekone"))
    engagement = services.accept(application=accepted, by=coordinator)
    PersonalDataRead.objects.create(
        staff=owner, volunteer=volunteer, organisation=organisation, what="application"
    )
    return pending, engagement


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


def test_it_downloads_all_my_data_as_an_attachment(volunteer_client, volunteer, history):
    response = volunteer_client.get(reverse("portal:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["user"]["email"] == "frivillig@example.dk"
    assert data["profile"]["postal_code"] == "9000"
    assert {a["opportunity"]["title"] for a in data["applications"]} == {
        "Lektiehjælp",
        "Vågekone",
    }
    assert data["engagements"][0]["opportunity"]["contact_person"]["name"] == "Karen Kontakt"
    assert data["personal_data_reads"][0]["staff"] == "Olga Ejer"
    assert data["personal_data_reads"][0]["organisation"] == "Ældresagen Nibe"
    raw = response.content.decode()
    assert volunteer.password not in raw
    assert "password" not in raw
    assert "sessionid" not in raw


def test_it_wants_you_signed_in_for_your_data(client):
    assert client.get(reverse("portal:my_data")).status_code == 302
    assert client.get(reverse("portal:delete_account")).status_code == 302


def test_it_explains_what_deleting_means(volunteer_client, history):
    response = volunteer_client.get(reverse("portal:delete_account"), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "Your application that awaits an answer is withdrawn." in html
    assert "Your current engagement is ended." in html
    assert "polite message" in html
    assert reverse("portal:my_data") in html
    assert get_user_model().objects.filter(email="frivillig@example.dk").exists()


def test_it_wants_your_email_or_password_before_deleting(volunteer_client, volunteer, history):
    url = reverse("portal:delete_account")
    response = volunteer_client.post(url, {"email": "someone@else.dk"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This is not the e-mail address of your account." in html
    assert 'aria-invalid="true"' in html
    assert 'value="someone@else.dk"' in html
    response = volunteer_client.post(url, {}, **EN)
    assert response.status_code == 400
    assert "to confirm" in response.content.decode()
    response = volunteer_client.post(url, {"password": "forkert"}, **EN)
    assert "The password is not correct." in response.content.decode()
    assert get_user_model().objects.filter(pk=volunteer.pk).exists()


def test_it_deletes_the_account_and_tells_the_organisations_politely(
    volunteer_client, volunteer, history, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = volunteer_client.post(
            reverse("portal:delete_account"), {"email": "FRIVILLIG@example.dk"}, **EN
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:account_deleted")
    assert not get_user_model().objects.filter(pk=volunteer.pk).exists()
    assert not VolunteerProfile.objects.exists()
    assert not Application.objects.exists()
    assert not Engagement.objects.exists()
    assert not PersonalDataRead.objects.filter(action="read").exists()
    subjects = [m.subject for m in mail.outbox if m.to == ["koordinator@example.dk"]]
    assert len(subjects) == 2  # the withdrawn application and the ended engagement
    assert all("frivillig@example.dk" not in m.body for m in mail.outbox)

    goodbye = volunteer_client.get(response["Location"], **EN)
    assert "Your account has been deleted" in goodbye.content.decode()
    assert volunteer_client.get(reverse("portal:my_page")).status_code == 302
    assert not volunteer_client.login(username="frivillig@example.dk", password=PASSWORD)


def test_it_accepts_the_password_instead_of_the_address(volunteer_client, volunteer):
    response = volunteer_client.post(reverse("portal:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=volunteer.pk).exists()
