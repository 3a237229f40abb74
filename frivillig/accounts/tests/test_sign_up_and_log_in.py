"""Accounts by e-mail: sign up and confirm by code, log in by code or password, reset a
password. All of it is allauth; these stories check how it is configured here."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "et-langt-kodeord-til-test"


@pytest.fixture
def verified(make_user):
    user = make_user("vera@example.dk", password=PASSWORD, first_name="Vera")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_it_signs_up_by_email_and_confirms_the_address_with_a_code(client, db, code_from_mail):
    response = client.post(
        "/konto/signup/", {"email": "Ny@Example.dk", "password1": PASSWORD}, **EN
    )
    assert response.status_code == 302
    assert response.url == "/konto/confirm-email/"
    assert signed_in_as(client) is None  # not until the address is confirmed

    person = get_user_model().objects.get()
    assert (person.email, person.username) == ("ny@example.dk", "ny@example.dk")
    assert person.profile.language == "en"
    assert not EmailAddress.objects.get(user=person).verified

    wrong = client.post("/konto/confirm-email/", {"code": "BBBB-CCCC"}, **EN)
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()

    response = client.post("/konto/confirm-email/", {"code": code_from_mail("ny@example.dk")}, **EN)
    assert response.status_code == 302
    assert response.url == "/min-side/"
    assert signed_in_as(client) == str(person.pk)
    assert EmailAddress.objects.get(user=person).verified


def test_it_remembers_the_language_someone_signed_up_in(client, db):
    client.post("/konto/signup/", {"email": "dansk@example.dk", "password1": PASSWORD})
    assert get_user_model().objects.get().profile.language == "da"


def test_it_refuses_a_second_account_for_the_same_address_without_telling(client, verified):
    response = client.post(
        "/konto/signup/", {"email": "VERA@example.dk", "password1": PASSWORD}, **EN
    )
    # Enumeration prevention: the same page as for a new address; the owner gets a mail.
    assert response.status_code == 302
    assert get_user_model().objects.count() == 1
    assert mail.outbox[-1].to == ["vera@example.dk"]


def test_it_logs_in_by_code(client, verified, code_from_mail):
    assert client.get("/konto/login/code/").status_code == 200
    response = client.post("/konto/login/code/", {"email": "vera@example.dk"}, **EN)
    assert response.status_code == 302
    assert response.url == "/konto/login/code/confirm/"
    assert "Sign-In Code" in mail.outbox[-1].subject

    response = client.post(
        "/konto/login/code/confirm/", {"code": code_from_mail("vera@example.dk")}, **EN
    )
    assert response.status_code == 302
    assert signed_in_as(client) == str(verified.pk)


def test_it_logs_in_with_a_password(client, verified):
    response = client.post(
        "/konto/login/", {"login": "Vera@Example.dk", "password": PASSWORD}, **EN
    )
    assert response.status_code == 302
    assert response.url == "/min-side/"
    assert signed_in_as(client) == str(verified.pk)


def test_it_explains_a_wrong_password_without_failing(client, verified):
    response = client.post("/konto/login/", {"login": "vera@example.dk", "password": "x"}, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "alert-error" in html
    assert 'value="vera@example.dk"' in html
    assert signed_in_as(client) is None


def test_it_asks_an_account_made_by_staff_to_confirm_its_address_first(client, make_user):
    make_user("importeret@example.dk", password=PASSWORD)
    response = client.post(
        "/konto/login/", {"login": "importeret@example.dk", "password": PASSWORD}, **EN
    )
    assert response.url == "/konto/confirm-email/"
    assert signed_in_as(client) is None
    assert mail.outbox[-1].to == ["importeret@example.dk"]


def test_it_limits_how_many_log_in_codes_an_address_gets(verified):
    # Each request from a fresh browser, as someone hammering the form would do.
    for _attempt in range(3):
        Client().post("/konto/login/code/", {"email": "vera@example.dk"}, **EN)
    response = Client().post("/konto/login/code/", {"email": "vera@example.dk"}, **EN)
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()
    assert len(mail.outbox) == 3


def test_it_sends_a_password_reset_email_with_a_working_link(client, verified):
    response = client.post("/konto/password/reset/", {"email": "vera@example.dk"}, **EN)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["vera@example.dk"]
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[-1].body)
    response = client.get(link.group(1), **EN)
    assert response.status_code == 302  # allauth moves the key out of the URL
    new_password = "et-helt-nyt-kodeord-42"
    response = client.post(
        response.url, {"password1": new_password, "password2": new_password}, **EN
    )
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.check_password(new_password)


def test_it_does_not_reveal_whether_an_address_has_an_account(client, db):
    response = client.post("/konto/password/reset/", {"email": "ukendt@example.dk"}, **EN)
    assert response.status_code == 302
    assert response.url == "/konto/password/reset/done/"


def test_it_logs_out_with_a_post_and_goes_to_the_front_page(client, verified):
    client.force_login(verified)
    assert signed_in_as(client) == str(verified.pk)
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert response.url == "/"
    assert signed_in_as(client) is None
