import pytest

from frivillig.catalog.models import Opportunity, OpportunityStatus
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation


@pytest.fixture
def form_data(areas, places):
    return {
        "title": "Lektiehjælper i Nibe",
        "title_en": "Homework helper in Nibe",
        "description": "Hjælp børn med lektier en gang om ugen.",
        "description_en": "",
        "areas": [str(areas["boern"].pk)],
        "target_group": "Skolebørn",
        "target_group_en": "",
        "place": str(places["nibe"].pk),
        "address": "Skolegade 1",
        "kind": "recurring",
        "hours_per_month": "4",
        "hours_total": "",
        "start_date": "",
        "end_date": "",
        "volunteers_wanted": "2",
        "min_age": "",
        "languages": "",
        "skills": "",
        "requires_child_certificate": "on",
        "covers_expenses": "on",
        "contact_name": "Karen Kontakt",
        "contact_email": "karen@example.dk",
        "contact_phone": "",
        "publish_from": "",
        "publish_until": "",
    }


def test_it_lists_every_status_for_staff(english, member, organisation, make_opportunity, bo_url):
    make_opportunity("Udgivet")
    make_opportunity("Kladde", publish=False)
    english.force_login(member)
    response = english.get(bo_url("opportunity_list", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Udgivet" in html and "Kladde" in html
    assert "Published" in html and "Draft" in html
    assert 'class="table table--zebra"' in html and "<caption>" in html


def test_it_filters_the_list_by_status_and_ignores_nonsense(
    english, owner, organisation, make_opportunity, bo_url
):
    make_opportunity("Udgivet")
    make_opportunity("Kladde", publish=False)
    english.force_login(owner)
    html = english.get(bo_url("opportunity_list", organisation), {"status": "draft"}).content
    assert b"Kladde" in html and b"Udgivet" not in html
    response = english.get(bo_url("opportunity_list", organisation), {"status": "x", "page": "y"})
    assert response.status_code == 200


def test_it_previews_before_it_saves_anything(english, owner, organisation, form_data, bo_url):
    english.force_login(owner)
    url = bo_url("opportunity_create", organisation)
    assert english.get(url).status_code == 200

    preview = english.post(url, {**form_data, "step": "preview"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Preview" in html
    assert "Lektiehjælper i Nibe" in html or "Homework helper in Nibe" in html
    assert "child certificate" in html  # the public page's requirement sentence
    assert 'value="save"' in html and 'value="edit"' in html
    assert not Opportunity.objects.exists()

    back = english.post(url, {**form_data, "step": "edit"})
    assert back.status_code == 200
    assert 'value="Lektiehjælper i Nibe"' in back.content.decode()
    assert not Opportunity.objects.exists()

    saved = english.post(url, {**form_data, "step": "save"})
    opportunity = Opportunity.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == bo_url("opportunity_detail", organisation, opportunity.pk)
    assert opportunity.status == OpportunityStatus.DRAFT
    assert opportunity.organisation == organisation
    assert opportunity.requires_child_certificate and opportunity.covers_expenses
    assert list(opportunity.areas.values_list("slug", flat=True)) == ["boern"]
    assert opportunity.latitude is not None


def test_it_keeps_what_was_typed_and_explains_every_error(
    english, owner, organisation, form_data, bo_url
):
    english.force_login(owner)
    data = {
        **form_data,
        "title": "",
        "areas": [],
        "place": "",
        "start_date": "2030-05-10",
        "end_date": "2030-05-01",
        "volunteers_wanted": "0",
    }
    response = english.post(bo_url("opportunity_create", organisation), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert-error"' in html
    assert "Write a title." in html
    assert "Choose at least one area." in html
    assert "Choose a town, or tick that the location is flexible." in html
    assert "The end date must be on or after the start date." in html
    assert 'href="#id_title"' in html and 'href="#id_areas_0"' in html
    assert 'aria-invalid="true"' in html
    assert "Hjælp børn med lektier" in html  # nothing typed is lost
    assert not Opportunity.objects.exists()


def test_it_accepts_a_flexible_location_without_a_town(
    english, owner, organisation, form_data, bo_url
):
    english.force_login(owner)
    data = {**form_data, "place": "", "is_flexible_location": "on", "step": "save"}
    assert english.post(bo_url("opportunity_create", organisation), data).status_code == 302
    assert Opportunity.objects.get().place is None


def test_it_changes_nothing_until_an_edit_is_saved(
    english, owner, organisation, opportunity, form_data, bo_url
):
    english.force_login(owner)
    url = bo_url("opportunity_edit", organisation, opportunity.pk)
    assert 'value="Besøgsven i Nibe"' in english.get(url).content.decode()
    english.post(url, {**form_data, "title": "Nyt navn", "step": "preview"})
    opportunity.refresh_from_db()
    assert opportunity.title == "Besøgsven i Nibe"
    response = english.post(url, {**form_data, "title": "Nyt navn", "step": "save"})
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Nyt navn"
    assert opportunity.status == OpportunityStatus.PUBLISHED  # editing does not unpublish


def test_it_publishes_pauses_and_closes_after_asking(
    english, owner, organisation, make_opportunity, bo_url
):
    draft = make_opportunity(publish=False)
    english.force_login(owner)
    english.post(bo_url("opportunity_publish", organisation, draft.pk))
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.PUBLISHED

    english.post(bo_url("opportunity_pause", organisation, draft.pk))
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.PAUSED

    confirm = english.get(bo_url("opportunity_close", organisation, draft.pk))
    assert confirm.status_code == 200
    assert "cannot be opened again" in confirm.content.decode()
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.PAUSED
    english.post(bo_url("opportunity_close", organisation, draft.pk))
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.CLOSED


def test_it_tells_why_an_unapproved_organisation_cannot_publish(
    english, make_user, make_opportunity, bo_url
):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    new = create_organisation(name="Ny Forening", kind=OrganisationKind.ASSOCIATION)
    user = make_user()
    add_member(organisation=new, user=user, role=Role.ADMIN)
    draft = make_opportunity(organisation=new, publish=False)
    english.force_login(user)
    response = english.post(bo_url("opportunity_publish", new, draft.pk), follow=True)
    assert response.status_code == 200
    assert "must be approved by the municipality" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.DRAFT


def test_it_says_so_when_a_closed_opportunity_is_paused(
    english, owner, organisation, opportunity, bo_url
):
    english.force_login(owner)
    english.post(bo_url("opportunity_close", organisation, opportunity.pk))
    response = english.post(bo_url("opportunity_pause", organisation, opportunity.pk), follow=True)
    assert "A closed opportunity cannot be changed." in response.content.decode()


def test_it_lets_a_member_look_but_not_change(
    english, member, organisation, opportunity, form_data, bo_url
):
    english.force_login(member)
    assert english.get(bo_url("opportunity_list", organisation)).status_code == 200
    detail = english.get(bo_url("opportunity_detail", organisation, opportunity.pk))
    assert detail.status_code == 200
    assert bo_url("opportunity_edit", organisation, opportunity.pk) not in detail.content.decode()
    assert english.get(bo_url("opportunity_create", organisation)).status_code == 404
    assert english.post(bo_url("opportunity_create", organisation), form_data).status_code == 404
    for name in (
        "opportunity_edit",
        "opportunity_publish",
        "opportunity_pause",
        "opportunity_close",
    ):
        assert (
            english.post(bo_url(name, organisation, opportunity.pk), form_data).status_code == 404
        )
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PUBLISHED


def test_it_answers_an_outsider_with_404(client, outsider, organisation, opportunity, bo_url):
    client.force_login(outsider)
    assert client.get(bo_url("opportunity_list", organisation)).status_code == 404
    assert client.get(bo_url("opportunity_detail", organisation, opportunity.pk)).status_code == 404


def test_it_does_not_find_another_organisations_opportunity(
    client, owner, organisation, other_opportunity, bo_url
):
    client.force_login(owner)
    for name in ("opportunity_detail", "opportunity_edit", "opportunity_close"):
        assert client.get(bo_url(name, organisation, other_opportunity.pk)).status_code == 404
    response = client.post(bo_url("opportunity_close", organisation, other_opportunity.pk))
    assert response.status_code == 404
    other_opportunity.refresh_from_db()
    assert other_opportunity.status == OpportunityStatus.PUBLISHED


def test_it_shows_a_unit_the_opportunities_below_it(
    english, unit, unit_coordinator, opportunity, bo_url
):
    english.force_login(unit_coordinator)
    html = english.get(bo_url("opportunity_list", unit)).content.decode()
    assert "Besøgsven i Nibe" in html
    assert english.get(bo_url("opportunity_edit", unit, opportunity.pk)).status_code == 200
