"""Qualifications: a child certificate blocks acceptance until an organisation has recorded a
valid check, rechecks follow the organisation's policy, and reminders go out once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from frivillig.engagements import qualifications, services
from frivillig.engagements.models import (
    QualificationKind,
    QualificationPolicy,
    QualificationRecord,
    QualificationStatus,
)
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation


@pytest.fixture
def child_certificate(db):
    return qualifications.shared_type(QualificationKind.CHILD_CERTIFICATE)


@pytest.fixture
def children_application(make_opportunity, volunteer, coordinator):
    opportunity = make_opportunity("Lektiecafé", requires_child_certificate=True)
    return services.apply(volunteer=volunteer, opportunity=opportunity)


def _record(volunteer, child_certificate, organisation, checker, obtained, **extra):
    return qualifications.record(
        volunteer=volunteer,
        qualification_type=child_certificate,
        organisation=organisation,
        status=extra.pop("status", QualificationStatus.APPROVED),
        obtained_on=obtained,
        checked_by=checker,
        **extra,
    )


def test_the_municipality_ships_the_common_types(db):
    kinds = set(
        qualifications.QualificationType.objects.filter(organisation=None).values_list(
            "kind", flat=True
        )
    )
    assert {"child_certificate", "first_aid", "driving_licence", "food_hygiene"} <= kinds


def test_it_refuses_to_accept_without_a_child_certificate_and_says_what_to_do(
    children_application, coordinator
):
    with pytest.raises(services.EngagementError, match="Børneattest"):
        services.accept(application=children_application, by=coordinator)


def test_it_accepts_once_the_certificate_is_recorded(
    children_application, coordinator, child_certificate, organisation
):
    _record(
        children_application.volunteer,
        child_certificate,
        organisation,
        coordinator,
        timezone.localdate() - timedelta(days=10),
    )
    assert services.accept(application=children_application, by=coordinator).pk


def test_a_requested_certificate_is_not_yet_enough(
    children_application, coordinator, child_certificate, organisation
):
    _record(
        children_application.volunteer,
        child_certificate,
        organisation,
        coordinator,
        None,
        status=QualificationStatus.REQUESTED,
    )
    with pytest.raises(services.EngagementError):
        services.accept(application=children_application, by=coordinator)


def test_an_expired_certificate_blocks(
    children_application, coordinator, child_certificate, organisation
):
    _record(
        children_application.volunteer,
        child_certificate,
        organisation,
        coordinator,
        timezone.localdate() - timedelta(days=800),
    )
    with pytest.raises(services.EngagementError):
        services.accept(application=children_application, by=coordinator)


def test_another_organisations_certificate_does_not_count(
    volunteer, child_certificate, organisation, other_organisation, outsider
):
    _record(volunteer, child_certificate, other_organisation, outsider, date(2026, 1, 5))
    assert qualifications.missing(volunteer, organisation, [child_certificate]) == [
        child_certificate
    ]
    # ...but a first-aid course is the person's own, whoever checked it.
    first_aid = qualifications.shared_type(QualificationKind.FIRST_AID)
    qualifications.record(
        volunteer=volunteer,
        qualification_type=first_aid,
        organisation=other_organisation,
        status=QualificationStatus.APPROVED,
        obtained_on=date(2026, 1, 5),
        checked_by=outsider,
    )
    assert qualifications.missing(volunteer, organisation, [first_aid]) == []


def test_a_certificate_from_the_organisation_above_counts(
    volunteer, child_certificate, organisation, owner
):
    unit = create_organisation(
        name="Nibe Lektiecafé", kind=OrganisationKind.ASSOCIATION, parent=organisation
    )
    _record(volunteer, child_certificate, organisation, owner, date(2026, 3, 1))
    assert qualifications.missing(volunteer, unit, [child_certificate]) == []


def test_the_recheck_date_is_two_years_by_default_or_the_organisations_policy(
    volunteer, child_certificate, organisation, owner
):
    item = _record(volunteer, child_certificate, organisation, owner, date(2026, 2, 28))
    assert item.recheck_on == date(2028, 2, 28)
    QualificationPolicy.objects.create(
        organisation=organisation, qualification_type=child_certificate, valid_months=12
    )
    item = _record(volunteer, child_certificate, organisation, owner, date(2024, 2, 29))
    assert item.recheck_on == date(2025, 2, 28)


def test_it_refuses_an_approval_without_a_date_or_from_the_future(
    volunteer, child_certificate, organisation, owner
):
    with pytest.raises(qualifications.QualificationError):
        _record(volunteer, child_certificate, organisation, owner, None)
    with pytest.raises(qualifications.QualificationError):
        _record(
            volunteer,
            child_certificate,
            organisation,
            owner,
            timezone.localdate() + timedelta(days=1),
        )
    assert not QualificationRecord.objects.exists()


def test_it_reminds_both_sides_once_before_the_recheck_date(
    volunteer, child_certificate, organisation, owner, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    _record(volunteer, child_certificate, organisation, owner, today - timedelta(days=720))
    with django_capture_on_commit_callbacks(execute=True):
        assert qualifications.send_recheck_reminders(today=today) == 1
        assert qualifications.send_recheck_reminders(today=today) == 0
    assert {m.to[0] for m in mail.outbox} == {volunteer.email, owner.email}
    assert "Børneattest" in mail.outbox[0].subject


def test_nothing_about_the_content_is_stored(db):
    fields = {f.name for f in QualificationRecord._meta.get_fields()}
    assert not fields & {"document", "content", "file", "cpr", "cpr_number"}
