"""Individual and cooperation agreements: sending, signing with re-entered credentials,
countersigning, immutability, version chains and public verification."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from frivillig.agreements import services
from frivillig.agreements.models import (
    AgreementStatus,
    CooperationAgreement,
    CooperationStatus,
    IndividualAgreement,
)
from frivillig.organisations.models import Role
from frivillig.organisations.services import add_member

PASSWORD = "kodeord-der-er-langt-nok"


@pytest.fixture
def sent(make_agreement, organisation, volunteer, coordinator):
    return make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)


def _signed(agreement, volunteer, coordinator):
    agreement = services.sign_as_volunteer(
        agreement=agreement, volunteer=volunteer, ip="127.0.0.1", password=PASSWORD
    )
    return services.countersign(agreement=agreement, by=coordinator, ip="10.0.0.1")


def test_the_default_template_reflects_the_strategy(db):
    template = services.default_template("da")
    assert "ikke en ansættelseskontrakt" in template.introduction
    assert services.default_template("en").language == "en"


def test_sending_freezes_the_text_and_its_hash(sent, framework):
    assert sent.status == AgreementStatus.AWAITING_VOLUNTEER
    assert sent.sha256 == services.sha256_of(sent.rendered_text)
    text = sent.rendered_text
    assert "Besøgsven for en ældre borger" in text
    assert framework.title in text
    assert "uden at give en grund" in text  # the volunteer can stop at any time
    assert "forsikring" in text.lower()


def test_a_draft_cannot_be_sent_without_the_task(make_agreement, organisation, volunteer):
    with pytest.raises(services.AgreementError):
        make_agreement(organisation=organisation, volunteer=volunteer, task=" ")


def test_the_volunteer_signs_with_the_password_and_the_organisation_countersigns(
    sent, volunteer, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed = _signed(sent, volunteer, coordinator)
    assert signed.status == AgreementStatus.SIGNED
    assert signed.volunteer_ip == "127.0.0.1" and signed.organisation_ip == "10.0.0.1"
    assert signed.organisation_signer_name == coordinator.get_full_name()
    assert any(m.to == [volunteer.email] and "underskrevet" in m.subject for m in mail.outbox)


def test_a_wrong_password_signs_nothing(sent, volunteer):
    with pytest.raises(services.AgreementError):
        services.sign_as_volunteer(agreement=sent, volunteer=volunteer, ip=None, password="nej")
    sent.refresh_from_db()
    assert sent.volunteer_signed_at is None


def test_someone_without_a_password_signs_with_an_e_mailed_code(
    sent, volunteer, django_capture_on_commit_callbacks
):
    volunteer.set_unusable_password()
    volunteer.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_signing_code(agreement=sent, volunteer=volunteer)
    code = mail.outbox[-1].subject.split()[-1]
    with pytest.raises(services.AgreementError):
        services.sign_as_volunteer(agreement=sent, volunteer=volunteer, ip=None, code="000000x")
    signed = services.sign_as_volunteer(agreement=sent, volunteer=volunteer, ip=None, code=code)
    assert signed.status == AgreementStatus.AWAITING_ORGANISATION


def test_a_code_stops_working_after_five_wrong_tries(sent, volunteer):
    services.request_signing_code(agreement=sent, volunteer=volunteer)
    for _ in range(5):
        with pytest.raises(services.AgreementError):
            services.sign_as_volunteer(agreement=sent, volunteer=volunteer, ip=None, code="x")
    assert sent.codes.get().attempts == 5


def test_only_the_volunteer_can_sign_and_only_staff_can_countersign(
    sent, volunteer, make_user, member
):
    with pytest.raises(services.AgreementError):
        services.sign_as_volunteer(
            agreement=sent, volunteer=make_user(), ip=None, password=PASSWORD
        )
    sent = services.sign_as_volunteer(
        agreement=sent, volunteer=volunteer, ip=None, password=PASSWORD
    )
    with pytest.raises(services.AgreementError):
        services.countersign(agreement=sent, by=member, ip=None)  # a viewer


def test_the_database_refuses_to_change_a_sent_text_or_a_signature(sent, volunteer, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndividualAgreement.objects.filter(pk=sent.pk).update(rendered_text="Noget andet")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndividualAgreement.objects.filter(pk=sent.pk).update(task="Noget andet")
    signed = _signed(sent, volunteer, coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndividualAgreement.objects.filter(pk=signed.pk).update(volunteer_ip="8.8.8.8")
    # What may change still can: its status when it ends.
    services.end(agreement=signed, by=volunteer)


def test_a_sent_agreement_cannot_be_edited_through_the_service(sent):
    with pytest.raises(services.AgreementError):
        services.update_draft(agreement=sent, task="Noget andet")


def test_a_change_is_a_new_version_that_replaces_the_old_once_signed(sent, volunteer, coordinator):
    first = _signed(sent, volunteer, coordinator)
    second = services.new_version(agreement=first, by=coordinator)
    assert (second.version, second.previous, second.status) == (2, first, "draft")
    first.refresh_from_db()
    assert first.status == AgreementStatus.SIGNED  # holds until the new one is signed
    with pytest.raises(services.AgreementError):
        services.new_version(agreement=first, by=coordinator)  # one successor only

    second = services.update_draft(agreement=second, time_and_place="Hver tirsdag kl. 14-16.")
    second = services.send_for_signing(agreement=second, by=coordinator)
    second = _signed(second, volunteer, coordinator)
    first.refresh_from_db()
    assert first.status == AgreementStatus.SUPERSEDED
    assert first.sha256 != second.sha256
    assert [a.version for a in IndividualAgreement.objects.order_by("version")] == [1, 2]


def test_the_volunteer_can_end_at_any_time_and_the_organisation_is_told(
    sent, volunteer, coordinator, django_capture_on_commit_callbacks
):
    signed = _signed(sent, volunteer, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.end(agreement=signed, by=volunteer)
    signed.refresh_from_db()
    assert signed.status == AgreementStatus.ENDED
    assert mail.outbox[-1].to == [coordinator.email]


def test_verification_checks_code_and_hash_without_personal_data(sent, volunteer, coordinator):
    signed = _signed(sent, volunteer, coordinator)
    result = services.verify(code=signed.code.lower(), sha256=signed.sha256)
    assert result.matches and result.version == 1
    assert len(result.signed_dates) == 2
    assert volunteer.get_full_name() not in repr(result)
    assert volunteer.email not in repr(result)
    assert not services.verify(code=signed.code, sha256="0" * 64).matches
    assert services.verify(code="UNKNOWN123", sha256=signed.sha256) is None


def test_a_cooperation_agreement_is_active_when_both_parties_have_signed(
    make_cooperation, municipal_unit, organisation, owner, make_user
):
    unit_head = make_user(first_name="Lone", last_name="Leder")
    add_member(organisation=municipal_unit, user=unit_head, role=Role.ADMIN)
    draft = make_cooperation(municipal_unit=municipal_unit, partner=organisation, by=unit_head)
    sent = services.send_cooperation(agreement=draft, by=unit_head)
    assert "Lokaler, kursus i demens" in sent.rendered_text
    with pytest.raises(services.AgreementError):
        services.sign_cooperation(agreement=sent, party=municipal_unit, by=owner, ip=None)
    half = services.sign_cooperation(agreement=sent, party=municipal_unit, by=unit_head, ip=None)
    assert half.status == CooperationStatus.AWAITING_SIGNATURES
    full = services.sign_cooperation(agreement=half, party=organisation, by=owner, ip=None)
    assert full.status == CooperationStatus.ACTIVE
    assert services.verify(code=full.code, sha256=full.sha256).organisation_names == [
        municipal_unit.name,
        organisation.name,
    ]


def test_the_first_party_must_be_municipal_and_the_review_after_the_start(
    make_cooperation, municipal_unit, organisation, other_organisation
):
    with pytest.raises(services.AgreementError):
        make_cooperation(municipal_unit=organisation, partner=other_organisation)
    with pytest.raises(services.AgreementError):
        make_cooperation(
            municipal_unit=municipal_unit,
            partner=organisation,
            review_on=datetime.date(2025, 12, 1),
        )


def test_both_parties_are_reminded_once_before_the_review_date(
    make_cooperation,
    municipal_unit,
    organisation,
    owner,
    make_user,
    django_capture_on_commit_callbacks,
):
    unit_head = make_user()
    add_member(organisation=municipal_unit, user=unit_head, role=Role.ADMIN)
    agreement = services.send_cooperation(
        agreement=make_cooperation(municipal_unit=municipal_unit, partner=organisation),
        by=unit_head,
    )
    services.sign_cooperation(agreement=agreement, party=municipal_unit, by=unit_head, ip=None)
    services.sign_cooperation(agreement=agreement, party=organisation, by=owner, ip=None)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        assert services.send_review_reminders(today=datetime.date(2026, 11, 15)) == 1
        assert services.send_review_reminders(today=datetime.date(2026, 11, 16)) == 0
    assert {m.to[0] for m in mail.outbox} == {unit_head.email, owner.email}
    assert CooperationAgreement.objects.get().due_for_review in (True, False)
