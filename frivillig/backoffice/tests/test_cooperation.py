"""Local cooperation agreements in the back office: a municipal unit drafts one with a partner,
sends it, each party signs from its own back office, and either side can renew or end it.
Both parties' staff see it; everybody else gets a 404."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.agreements import services as agreements
from frivillig.agreements.models import CooperationAgreement, CooperationStatus
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation

DETAIL_ROUTES = [
    "cooperation_detail",
    "cooperation_edit",
    "cooperation_send",
    "cooperation_sign",
    "cooperation_new_version",
    "cooperation_end",
    "cooperation_pdf",
]


@pytest.fixture
def unit_admin(make_user, municipal_unit):
    user = make_user("leder@example.dk", first_name="Lone", last_name="Leder")
    add_member(organisation=municipal_unit, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def cooperation(make_cooperation, municipal_unit, organisation, unit_admin):
    return make_cooperation(municipal_unit=municipal_unit, partner=organisation, by=unit_admin)


@pytest.fixture
def sent(cooperation, unit_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return agreements.send_cooperation(agreement=cooperation, by=unit_admin)


def form_data(**overrides):
    data = {
        "title": "Samarbejde om lektiehjælp",
        "purpose": "Flere børn får hjælp til lektierne.",
        "volunteer_tasks": "Lektiehjælp to gange om ugen.",
        "staff_tasks": "Lærerne planlægger og har ansvaret.",
        "unit_provides": "Lokaler og kaffe.",
        "partner_provides": "Frivillige og introduktion.",
        "unit_contact": "Lone Leder",
        "partner_contact": "Karen Kontakt",
        "starts_on": "2026-02-01",
        "review_on": "2027-02-01",
    }
    data.update(overrides)
    return data


# Who sees what --------------------------------------------------------------------------------


def test_it_shows_the_agreement_to_both_parties_and_lists_it_for_each(
    english, owner, member, unit_admin, organisation, municipal_unit, cooperation, bo_url
):
    for user, org in ((owner, organisation), (member, organisation), (unit_admin, municipal_unit)):
        english.force_login(user)
        listing = english.get(bo_url("cooperation_list", org))
        assert listing.status_code == 200
        assert "Samarbejde om besøgsvenner i Nibe" in listing.content.decode()
        detail = english.get(bo_url("cooperation_detail", org, cooperation.pk))
        assert detail.status_code == 200
        assert "Flere ældre får besøg." in detail.content.decode()


def test_an_outsider_gets_404_on_every_route(
    english, outsider, other_organisation, organisation, cooperation, bo_url
):
    english.force_login(outsider)
    for name in DETAIL_ROUTES:
        for org in (organisation, other_organisation):
            url = bo_url(name, org, cooperation.pk)
            assert english.get(url).status_code == 404, (name, org)
            assert english.post(url).status_code == 404, (name, org)
    for name in ("cooperation_list", "cooperation_create"):
        assert english.get(bo_url(name, organisation)).status_code == 404
    # In their own back office the list is simply empty.
    html = english.get(bo_url("cooperation_list", other_organisation)).content.decode()
    assert "Samarbejde om besøgsvenner" not in html


def test_a_viewer_sees_but_cannot_change(english, member, organisation, sent, bo_url):
    english.force_login(member)
    html = english.get(bo_url("cooperation_detail", organisation, sent.pk)).content.decode()
    assert "Sign…" not in html and "End this agreement…" not in html
    for name in DETAIL_ROUTES[1:-1]:
        url = bo_url(name, organisation, sent.pk)
        assert english.get(url).status_code == 404, name
        assert english.post(url, {"party": organisation.pk}).status_code == 404, name
    assert english.get(bo_url("cooperation_create", organisation)).status_code == 404
    sent.refresh_from_db()
    assert sent.partner_signed_at is None


def test_a_stranger_is_sent_to_log_in(client, organisation, cooperation, bo_url):
    response = client.get(bo_url("cooperation_detail", organisation, cooperation.pk))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_list_highlights_an_agreement_due_for_review_and_filters_by_status(
    english, owner, organisation, municipal_unit, make_cooperation, unit_admin, bo_url
):
    today = timezone.localdate()
    due = make_cooperation(
        municipal_unit=municipal_unit,
        partner=organisation,
        title="Snart til revision",
        starts_on=today - datetime.timedelta(days=300),
        review_on=today + datetime.timedelta(days=20),
    )
    agreements.send_cooperation(agreement=due, by=unit_admin)
    agreements.sign_cooperation(agreement=due, party=municipal_unit, by=unit_admin, ip=None)
    agreements.sign_cooperation(agreement=due, party=organisation, by=owner, ip=None)
    make_cooperation(municipal_unit=municipal_unit, partner=organisation, title="Kladden")
    english.force_login(owner)
    url = bo_url("cooperation_list", organisation)
    html = english.get(url).content.decode()
    assert "Due for review" in html and "<caption>" in html
    html = english.get(url, {"status": "draft"}).content.decode()
    assert "Kladden" in html and "Snart til revision" not in html
    assert english.get(url, {"status": "nonsense", "page": "x"}).status_code == 200


def test_the_list_does_not_grow_queries_with_rows(
    english, owner, organisation, municipal_unit, make_cooperation, bo_url
):
    english.force_login(owner)
    url = bo_url("cooperation_list", organisation)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert english.get(url).status_code == 200
        return len(captured)

    for _ in range(2):
        make_cooperation(municipal_unit=municipal_unit, partner=organisation)
    few = count()
    for _ in range(8):
        make_cooperation(municipal_unit=municipal_unit, partner=organisation)
    assert count() == few


# Drafting -------------------------------------------------------------------------------------


def test_a_municipal_unit_starts_a_draft_with_a_partner(
    english, unit_admin, municipal_unit, organisation, framework, bo_url
):
    english.force_login(unit_admin)
    url = bo_url("cooperation_create", municipal_unit)
    page = english.get(url)
    assert page.status_code == 200
    assert organisation.name in page.content.decode()
    response = english.post(url, {**form_data(), "partner": organisation.pk})
    agreement = CooperationAgreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == bo_url("cooperation_detail", municipal_unit, agreement.pk)
    assert (agreement.municipal_unit, agreement.partner, agreement.status) == (
        municipal_unit,
        organisation,
        CooperationStatus.DRAFT,
    )
    assert agreement.created_by == unit_admin


def test_the_partner_list_is_searchable_and_holds_only_approved_organisations(
    english, unit_admin, municipal_unit, organisation, other_organisation, framework, bo_url
):
    create_organisation(name="Uopdaget Forening", kind=OrganisationKind.ASSOCIATION)
    english.force_login(unit_admin)
    url = bo_url("cooperation_create", municipal_unit)
    html = english.get(url).content.decode()
    assert organisation.name in html and other_organisation.name in html
    assert "Uopdaget Forening" not in html
    html = english.get(url, {"q": "Hals"}).content.decode()
    assert other_organisation.name in html and organisation.name not in html
    html = english.get(url, {"q": "findes ikke"}).content.decode()
    assert "No approved organisation matches your search." in html


def test_an_association_cannot_start_one(english, owner, organisation, framework, bo_url):
    english.force_login(owner)
    url = bo_url("cooperation_create", organisation)
    response = english.get(url)
    assert response.status_code == 200
    assert "started by a municipal department, unit or institution" in response.content.decode()
    english.post(url, {**form_data(), "partner": organisation.pk})
    assert not CooperationAgreement.objects.exists()
    listing = english.get(bo_url("cooperation_list", organisation)).content.decode()
    assert "Start a new cooperation agreement" not in listing


def test_bad_input_gets_messages_and_keeps_what_was_written(
    english, unit_admin, municipal_unit, organisation, framework, bo_url
):
    english.force_login(unit_admin)
    response = english.post(
        bo_url("cooperation_create", municipal_unit),
        {**form_data(review_on="2025-01-01", purpose=""), "partner": "999999"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The review date must be after the start date." in html
    assert "Write the purpose of the cooperation." in html
    assert "Choose one of the organisations listed." in html
    assert "Samarbejde om lektiehjælp" in html
    assert not CooperationAgreement.objects.exists()


def test_it_says_so_when_no_framework_is_published(
    english, unit_admin, municipal_unit, organisation, bo_url
):
    english.force_login(unit_admin)
    response = english.post(
        bo_url("cooperation_create", municipal_unit), {**form_data(), "partner": organisation.pk}
    )
    assert "has not published its framework" in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_either_party_edits_the_draft_but_not_a_sent_one(
    english, owner, organisation, cooperation, unit_admin, bo_url
):
    english.force_login(owner)
    url = bo_url("cooperation_edit", organisation, cooperation.pk)
    assert english.get(url).status_code == 200
    response = english.post(url, form_data(title="Ny titel"))
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.title == "Ny titel"
    agreements.send_cooperation(agreement=cooperation, by=unit_admin)
    response = english.post(url, form_data(title="For sent"), follow=True)
    assert "can no longer change" in response.content.decode()
    cooperation.refresh_from_db()
    assert cooperation.title == "Ny titel"


# Sending, signing, renewing, ending ---------------------------------------------------------


def test_it_asks_before_sending_and_then_both_parties_are_asked_to_sign(
    english,
    unit_admin,
    owner,
    municipal_unit,
    cooperation,
    mailoutbox,
    bo_url,
    django_capture_on_commit_callbacks,
):
    english.force_login(unit_admin)
    url = bo_url("cooperation_send", municipal_unit, cooperation.pk)
    page = english.get(url)
    assert "The text is fixed when you send it" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url)
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.status == CooperationStatus.AWAITING_SIGNATURES
    assert cooperation.sha256
    assert {m.to[0] for m in mailoutbox} >= {unit_admin.email, owner.email}
    # A second send is refused with a message, and nothing changes.
    response = english.post(url, follow=True)
    assert "already been sent" in response.content.decode()


def test_each_party_signs_from_its_own_back_office_with_the_ip_recorded(
    english, unit_admin, owner, municipal_unit, organisation, sent, bo_url
):
    english.force_login(owner)
    url = bo_url("cooperation_sign", organisation, sent.pk)
    page = english.get(url)
    assert page.status_code == 200
    assert "your network address" in page.content.decode()
    response = english.post(url, {"party": organisation.pk}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.partner_signed_by, sent.partner_ip) == (owner, "10.1.2.3")
    assert sent.status == CooperationStatus.AWAITING_SIGNATURES
    # The partner cannot sign for the unit.
    english.post(url, {"party": municipal_unit.pk})
    sent.refresh_from_db()
    assert sent.unit_signed_at is None

    english.force_login(unit_admin)
    english.post(bo_url("cooperation_sign", municipal_unit, sent.pk), {"party": municipal_unit.pk})
    sent.refresh_from_db()
    assert sent.status == CooperationStatus.ACTIVE
    assert sent.unit_signed_by == unit_admin
    html = english.get(bo_url("cooperation_detail", municipal_unit, sent.pk)).content.decode()
    assert "Lone Leder" in html and "Olga Ejer" in html


def test_a_draft_cannot_be_signed(english, owner, organisation, cooperation, bo_url):
    english.force_login(owner)
    response = english.post(
        bo_url("cooperation_sign", organisation, cooperation.pk),
        {"party": organisation.pk},
        follow=True,
    )
    assert "not waiting for signatures" in response.content.decode()
    cooperation.refresh_from_db()
    assert cooperation.partner_signed_at is None


def test_a_new_version_starts_as_a_draft_and_replaces_the_active_one_when_signed(
    english, owner, unit_admin, municipal_unit, organisation, sent, bo_url
):
    agreements.sign_cooperation(agreement=sent, party=municipal_unit, by=unit_admin, ip=None)
    agreements.sign_cooperation(agreement=sent, party=organisation, by=owner, ip=None)
    english.force_login(owner)
    url = bo_url("cooperation_new_version", organisation, sent.pk)
    assert "stays in force" in english.get(url).content.decode()
    response = english.post(url)
    copy = CooperationAgreement.objects.get(previous=sent)
    assert response["Location"] == bo_url("cooperation_edit", organisation, copy.pk)
    assert (copy.version, copy.status) == (2, CooperationStatus.DRAFT)
    html = english.get(bo_url("cooperation_detail", organisation, sent.pk)).content.decode()
    assert "See the newer version (2)" in html
    assert "Make a new version…" not in html
    # A second new version of the same agreement is refused.
    response = english.post(url, follow=True)
    assert "already exists" in response.content.decode()


def test_either_party_ends_it_after_a_question(english, owner, organisation, sent, bo_url):
    english.force_login(owner)
    url = bo_url("cooperation_end", organisation, sent.pk)
    assert "The agreement ends today" in english.get(url).content.decode()
    english.post(url)
    sent.refresh_from_db()
    assert sent.status == CooperationStatus.ENDED
    assert sent.ended_on == timezone.localdate()
    # Ended: the question is not asked again.
    assert english.get(url).status_code == 302


def test_the_pdf_is_there_once_the_text_is_fixed(
    english, member, organisation, cooperation, sent, bo_url
):
    english.force_login(member)
    response = english.get(bo_url("cooperation_pdf", organisation, sent.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_draft_has_no_pdf(english, owner, organisation, cooperation, bo_url):
    english.force_login(owner)
    assert english.get(bo_url("cooperation_pdf", organisation, cooperation.pk)).status_code == 404


def test_staff_of_the_unit_above_a_party_see_it(
    english, organisation, municipal_unit, make_cooperation, unit, unit_coordinator, bo_url
):
    agreement = make_cooperation(municipal_unit=municipal_unit, partner=organisation)
    english.force_login(unit_coordinator)
    assert english.get(bo_url("cooperation_detail", unit, agreement.pk)).status_code == 200
