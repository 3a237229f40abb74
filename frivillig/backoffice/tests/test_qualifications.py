"""Qualifications in the back office: the organisation's types and recheck rules, recording a
volunteer's check from their engagement or application, the rechecks coming up, and an
application that cannot be accepted until the check is recorded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.engagements import qualifications
from frivillig.engagements import services as engagements
from frivillig.engagements.models import (
    ApplicationStatus,
    QualificationKind,
    QualificationPolicy,
    QualificationRecord,
    QualificationType,
)
from frivillig.engagements.qualifications import shared_type


@pytest.fixture
def child_certificate(db):
    return shared_type(QualificationKind.CHILD_CERTIFICATE)


@pytest.fixture
def own_type(organisation):
    return qualifications.add_type(organisation=organisation, name="Livredderkursus")


@pytest.fixture
def policy(organisation, child_certificate):
    return qualifications.set_policy(
        organisation=organisation, qualification_type=child_certificate, valid_months=12
    )


@pytest.fixture
def checked(volunteer, organisation, child_certificate, owner):
    return qualifications.record(
        volunteer=volunteer,
        qualification_type=child_certificate,
        organisation=organisation,
        status="approved",
        obtained_on=timezone.localdate() - datetime.timedelta(days=700),
        checked_by=owner,
    )


@pytest.fixture
def child_opportunity(make_opportunity):
    return make_opportunity("Lektiehjælp", requires_child_certificate=True)


@pytest.fixture
def child_application(child_opportunity, volunteer):
    return engagements.apply(volunteer=volunteer, opportunity=child_opportunity)


def record_data(qualification_type=None, **overrides):
    data = {"status": "approved", "obtained_on": "2025-03-01", "note": "Samtykke givet"}
    if qualification_type is not None:
        data["qualification_type"] = qualification_type.pk
    data.update(overrides)
    return data


# Types and rules ----------------------------------------------------------------------------


def test_it_lists_the_shared_types_and_the_organisations_own_with_the_rule_here(
    english, member, organisation, own_type, policy, bo_url
):
    english.force_login(member)
    response = english.get(bo_url("qualification_overview", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Child certificate" in html or "Børneattest" in html
    assert "Livredderkursus" in html and "The municipality (shared)" in html
    assert "12 months" in html
    # A viewer may look, not change.
    assert "Add your own qualification" not in html
    assert english.get(bo_url("qualification_type_create", organisation)).status_code == 404
    assert english.get(bo_url("qualification_policy_create", organisation)).status_code == 404


def test_staff_add_an_own_type_and_a_recheck_rule(english, owner, organisation, bo_url):
    english.force_login(owner)
    response = english.post(
        bo_url("qualification_type_create", organisation),
        {"name": "Livredderkursus", "description": "Svømmehal", "valid_months": "24"},
    )
    assert response.status_code == 302
    own = QualificationType.objects.get(organisation=organisation)
    assert (own.name, own.valid_months, own.kind) == ("Livredderkursus", 24, "other")
    # The same name again is refused at the field.
    response = english.post(
        bo_url("qualification_type_create", organisation), {"name": "livredderkursus"}
    )
    assert response.status_code == 400
    assert "already a qualification with that name" in response.content.decode()

    english.post(
        bo_url("qualification_policy_create", organisation),
        {"qualification_type": own.pk, "valid_months": "12"},
    )
    assert QualificationPolicy.objects.get().valid_months == 12
    # Setting it again replaces the rule.
    english.post(
        bo_url("qualification_policy_create", organisation),
        {"qualification_type": own.pk, "valid_months": "6"},
    )
    assert QualificationPolicy.objects.get().valid_months == 6


def test_it_refuses_another_organisations_type_in_a_rule(
    english, owner, organisation, other_organisation, bo_url
):
    theirs = qualifications.add_type(organisation=other_organisation, name="Deres kursus")
    english.force_login(owner)
    response = english.post(
        bo_url("qualification_policy_create", organisation),
        {"qualification_type": theirs.pk, "valid_months": "12"},
    )
    assert response.status_code == 400
    assert not QualificationPolicy.objects.exists()


def test_staff_edit_their_own_type_but_not_a_shared_one(
    english, owner, organisation, own_type, child_certificate, bo_url
):
    english.force_login(owner)
    url = bo_url("qualification_type_edit", organisation, own_type.pk)
    assert english.get(url).status_code == 200
    english.post(url, {"name": "Livredder", "description": "", "valid_months": ""})
    own_type.refresh_from_db()
    assert (own_type.name, own_type.valid_months) == ("Livredder", None)
    shared = bo_url("qualification_type_edit", organisation, child_certificate.pk)
    assert english.get(shared).status_code == 404


def test_staff_remove_a_rule_after_a_question(english, owner, organisation, policy, bo_url):
    english.force_login(owner)
    url = bo_url("qualification_policy_remove", organisation, policy.pk)
    assert "Remove the recheck rule" in english.get(url).content.decode()
    english.post(url)
    assert not QualificationPolicy.objects.exists()


def test_an_outsider_gets_404_on_every_route(
    english,
    outsider,
    organisation,
    other_organisation,
    own_type,
    policy,
    checked,
    engagement,
    bo_url,
):
    english.force_login(outsider)
    with_pk = {
        "qualification_type_edit": own_type.pk,
        "qualification_policy_remove": policy.pk,
        "qualification_record_edit": checked.pk,
        "engagement_qualifications": engagement.pk,
        "application_qualifications": engagement.application.pk,
    }
    for name, pk in with_pk.items():
        for org in (organisation, other_organisation):
            url = bo_url(name, org, pk)
            assert english.get(url).status_code == 404, (name, org)
            assert english.post(url, record_data()).status_code == 404, (name, org)
    for name in (
        "qualification_overview",
        "qualification_type_create",
        "qualification_policy_create",
        "qualification_rechecks",
    ):
        assert english.get(bo_url(name, organisation)).status_code == 404, name
    # Their own rechecks list does not show our volunteers.
    html = english.get(bo_url("qualification_rechecks", other_organisation)).content.decode()
    assert "Vera Frivillig" not in html


# One volunteer's checks -----------------------------------------------------------------------


def test_staff_record_a_check_from_the_engagement_and_see_the_recheck_date(
    english, owner, organisation, engagement, child_certificate, policy, bo_url
):
    english.force_login(owner)
    url = bo_url("engagement_qualifications", organisation, engagement.pk)
    page = english.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Never upload a document" in html and "CPR" in html
    assert 'type="file"' not in html
    response = english.post(url, record_data(child_certificate), follow=True)
    item = QualificationRecord.objects.get()
    assert (item.organisation, item.checked_by, item.status) == (organisation, owner, "approved")
    # The organisation's rule (12 months) gives the recheck date.
    assert item.recheck_on == datetime.date(2026, 3, 1)
    html = response.content.decode()
    assert "Recheck by" in html and "Samtykke givet" in html
    assert PersonalDataRead.objects.filter(what="qualifications").exists()


def test_the_form_refuses_a_cpr_number_a_missing_date_and_a_future_date(
    english, owner, organisation, engagement, child_certificate, bo_url
):
    english.force_login(owner)
    url = bo_url("engagement_qualifications", organisation, engagement.pk)
    for data, message in (
        (record_data(child_certificate, note="Attest 010190-1234"), "Do not write a CPR number"),
        (record_data(child_certificate, obtained_on=""), "Give the date"),
        (
            record_data(
                child_certificate,
                obtained_on=(timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            ),
            "cannot be in the future",
        ),
    ):
        response = english.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not QualificationRecord.objects.exists()


def test_a_viewer_sees_the_checks_but_cannot_record(
    english, member, organisation, engagement, checked, child_certificate, bo_url
):
    english.force_login(member)
    url = bo_url("engagement_qualifications", organisation, engagement.pk)
    html = english.get(url).content.decode()
    assert "Checks recorded" in html and "Record a check" not in html
    assert english.post(url, record_data(child_certificate)).status_code == 404
    edit = bo_url("qualification_record_edit", organisation, checked.pk)
    assert english.get(edit).status_code == 404


def test_another_organisations_child_certificate_stays_theirs(
    english,
    owner,
    organisation,
    other_organisation,
    outsider,
    engagement,
    child_certificate,
    bo_url,
):
    first_aid = shared_type(QualificationKind.FIRST_AID)
    for kind, note in ((child_certificate, "Deres attest"), (first_aid, "Deres kursus")):
        qualifications.record(
            volunteer=engagement.volunteer,
            qualification_type=kind,
            organisation=other_organisation,
            status="approved",
            obtained_on=datetime.date(2025, 1, 1),
            checked_by=outsider,
            note=note,
        )
    english.force_login(owner)
    html = english.get(
        bo_url("engagement_qualifications", organisation, engagement.pk)
    ).content.decode()
    # Their first-aid check counts everywhere and is shown; their note and their child
    # certificate are not ours to see.
    assert first_aid.name in html and other_organisation.name in html
    assert "Deres kursus" not in html and "Deres attest" not in html
    assert child_certificate.name not in html.split("Checks recorded")[1].split("Record a")[0]


def test_the_application_page_explains_what_is_missing_and_links_to_record_it(
    english, owner, organisation, child_application, child_certificate, bo_url
):
    english.force_login(owner)
    html = english.get(
        bo_url("application_detail", organisation, child_application.pk)
    ).content.decode()
    assert "A qualification is missing" in html
    assert "Record a valid check" in html
    link = bo_url("application_qualifications", organisation, child_application.pk)
    assert f"{link}?type={child_certificate.pk}" in html


def test_accepting_without_the_check_is_refused_visibly_then_works_once_recorded(
    english, owner, organisation, child_application, child_certificate, bo_url
):
    english.force_login(owner)
    accept = bo_url("application_accept", organisation, child_application.pk)
    response = english.post(accept, follow=True)
    assert response.redirect_chain[-1][0] == bo_url(
        "application_detail", organisation, child_application.pk
    )
    assert "This task requires" in response.content.decode()
    child_application.refresh_from_db()
    assert child_application.status == ApplicationStatus.PENDING

    english.post(
        bo_url("application_qualifications", organisation, child_application.pk),
        record_data(child_certificate),
    )
    html = english.get(
        bo_url("application_detail", organisation, child_application.pk)
    ).content.decode()
    assert "A qualification is missing" not in html
    english.post(accept)
    child_application.refresh_from_db()
    assert child_application.status == ApplicationStatus.ACCEPTED


# Rechecks ----------------------------------------------------------------------------------


def test_the_rechecks_list_shows_due_and_expired_checks_only(
    english, member, owner, organisation, volunteer, make_user, child_certificate, bo_url
):
    today = timezone.localdate()
    first_aid = shared_type(QualificationKind.FIRST_AID)
    later = make_user("senere@example.dk", first_name="Sune", last_name="Senere")
    for person, kind, obtained in (
        (volunteer, child_certificate, today - datetime.timedelta(days=800)),  # expired
        (later, child_certificate, today - datetime.timedelta(days=100)),  # far off
        (later, first_aid, today - datetime.timedelta(days=700)),  # due in about a month
    ):
        qualifications.record(
            volunteer=person,
            qualification_type=kind,
            organisation=organisation,
            status="approved",
            obtained_on=obtained,
            checked_by=owner,
        )
    english.force_login(member)
    html = english.get(bo_url("qualification_rechecks", organisation)).content.decode()
    assert "Vera Frivillig" in html and "Expired" in html
    assert first_aid.name in html and "Sune Senere" in html
    assert html.count("<tr>") == 3  # the header and two rows
    assert "Update" not in html  # a viewer cannot update


def test_staff_update_a_check_from_the_rechecks_list(english, owner, organisation, checked, bo_url):
    english.force_login(owner)
    url = bo_url("qualification_record_edit", organisation, checked.pk)
    assert english.get(url).status_code == 200
    response = english.post(url, record_data(obtained_on=timezone.localdate().isoformat()))
    assert response.status_code == 302
    checked.refresh_from_db()
    assert checked.obtained_on == timezone.localdate()
    assert checked.recheck_on > timezone.localdate()


def test_the_rechecks_list_does_not_grow_queries_with_rows(
    english, owner, organisation, make_user, child_certificate, bo_url
):
    english.force_login(owner)
    url = bo_url("qualification_rechecks", organisation)
    old = timezone.localdate() - datetime.timedelta(days=800)

    def add(n):
        for _ in range(n):
            qualifications.record(
                volunteer=make_user(),
                qualification_type=child_certificate,
                organisation=organisation,
                status="approved",
                obtained_on=old,
                checked_by=owner,
            )

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert english.get(url).status_code == 200
        return len(captured)

    add(2)
    few = count()
    add(8)
    assert count() == few


# Opportunities ------------------------------------------------------------------------------


def test_the_opportunity_form_chooses_required_qualifications_and_the_public_page_lists_them(
    english, client, owner, organisation, opportunity, own_type, bo_url
):
    english.force_login(owner)
    url = bo_url("opportunity_edit", organisation, opportunity.pk)
    html = english.get(url).content.decode()
    assert "Required qualifications" in html and "Livredderkursus" in html
    data = {
        "title": opportunity.title,
        "description": opportunity.description,
        "areas": [a.pk for a in opportunity.areas.all()],
        "target_group": opportunity.target_group,
        "place": opportunity.place_id,
        "kind": opportunity.kind,
        "hours_per_month": "4",
        "volunteers_wanted": "1",
        "contact_name": "Karen Kontakt",
        "contact_email": "karen@example.dk",
        "required_qualifications": [own_type.pk],
        "step": "save",
    }
    response = english.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert list(opportunity.required_qualifications.all()) == [own_type]
    public = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Livredderkursus" in public
