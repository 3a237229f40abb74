"""The demo's expenses: the rates, the central office, and claims in every state that the demo
log-ins can take the next step on."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.expenses import demo, rates, services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind, YearRates
from frivillig.organisations.models import Organisation
from frivillig.organisations.permissions import (
    APPROVE_EXPENSES,
    is_volunteer_office_staff,
    user_can,
)

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
def output(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for this module and rolled back at its end; receipts go to a
    temporary folder."""
    private = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with private, django_db_blocker.unblock(), transaction.atomic():
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


def test_it_loads_the_rates_and_marks_the_central_office(loaded):
    assert set(YearRates.objects.values_list("year", flat=True)) >= {2023, 2024, 2025, 2026}
    office = Organisation.objects.get(is_volunteer_office=True)
    assert office.slug == demo.OFFICE_SLUG
    assert is_volunteer_office_staff(_user("frivilligkontor@demo.frivillig.dk"))


def test_it_has_claims_in_every_state_with_associations_and_municipal_units(loaded):
    claims = Claim.objects.select_related("organisation")

    assert {c.status for c in claims} == set(ClaimStatus.values)
    for status in ClaimStatus.values:
        kinds = {c.organisation.is_municipal for c in claims if c.status == status}
        assert kinds, status
    assert {c.organisation.is_municipal for c in claims} == {True, False}
    rejected = claims.filter(status=ClaimStatus.REJECTED)
    assert all(c.rejection_reason for c in rejected)
    assert claims.filter(status=ClaimStatus.PAID, organisation__kind="institution").exists()


def test_every_line_is_dated_in_a_year_whose_figures_it_needs_are_known(loaded):
    lines = ClaimLine.objects.select_related("claim")

    assert lines.exists()
    for line in lines:
        assert line.date.year == line.claim.year
        assert line.amount > 0
        known = rates.for_year(line.date.year)
        if line.kind == LineKind.MILEAGE:
            assert line.rate_low is not None
            assert known.mileage_car_low is not None
        if line.kind == LineKind.OUTLAY:
            assert line.receipt and line.receipt_type == "application/pdf"
        if line.kind == LineKind.PHONE:
            assert known.phone_internet_limit is not None


def test_the_demo_volunteer_has_a_draft_and_a_claim_waiting(loaded):
    mine = Claim.objects.filter(volunteer__email=VOLUNTEER_LOGIN[0])

    assert mine.filter(status=ClaimStatus.DRAFT).exists()
    assert mine.filter(status=ClaimStatus.SUBMITTED).count() >= 2


def test_the_treasurer_sees_the_guard_and_can_approve_the_rest_of_the_limit(loaded):
    treasurer = _user(demo.TREASURER.email)
    assert demo.TREASURER.email in loaded
    guarded = [
        claim
        for claim in Claim.objects.filter(status=ClaimStatus.SUBMITTED)
        if any(p.kind == LineKind.PHONE and p.limit is not None for p in services.guard(claim))
    ]
    assert len(guarded) == 1
    claim = guarded[0]
    assert user_can(treasurer, claim.organisation, APPROVE_EXPENSES)

    with pytest.raises(services.LimitExceeded):
        services.approve(claim=claim, by=treasurer)
    approved = services.approve(claim=claim, by=treasurer, reduce_to_limits=True)

    phone = approved.lines.get(kind=LineKind.PHONE)
    assert phone.claimed_amount > phone.amount


def test_plejecenter_fjordglimts_coordinator_can_approve_a_claim_with_a_receipt(loaded):
    coordinator = _user("plejecenter@demo.frivillig.dk")
    waiting = Claim.objects.get(
        organisation__slug="plejecenter-fjordglimt", status=ClaimStatus.SUBMITTED
    )
    assert waiting.lines.filter(kind=LineKind.OUTLAY).exists()

    assert services.approve(claim=waiting, by=coordinator).status == ClaimStatus.APPROVED


def test_it_sends_nobody_anything(loaded):
    assert mail.outbox == []


def test_loading_again_changes_nothing(loaded):
    before = list(Claim.objects.order_by("pk").values_list("pk", "status"))
    lines = ClaimLine.objects.count()

    seed()
    demo.load()

    assert list(Claim.objects.order_by("pk").values_list("pk", "status")) == before
    assert ClaimLine.objects.count() == lines
    assert Organisation.objects.filter(is_volunteer_office=True).count() == 1
