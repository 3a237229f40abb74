from django.core import mail

from frivillig.accounts.models import PersonalDataRead
from frivillig.engagements import services as engagements
from frivillig.engagements.models import EngagementStatus


def test_it_lists_current_volunteers_with_opportunity_and_start(
    english, member, organisation, engagement, bo_url
):
    english.force_login(member)
    response = english.get(bo_url("engagement_list", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vera Frivillig" in html and "Besøgsven i Nibe" in html and "Active" in html
    assert "<caption>" in html


def test_it_shows_a_pause_as_a_plain_status_and_nothing_more(
    english, owner, organisation, engagement, volunteer, bo_url
):
    engagements.pause(engagement=engagement, volunteer=volunteer, note="Travlt på arbejdet")
    english.force_login(owner)
    html = english.get(bo_url("engagement_list", organisation)).content.decode()
    assert "Paused" in html
    assert "Travlt på arbejdet" not in html
    detail = english.get(bo_url("engagement_detail", organisation, engagement.pk)).content.decode()
    assert "Travlt på arbejdet" not in detail


def test_it_filters_ended_engagements_apart(
    english, owner, organisation, engagement, volunteer, bo_url
):
    engagements.end(engagement=engagement, volunteer=volunteer)
    english.force_login(owner)
    url = bo_url("engagement_list", organisation)
    assert "Vera Frivillig" not in english.get(url).content.decode()
    assert "Vera Frivillig" in english.get(url, {"status": "ended"}).content.decode()
    assert english.get(url, {"status": "bogus"}).status_code == 200


def test_it_logs_a_read_of_the_volunteers_details(
    english, coordinator, organisation, engagement, bo_url
):
    english.force_login(coordinator)
    response = english.get(bo_url("engagement_detail", organisation, engagement.pk))
    assert response.status_code == 200
    assert "87 65 43 21" in response.content.decode()
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.what) == (coordinator, "engagement")


def test_it_ends_an_engagement_after_asking_and_tells_the_volunteer(
    english, owner, organisation, engagement, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    url = bo_url("engagement_end", organisation, engagement.pk)
    confirm = english.get(url)
    assert confirm.status_code == 200
    assert "Thank you for your effort" in confirm.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url, {"message": "Projektet slutter nu. Tak!"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED
    assert any("Projektet slutter nu. Tak!" in m.body for m in mail.outbox)
    again = english.post(url, {"message": "igen"}, follow=True)
    assert again.status_code == 200
    assert "already ended" in again.content.decode()


def test_it_lets_a_member_look_but_not_end(english, member, organisation, engagement, bo_url):
    english.force_login(member)
    detail = english.get(bo_url("engagement_detail", organisation, engagement.pk))
    assert detail.status_code == 200
    assert bo_url("engagement_end", organisation, engagement.pk) not in detail.content.decode()
    url = bo_url("engagement_end", organisation, engagement.pk)
    assert english.get(url).status_code == 404
    assert english.post(url, {"message": "x"}).status_code == 404
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_it_answers_an_outsider_with_404(client, outsider, organisation, engagement, bo_url):
    client.force_login(outsider)
    assert client.get(bo_url("engagement_list", organisation)).status_code == 404
    assert client.get(bo_url("engagement_detail", organisation, engagement.pk)).status_code == 404
    assert client.post(bo_url("engagement_end", organisation, engagement.pk)).status_code == 404


def test_it_does_not_find_another_organisations_engagement(
    client, owner, outsider, organisation, other_organisation, engagement, bo_url
):
    client.force_login(outsider)
    response = client.get(bo_url("engagement_detail", other_organisation, engagement.pk))
    assert response.status_code == 404
    response = client.post(bo_url("engagement_end", other_organisation, engagement.pk))
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE
    assert not PersonalDataRead.objects.filter(action="read").exists()


def test_it_shows_a_unit_coordinator_the_volunteers_below(
    english, unit, unit_coordinator, engagement, bo_url
):
    english.force_login(unit_coordinator)
    assert "Vera Frivillig" in english.get(bo_url("engagement_list", unit)).content.decode()
