"""Thanking a volunteer from the back office: the owner thanks their volunteer; a viewer,
another organisation and a stranger cannot."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from frivillig.backoffice.access import capabilities_in
from frivillig.recognition import services
from frivillig.recognition.models import Thanks


def url(organisation, engagement):
    return reverse("backoffice:engagement_thank", args=[organisation.slug, engagement.pk])


def test_the_owner_thanks_a_volunteer_who_is_told_by_email(
    client, organisation, owner, volunteer, engagement, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    page = client.get(url(organisation, engagement))
    assert page.status_code == 200
    assert "Sig tak til den frivillige" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(organisation, engagement), {"message": "Tusind tak!"})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "backoffice:engagement_detail", args=[organisation.slug, engagement.pk]
    )
    thanks = Thanks.objects.get()
    assert (thanks.organisation, thanks.volunteer, thanks.author) == (
        organisation,
        volunteer,
        owner,
    )
    assert mail.outbox[0].to == [volunteer.email]
    assert "Tusind tak!" in mail.outbox[0].body


def test_a_second_thanks_the_same_day_is_refused_kindly(client, organisation, owner, engagement):
    client.force_login(owner)
    client.post(url(organisation, engagement), {"message": "Tak"})
    response = client.post(url(organisation, engagement), {"message": "Igen tak"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "allerede fået tak" in page
    assert "Igen tak" in page  # what was typed is kept
    assert Thanks.objects.count() == 1


@pytest.mark.parametrize("message", ["", "   ", "x" * 10_000])
def test_bad_input_is_refused_and_kept(client, organisation, owner, engagement, message):
    client.force_login(owner)
    response = client.post(url(organisation, engagement), {"message": message})
    assert response.status_code == 400
    assert not Thanks.objects.exists()


def test_html_in_a_thanks_is_stored_as_text_and_shown_escaped(
    client, organisation, owner, engagement, volunteer
):
    client.force_login(owner)
    client.post(url(organisation, engagement), {"message": "<script>alert(1)</script>"})
    client.force_login(volunteer)
    page = client.get(reverse("portal:my_thanks")).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_a_viewer_an_outsider_and_a_stranger_cannot_thank(
    client, organisation, member, outsider, engagement
):
    for user in (member, outsider):
        client.force_login(user)
        assert client.get(url(organisation, engagement)).status_code == 404
        assert client.post(url(organisation, engagement), {"message": "Tak"}).status_code == 404
    client.logout()
    assert client.get(url(organisation, engagement)).status_code == 302
    assert not Thanks.objects.exists()


def test_an_organisation_cannot_thank_another_organisations_volunteer(
    client, organisation, other_organisation, owner, outsider, engage, make_user
):
    theirs = engage(make_user(first_name="Anden"), other_organisation)
    client.force_login(owner)
    # Their engagement under our slug, and our slug's page with their id: both 404.
    assert client.get(url(organisation, theirs)).status_code == 404
    assert client.get(url(other_organisation, theirs)).status_code == 404
    assert not Thanks.objects.exists()


def test_the_engagement_page_snippet_lists_the_thanks(organisation, owner, volunteer, engagement):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Flot!")
    request = RequestFactory().get("/")
    request.user = owner
    request.organisation = organisation
    request.can = capabilities_in(owner, organisation).__contains__
    html = Template("{% load recognition %}{% engagement_thanks engagement %}").render(
        Context({"request": request, "engagement": engagement})
    )
    assert "Flot!" in html
    assert url(organisation, engagement) in html
