""" "Meld dig" for someone without an account: form → code from the e-mail → receipt."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from frivillig.catalog import services as catalog
from frivillig.catalog.models import OpportunityStatus
from frivillig.engagements.models import Application
from frivillig.portal.views.apply import PENDING_KEY

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4,5}|[A-Z0-9]{6,9})\s*$", re.MULTILINE)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts code requests and tries in the cache; each story starts afresh.
    cache.clear()
    yield
    cache.clear()
    # Requests in English leave English active in this thread; later tests expect Danish.
    translation.deactivate()


def last_code(address):
    message = [m for m in mail.outbox if address in m.to][-1]
    return CODE.search(message.body).group(1)


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Besøgsven i Nibe", requires_child_certificate=True)


@pytest.fixture
def urls(opportunity):
    base = f"/muligheder/{opportunity.slug}/meld-dig/"
    return {"apply": base, "confirm": f"{base}kode/", "done": f"{base}kvittering/"}


GUEST = {
    "first_name": "Anna",
    "last_name": "Andersen",
    "email": "Anna@Example.dk",
    "message": "Jeg har tid om tirsdagen.",
    "availability": "Tirsdage",
}


def test_it_lets_a_newcomer_apply_in_three_steps(
    client, urls, opportunity, coordinator, django_capture_on_commit_callbacks
):
    page = client.get(urls["apply"], **EN)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Step 1 of 3" in html
    assert "child certificate" in html  # the requirement is explained before applying
    assert html.count("<h1") == 1
    assert 'name="email"' in html
    assert f"/konto/login/?next={urls['apply']}" in html

    response = client.post(urls["apply"], GUEST, **EN)
    assert response.status_code == 302
    assert response.url == urls["confirm"]
    assert not Application.objects.exists()
    code_page = client.get(urls["confirm"], **EN).content.decode()
    assert "Step 2 of 3" in code_page
    assert "anna@example.dk" in code_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            urls["confirm"], {"action": "verify", "code": last_code("anna@example.dk")}, **EN
        )
    assert response.status_code == 302
    assert response.url == urls["done"]
    receipt = client.get(urls["done"], **EN).content.decode()
    assert "Thank you for applying" in receipt
    assert "Karen Kontakt" in receipt  # the contact person
    assert "/min-side/" in receipt

    application = Application.objects.get()
    assert application.message == GUEST["message"]
    assert application.availability == "Tirsdage"
    person = application.volunteer
    assert (person.email, person.username) == ("anna@example.dk", "anna@example.dk")
    assert (person.first_name, person.last_name) == ("Anna", "Andersen")
    assert not person.has_usable_password()
    assert person.profile.language == "en"
    assert EmailAddress.objects.get(user=person).verified
    assert any(
        m.to == ["anna@example.dk"] and "received your application" in m.subject
        for m in mail.outbox
    )
    assert any(m.to == ["koordinator@example.dk"] for m in mail.outbox)


def test_it_keeps_the_application_and_what_was_typed_until_the_code_is_typed(
    client, urls, opportunity
):
    client.post(urls["apply"], GUEST, **EN)
    assert not Application.objects.exists()
    assert client.session[PENDING_KEY]["message"] == GUEST["message"]
    # Going back to change something shows what was typed.
    back = client.get(urls["apply"], **EN).content.decode()
    assert "Jeg har tid om tirsdagen." in back
    assert 'value="Andersen"' in back


def test_it_sends_a_log_in_code_when_the_address_already_has_an_account(
    client, urls, volunteer, django_capture_on_commit_callbacks
):
    response = client.post(urls["apply"], {**GUEST, "email": "frivillig@example.dk"}, **EN)
    assert response.url == urls["confirm"]
    assert get_user_model().objects.filter(email__iexact="frivillig@example.dk").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            urls["confirm"], {"action": "verify", "code": last_code("frivillig@example.dk")}, **EN
        )
    application = Application.objects.get()
    assert application.volunteer == volunteer
    volunteer.refresh_from_db()
    assert volunteer.first_name == "Vera"  # a name typed by someone unverified never wins


def test_it_answers_the_same_whether_or_not_the_address_has_an_account(client, urls, volunteer):
    new = client.post(urls["apply"], {**GUEST, "email": "ny@example.dk"}, **EN)
    new_page = client.get(urls["confirm"], **EN).content.decode()
    other = Client()
    known = other.post(urls["apply"], {**GUEST, "email": "frivillig@example.dk"}, **EN)
    known_page = other.get(urls["confirm"], **EN).content.decode()
    assert new.status_code == known.status_code == 302
    assert new.url == known.url

    def text(html):
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return html.replace("ny@example.dk", "X").replace("frivillig@example.dk", "X")

    assert text(new_page) == text(known_page)


def test_it_explains_a_wrong_code_and_lets_the_person_try_again(
    client, urls, django_capture_on_commit_callbacks
):
    client.post(urls["apply"], GUEST, **EN)
    response = client.post(urls["confirm"], {"action": "verify", "code": "BBBB-CCCC"}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "That code is not right" in html
    assert 'aria-invalid="true"' in html
    assert "alert-error" in html
    assert not Application.objects.exists()

    code = last_code("anna@example.dk").lower()  # typed in lower case on a phone
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls["confirm"], {"action": "verify", "code": code}, **EN)
    assert response.url == urls["done"]
    assert Application.objects.count() == 1


def test_it_retires_a_code_after_too_many_wrong_tries_and_sends_a_new_one(
    client, urls, django_capture_on_commit_callbacks
):
    client.post(urls["apply"], GUEST, **EN)
    first_code = last_code("anna@example.dk")
    for _attempt in range(3):
        response = client.post(urls["confirm"], {"action": "verify", "code": "BBBB-CCCC"}, **EN)
    assert "wrong too many times" in response.content.decode()

    response = client.post(urls["confirm"], {"action": "verify", "code": first_code}, **EN)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Application.objects.exists()

    response = client.post(urls["confirm"], {"action": "resend"}, **EN)
    assert response.url == urls["confirm"]
    assert "We have sent a new code" in client.get(urls["confirm"], **EN).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            urls["confirm"], {"action": "verify", "code": last_code("anna@example.dk")}, **EN
        )
    assert response.url == urls["done"]
    assert Application.objects.get().message == GUEST["message"]  # nothing typed was lost


def test_it_explains_an_expired_code_and_offers_a_new_one(client, urls, settings):
    client.post(urls["apply"], GUEST, **EN)
    code = last_code("anna@example.dk")
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = -1  # the code is now older than its lifetime
    response = client.post(urls["confirm"], {"action": "verify", "code": code}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The code has expired" in html
    assert 'value="resend"' in html
    assert not Application.objects.exists()

    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
    client.post(urls["confirm"], {"action": "resend"}, **EN)
    response = client.post(
        urls["confirm"], {"action": "verify", "code": last_code("anna@example.dk")}, **EN
    )
    assert response.url == urls["done"]


def test_it_limits_how_many_codes_an_address_gets(client, urls):
    for _attempt in range(3):
        assert client.post(urls["apply"], GUEST, **EN).status_code == 302
    response = client.post(urls["apply"], GUEST, **EN)
    html = response.content.decode()
    assert response.status_code == 429
    assert "many codes in a short time" in html
    assert "Jeg har tid om tirsdagen." in html  # nothing typed is lost
    assert len([m for m in mail.outbox if m.to == ["anna@example.dk"]]) == 3


@pytest.mark.parametrize(
    "change, field",
    [
        ({"email": "anna@"}, "email"),
        ({"email": "ikke en adresse"}, "email"),
        ({"email": ""}, "email"),
        ({"first_name": ""}, "first_name"),
        ({"message": "x" * 2001}, "message"),
        ({"availability": "y" * 301}, "availability"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(client, urls, change, field):
    response = client.post(urls["apply"], {**GUEST, **change}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "alert-error" in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert 'value="Andersen"' in html or field == "last_name"
    assert not mail.outbox
    assert not get_user_model().objects.exists()


def test_it_refuses_a_post_without_csrf_token_with_a_403(urls, db):
    client = Client(enforce_csrf_checks=True)
    assert client.post(urls["apply"], GUEST).status_code == 403
    assert client.post(urls["confirm"], {"action": "verify", "code": "X"}).status_code == 403
    assert not get_user_model().objects.exists()


def test_it_sends_people_without_a_pending_application_back_to_the_form(client, urls):
    response = client.get(urls["confirm"])
    assert response.status_code == 302
    assert response.url == urls["apply"]


def test_it_shows_the_receipt_when_the_code_form_is_sent_twice(
    client, urls, django_capture_on_commit_callbacks
):
    client.post(urls["apply"], GUEST, **EN)
    data = {"action": "verify", "code": last_code("anna@example.dk")}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(urls["confirm"], data, **EN)
    second = client.post(urls["confirm"], data, **EN)
    assert first.url == second.url == urls["done"]
    assert Application.objects.count() == 1


def test_it_explains_kindly_that_a_paused_opportunity_takes_no_applications(
    client, urls, opportunity
):
    catalog.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)
    page = client.get(urls["apply"], **EN)
    assert page.status_code == 200
    assert "not taking applications right now" in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    response = client.post(urls["apply"], GUEST, **EN)
    assert response.status_code == 409
    assert not mail.outbox


def test_it_knows_nothing_of_drafts(client, make_opportunity):
    draft = make_opportunity(publish=False)
    assert client.get(f"/muligheder/{draft.slug}/meld-dig/").status_code == 404
    assert client.get("/muligheder/findes-ikke/meld-dig/").status_code == 404


def test_it_asks_for_sign_in_before_showing_a_receipt(client, urls):
    response = client.get(urls["done"])
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")
