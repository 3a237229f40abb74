from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application


def test_it_sends_anonymous_visitors_to_log_in(client, organisation, bo_url):
    response = client.get(bo_url("dashboard", organisation))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_it_shows_the_owner_the_counts_and_the_oldest_applications_first(
    english, owner, organisation, application, make_opportunity, make_user, bo_url
):
    engagements.apply(volunteer=make_user(first_name="Nils"), opportunity=application.opportunity)
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    make_opportunity(publish=False)
    english.force_login(owner)
    response = english.get(bo_url("dashboard", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2</span>applications await an answer" in html
    assert "1</span>draft" in html
    assert "Unanswered for 5 days" in html
    assert html.index("Vera Frivillig") < html.index("Nils")
    for name in ("opportunity_list", "application_list", "engagement_list", "team", "read_log"):
        assert bo_url(name, organisation) in html


def test_it_shows_a_member_the_overview_without_the_admin_links(
    english, member, organisation, bo_url
):
    english.force_login(member)
    response = english.get(bo_url("dashboard", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert bo_url("team", organisation) in html
    assert bo_url("read_log", organisation) not in html
    assert bo_url("opportunity_create", organisation) not in html


def test_it_answers_an_outsider_with_404(client, outsider, organisation, bo_url):
    client.force_login(outsider)
    assert client.get(bo_url("dashboard", organisation)).status_code == 404


def test_it_answers_404_to_a_person_who_is_nobodys_staff(client, volunteer, organisation, bo_url):
    client.force_login(volunteer)
    assert client.get(bo_url("dashboard", organisation)).status_code == 404


def test_it_takes_staff_of_one_organisation_straight_in(client, owner, organisation, bo_url):
    client.force_login(owner)
    response = client.get(reverse("backoffice:choose"))
    assert response.status_code == 302
    assert response["Location"] == bo_url("dashboard", organisation)


def test_it_shows_the_switcher_to_a_unit_coordinator_with_organisations_below(
    english, unit, unit_coordinator, organisation, bo_url
):
    english.force_login(unit_coordinator)
    response = english.get(bo_url("dashboard", unit))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="org"' in html
    assert f'value="{organisation.slug}"' in html
    # The switcher is a plain GET form to /org/?org=<slug>, so it works without JavaScript.
    switched = english.get(reverse("backoffice:choose"), {"org": organisation.slug})
    assert switched["Location"] == bo_url("dashboard", organisation)


def test_it_hides_the_switcher_when_there_is_only_one_organisation(
    english, owner, organisation, bo_url
):
    english.force_login(owner)
    assert 'name="org"' not in english.get(bo_url("dashboard", organisation)).content.decode()


def test_it_will_not_switch_to_someone_elses_organisation(client, owner, other_organisation):
    client.force_login(owner)
    response = client.get(reverse("backoffice:choose"), {"org": other_organisation.slug})
    assert response.status_code == 404


def test_it_counts_a_childs_applications_for_the_unit_above(
    english, unit, unit_coordinator, application, bo_url
):
    english.force_login(unit_coordinator)
    html = english.get(bo_url("dashboard", unit)).content.decode()
    assert "1</span>application awaits an answer" in html
    assert "Vera Frivillig" in html
