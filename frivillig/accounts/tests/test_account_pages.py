"""allauth's pages in the portal's look: base.html around them, one h1, every control
labelled, errors summarised and marked at the field."""

from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.template.loader import render_to_string
from django.test import RequestFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "et-langt-kodeord-til-test"


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.h1 = 0
        self.label_for = set()
        self.controls = []
        self.in_label = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.in_label += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append((attrs.get("id"), self.in_label > 0, attrs.get("name")))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1

    def unlabelled(self):
        return [
            name
            for control_id, wrapped, name in self.controls
            if not wrapped and control_id not in self.label_for
        ]


def assert_accessible(response, status=200):
    assert response.status_code == status, response.status_code
    html = response.content.decode()
    page = Page(html)
    assert page.h1 == 1, f"{page.h1} h1 elements"
    assert page.unlabelled() == []
    assert (
        "site-header" in html and "site-footer" in html
    )  # base.html's header and footer are around it
    assert 'name="robots" content="noindex"' in html
    return html


@pytest.fixture
def verified(make_user):
    user = make_user("vera@example.dk", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.mark.parametrize(
    "url, status",
    [
        ("/konto/login/", 200),
        ("/konto/signup/", 200),
        ("/konto/login/code/", 200),
        ("/konto/password/reset/", 200),
        ("/konto/password/reset/done/", 200),
        ("/konto/password/reset/key/done/", 200),
        ("/konto/inactive/", 200),
        ("/konto/3rdparty/login/cancelled/", 200),
        ("/konto/3rdparty/login/error/", 401),
    ],
)
def test_it_shows_the_entrance_pages_in_the_portal_look(client, db, url, status):
    assert_accessible(client.get(url, **EN), status)


@pytest.mark.parametrize(
    "url",
    [
        "/konto/email/",
        "/konto/password/change/",
        "/konto/logout/",
        "/konto/3rdparty/",
        "/konto/reauthenticate/",
    ],
)
def test_it_shows_the_account_pages_in_the_portal_look(client, verified, url):
    client.force_login(verified)
    html = assert_accessible(client.get(url, **EN))
    if url not in ("/konto/logout/", "/konto/reauthenticate/"):
        assert 'aria-label="Your account"' in html  # the account's own menu


def test_it_shows_the_code_pages_in_the_portal_look(client, verified, db):
    client.post("/konto/login/code/", {"email": "vera@example.dk"})
    assert_accessible(client.get("/konto/login/code/confirm/", **EN))
    other = client.__class__()
    other.post("/konto/signup/", {"email": "ny@example.dk", "password1": PASSWORD})
    assert_accessible(other.get("/konto/confirm-email/", **EN))


def test_it_lets_someone_without_a_password_set_one(client, make_user):
    user = make_user("kodeloes@example.dk", password=None)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    client.force_login(user)
    assert_accessible(client.get("/konto/password/set/", **EN))


def test_it_summarises_errors_and_marks_the_fields(client, db):
    response = client.post("/konto/signup/", {"email": "ikke-en-adresse", "password1": ""}, **EN)
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_password1"' in html
    assert html.count('aria-invalid="true"') == 2
    assert 'value="ikke-en-adresse"' in html


def test_it_offers_log_in_or_my_page_and_log_out_in_the_header(db, verified):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/soeg/")
    request.user = AnonymousUser()
    anonymous = render_to_string("account/_header_links.html", {"user": request.user}, request)
    assert 'href="/konto/login/?next=/soeg/"' in anonymous
    request.user = verified
    signed_in = render_to_string("account/_header_links.html", {"user": verified}, request)
    assert 'href="/min-side/"' in signed_in
    assert 'action="/konto/logout/"' in signed_in


def test_it_lists_connected_log_ins(client, verified, settings):
    from allauth.socialaccount.models import SocialAccount

    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "mitid",
                    "name": "MitID",
                    "client_id": "portal",
                    "settings": {"server_url": "https://broker.example.test"},
                }
            ]
        }
    }
    SocialAccount.objects.create(user=verified, provider="mitid", uid="abc", extra_data={})
    client.force_login(verified)
    html = assert_accessible(client.get("/konto/3rdparty/", **EN))
    assert 'name="account"' in html
