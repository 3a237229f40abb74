""" "Meld dig" for a signed-in volunteer: form → receipt (plus a code only if the address is
not yet confirmed)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from frivillig.catalog import services as catalog
from frivillig.catalog.models import OpportunityStatus
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4,5}|[A-Z0-9]{6,9})\s*$", re.MULTILINE)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
APPLICATION = {"message": "Jeg kan køre bil.", "availability": "Weekender"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts code requests and tries in the cache; each story starts afresh.
    cache.clear()
    yield
    cache.clear()
    # Requests in English leave English active in this thread; later tests expect Danish.
    translation.deactivate()


@pytest.fixture
def verified_volunteer(volunteer):
    EmailAddress.objects.create(user=volunteer, email=volunteer.email, primary=True, verified=True)
    return volunteer


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Chauffør til spisevenner", min_age=18, requires_driving_licence=True)


@pytest.fixture
def urls(opportunity):
    base = f"/muligheder/{opportunity.slug}/meld-dig/"
    return {"apply": base, "confirm": f"{base}kode/", "done": f"{base}kvittering/"}


def test_it_lets_a_volunteer_apply_in_two_steps(
    client, urls, verified_volunteer, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(verified_volunteer)
    page = client.get(urls["apply"], **EN).content.decode()
    assert "Step 1 of 2" in page
    assert "You must be at least 18 years old." in page
    assert "You need a driving licence." in page
    assert 'name="email"' not in page
    assert "Send application" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls["apply"], APPLICATION, **EN)
    assert response.status_code == 302
    assert response.url == urls["done"]
    application = Application.objects.get()
    assert (application.volunteer, application.message) == (verified_volunteer, "Jeg kan køre bil.")
    assert "Thank you for applying" in client.get(urls["done"], **EN).content.decode()
    assert {tuple(m.to) for m in mail.outbox} >= {
        ("frivillig@example.dk",),
        ("koordinator@example.dk",),
    }


def test_it_makes_one_application_of_a_double_submit(
    client, urls, verified_volunteer, django_capture_on_commit_callbacks
):
    client.force_login(verified_volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(urls["apply"], APPLICATION, **EN)
    second = client.post(urls["apply"], APPLICATION, **EN)
    assert first.url == second.url == urls["done"]
    assert Application.objects.count() == 1
    receipt = client.get(urls["done"], **EN).content.decode()
    assert "already applied" in receipt


def test_it_tells_kindly_about_an_earlier_application(
    client, urls, verified_volunteer, opportunity
):
    engagements.apply(volunteer=verified_volunteer, opportunity=opportunity)
    client.force_login(verified_volunteer)
    response = client.get(urls["apply"], **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have already applied" in html
    assert 'href="/min-side/"' in html
    assert 'name="message"' not in html


def test_it_lets_a_volunteer_apply_again_after_withdrawing(
    client, urls, verified_volunteer, opportunity
):
    earlier = engagements.apply(volunteer=verified_volunteer, opportunity=opportunity)
    engagements.withdraw(application=earlier, volunteer=verified_volunteer)
    client.force_login(verified_volunteer)
    assert client.post(urls["apply"], APPLICATION, **EN).url == urls["done"]
    assert Application.objects.filter(status=ApplicationStatus.PENDING).count() == 1


def test_it_tells_someone_too_young_kindly_and_shows_no_form(client, urls, verified_volunteer):
    verified_volunteer.profile.birth_year = timezone.localdate().year - 15
    verified_volunteer.profile.save()
    client.force_login(verified_volunteer)
    response = client.get(urls["apply"], **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This task is for people aged 18 or older" in html
    assert 'name="message"' not in html
    assert client.post(urls["apply"], APPLICATION, **EN).status_code == 409
    assert not Application.objects.exists()


def test_it_refuses_a_closed_opportunity_without_failing(
    client, urls, verified_volunteer, opportunity
):
    catalog.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.CLOSED)
    client.force_login(verified_volunteer)
    response = client.post(urls["apply"], APPLICATION, **EN)
    assert response.status_code == 409
    assert "not taking applications right now" in response.content.decode()
    assert not Application.objects.exists()


def test_it_explains_over_long_text_and_keeps_it(client, urls, verified_volunteer):
    client.force_login(verified_volunteer)
    long_message = "Hej " * 600
    response = client.post(urls["apply"], {**APPLICATION, "message": long_message}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 2000 characters" in html
    assert long_message.strip() in html
    assert not Application.objects.exists()


def test_it_confirms_an_unverified_address_with_a_code_first(
    client, urls, volunteer, django_capture_on_commit_callbacks
):
    # An account made outside allauth (e.g. by staff) has no confirmed address yet.
    client.force_login(volunteer)
    assert "Step 1 of 3" in client.get(urls["apply"], **EN).content.decode()
    response = client.post(urls["apply"], APPLICATION, **EN)
    assert response.url == urls["confirm"]
    assert not Application.objects.exists()
    message = [m for m in mail.outbox if m.to == ["frivillig@example.dk"]][-1]
    code = CODE.search(message.body).group(1)

    wrong = client.post(urls["confirm"], {"action": "verify", "code": "BBBB-CCCC"}, **EN)
    assert wrong.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls["confirm"], {"action": "verify", "code": code}, **EN)
    assert response.url == urls["done"]
    assert Application.objects.get().volunteer == volunteer
    assert EmailAddress.objects.get(user=volunteer, email="frivillig@example.dk").verified


def test_it_shows_a_receipt_only_to_its_owner(
    client, urls, verified_volunteer, outsider, opportunity
):
    engagements.apply(volunteer=verified_volunteer, opportunity=opportunity)
    client.force_login(outsider)
    response = client.get(urls["done"])
    assert response.status_code == 302
    assert response.url == urls["apply"]


def test_it_refuses_a_signed_in_post_without_csrf_token(urls, verified_volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_volunteer)
    assert client.post(urls["apply"], APPLICATION).status_code == 403
    assert not Application.objects.exists()
