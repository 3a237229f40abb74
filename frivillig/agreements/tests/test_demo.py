"""The demo's agreements: the 2015 framework, local cooperation agreements in every state, and
individual agreements that the demo log-ins can take the next step on."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from frivillig.agreements import demo, services
from frivillig.agreements.models import (
    AgreementStatus,
    CooperationAgreement,
    CooperationStatus,
    FrameworkVersion,
    IndividualAgreement,
)
from frivillig.catalog.demo.loader import LOGINS
from frivillig.engagements import qualifications
from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import (
    Engagement,
    EngagementStatus,
    QualificationKind,
    QualificationRecord,
)
from frivillig.organisations.permissions import MANAGE_AGREEMENTS, user_can

FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
TASKS_AT_ONCE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)


def seed() -> str:
    out = io.StringIO()
    with FAST_HASHING:
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def output(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        # Run what would be sent on commit, so that an e-mail the demo let through shows up.
        with TASKS_AT_ONCE, TestCase.captureOnCommitCallbacks(execute=True):
            printed = seed()
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def loaded(output, db):
    return output


def _user(email):
    return get_user_model().objects.get(email=email)


def test_it_loads_the_2015_strategy_as_the_published_framework(loaded):
    framework = FrameworkVersion.current()

    assert (framework.version, framework.title) == ("2015", "Aalborg Kommunes Frivilligstrategi")
    assert framework.adopted_on.isoformat() == "2015-11-01"
    for word in ("Ulønnet", "Utvungen", "Organiseret", "gavne andre end en selv"):
        assert word in framework.definition
    assert "åbenhed, synlighed, gennemsigtighed og let adgang" in framework.openness
    assert "Udarbejde en samlet indgang" in framework.agreements
    assert framework.body.startswith("Forord")
    assert "ramme for lokale og mere konkrete aftaler" in framework.body


def test_it_loads_cooperation_agreements_in_every_state(loaded):
    cooperations = CooperationAgreement.objects.select_related("municipal_unit", "partner")

    assert 3 <= cooperations.count() <= 4
    assert {c.status for c in cooperations} >= {
        CooperationStatus.ACTIVE,
        CooperationStatus.AWAITING_SIGNATURES,
        CooperationStatus.DRAFT,
    }
    assert all(c.municipal_unit.is_municipal and not c.partner.is_municipal for c in cooperations)
    due = [c for c in cooperations if c.due_for_review]
    assert len(due) == 1
    assert 0 < (due[0].review_on - timezone.localdate()).days <= 60
    for cooperation in cooperations.exclude(status=CooperationStatus.DRAFT):
        assert cooperation.sha256 == services.sha256_of(cooperation.rendered_text)


def test_nibe_besoegsvenners_admin_can_sign_the_cooperation_agreement_waiting_for_it(loaded):
    waiting = CooperationAgreement.objects.get(status=CooperationStatus.AWAITING_SIGNATURES)
    assert waiting.unit_signed_at is not None and waiting.partner_signed_at is None

    active = services.sign_cooperation(
        agreement=waiting,
        party=waiting.partner,
        by=_user("forening@demo.frivillig.dk"),
        ip="127.0.0.1",
    )

    assert active.status == CooperationStatus.ACTIVE


def test_the_demo_volunteer_has_an_agreement_to_sign_with_her_password(loaded):
    volunteer = _user(VOLUNTEER_LOGIN[0])
    waiting = IndividualAgreement.objects.get(
        volunteer=volunteer, status=AgreementStatus.AWAITING_VOLUNTEER
    )
    assert waiting.engagement.status == EngagementStatus.ACTIVE

    signed = services.sign_as_volunteer(
        agreement=waiting, volunteer=volunteer, ip="127.0.0.1", password=VOLUNTEER_LOGIN[1]
    )

    assert signed.status == AgreementStatus.AWAITING_ORGANISATION


def test_it_has_signed_agreements_and_versions(loaded):
    signed = IndividualAgreement.objects.filter(status=AgreementStatus.SIGNED)

    assert signed.exists()
    assert all(a.volunteer_signed_at and a.organisation_signed_at for a in signed)
    newer = IndividualAgreement.objects.get(previous__in=signed)
    assert newer.version == 2
    for agreement in IndividualAgreement.objects.exclude(status=AgreementStatus.DRAFT):
        assert agreement.sha256 == services.sha256_of(agreement.rendered_text)
        assert services.verify(code=agreement.code, sha256=agreement.sha256).matches


def test_a_demo_log_in_can_countersign_the_demo_volunteers_new_version(loaded):
    waiting = IndividualAgreement.objects.get(
        volunteer__email=VOLUNTEER_LOGIN[0], status=AgreementStatus.AWAITING_ORGANISATION
    )
    staff = [_user(login.email) for login in LOGINS if login.organisation]
    signers = [u for u in staff if user_can(u, waiting.organisation, MANAGE_AGREEMENTS)]
    assert signers

    signed = services.countersign(agreement=waiting, by=signers[0], ip="127.0.0.1")

    assert signed.status == AgreementStatus.SIGNED
    assert signed.previous.status == AgreementStatus.SUPERSEDED


def test_it_records_the_child_certificates_that_tasks_require(loaded):
    with_children = Engagement.objects.filter(
        status__in=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED],
        opportunity__requires_child_certificate=True,
    )
    assert with_children.exists()
    for engagement in with_children:
        required = qualifications.required_types(opportunity=engagement.opportunity)
        assert not qualifications.missing(engagement.volunteer, engagement.organisation, required)
    assert IndividualAgreement.objects.filter(
        engagement__in=with_children, child_certificate_required=True
    ).exists()


def test_it_shows_a_qualification_that_runs_out_soon(loaded):
    soon = timezone.localdate() + timezone.timedelta(days=qualifications.RECHECK_NOTICE_DAYS)
    running_out = QualificationRecord.objects.get(
        volunteer__email=VOLUNTEER_LOGIN[0], qualification_type__kind=QualificationKind.FIRST_AID
    )

    assert timezone.localdate() < running_out.recheck_on <= soon


def test_it_sends_nobody_anything(loaded):
    assert mail.outbox == []


def test_it_prints_the_agreements_in_the_summary(loaded):
    assert "samarbejdsaftaler / cooperation" in loaded


def test_loading_again_changes_nothing(loaded):
    before = (
        IndividualAgreement.objects.count(),
        CooperationAgreement.objects.count(),
        QualificationRecord.objects.count(),
        FrameworkVersion.objects.count(),
    )

    seed()
    demo.load()

    assert (
        IndividualAgreement.objects.count(),
        CooperationAgreement.objects.count(),
        QualificationRecord.objects.count(),
        FrameworkVersion.objects.count(),
    ) == before
