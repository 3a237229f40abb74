"""Claims through the service: what each payer may pay, the rates by date and by the 20,000
km threshold, the guard against passing a tax-free limit, and keeping the records."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from frivillig.engagements import services as engagements
from frivillig.expenses import services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind
from frivillig.organisations.models import OrganisationKind, Role
from frivillig.organisations.services import add_member, create_organisation

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def engaged(volunteer, make_opportunity, coordinator):
    """The volunteer has an engagement with the association (`organisation`)."""
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    return engagements.accept(application=application, by=coordinator)


@pytest.fixture
def claim(engaged, make_claim, volunteer, organisation):
    return make_claim(volunteer=volunteer, organisation=organisation, year=2024)


def _drive(claim, volunteer, km, day=date(2024, 3, 1), vehicle="car"):
    return services.add_mileage(
        claim=claim,
        volunteer=volunteer,
        date=day,
        from_place="Nibe",
        to_place="Aalborg",
        purpose="Besøg",
        km=km,
        vehicle=vehicle,
    )


def _phone(claim, volunteer, amount, day=date(2024, 5, 1)):
    return services.add_allowance(
        claim=claim,
        volunteer=volunteer,
        kind=LineKind.PHONE,
        date=day,
        purpose="Telefon",
        amount=amount,
    )


def _submitted_and_approved(claim, volunteer, coordinator, **kwargs):
    services.submit(claim=claim, volunteer=volunteer)
    return services.approve(claim=claim, by=coordinator, **kwargs)


def test_only_an_organisation_you_volunteer_for_can_be_claimed_from(
    make_claim, volunteer, other_organisation, expense_rates
):
    with pytest.raises(services.ClaimError):
        make_claim(volunteer=volunteer, organisation=other_organisation)


def test_driving_is_paid_at_the_state_rate_of_its_year(claim, volunteer):
    line = _drive(claim, volunteer, "42")
    assert (line.rate_low, line.amount) == (Decimal("3.79"), Decimal("159.18"))
    bike = _drive(claim, volunteer, "10", vehicle="bicycle")
    assert bike.amount == Decimal("6.20")


def test_a_year_without_a_known_rate_is_refused_not_guessed(
    engaged, make_claim, volunteer, organisation
):
    claim = make_claim(volunteer=volunteer, organisation=organisation, year=2023)
    with pytest.raises(services.ClaimError, match="not recorded"):
        _drive(claim, volunteer, "10", day=date(2023, 4, 1), vehicle="bicycle")


def test_the_20000_km_threshold_splits_a_line_and_carries_across_claims(
    claim, volunteer, coordinator, make_claim, organisation
):
    _drive(claim, volunteer, "1990", day=date(2024, 1, 10))
    for month in range(2, 11):
        _drive(claim, volunteer, "2000", day=date(2024, month, 1))
    _submitted_and_approved(claim, volunteer, coordinator)  # 19,990 km counted

    second = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    line = _drive(second, volunteer, "30", day=date(2024, 11, 1))
    assert (line.km_low, line.km_high) == (Decimal("10.0"), Decimal("20.0"))
    assert line.amount == Decimal("10") * Decimal("3.79") + Decimal("20") * Decimal("2.23")


def test_a_new_year_starts_below_the_threshold_again(
    claim, volunteer, coordinator, make_claim, organisation
):
    for month in range(1, 12):
        _drive(claim, volunteer, "2000", day=date(2024, month, 1))
    _submitted_and_approved(claim, volunteer, coordinator)
    next_year = make_claim(volunteer=volunteer, organisation=organisation, year=2025)
    line = _drive(next_year, volunteer, "10", day=date(2025, 1, 2))
    assert (line.km_high, line.rate_low) == (Decimal("0.0"), Decimal("3.81"))


def test_the_guard_refuses_a_phone_allowance_past_the_limit_and_says_what_to_do(
    claim, volunteer, coordinator, make_claim, organisation
):
    _phone(claim, volunteer, "2000")
    _submitted_and_approved(claim, volunteer, coordinator)
    second = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    _phone(second, volunteer, "600", day=date(2024, 9, 1))
    services.submit(claim=second, volunteer=volunteer)

    problems = services.guard(second)
    assert [(p.used, p.claimed, p.limit, p.remaining) for p in problems] == [
        (Decimal("2000.00"), Decimal("600.00"), Decimal("2450.00"), Decimal("450.00"))
    ]
    with pytest.raises(services.LimitExceeded, match="450.00"):
        services.approve(claim=second, by=coordinator)
    second.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED

    approved = services.approve(claim=second, by=coordinator, reduce_to_limits=True)
    line = approved.lines.get()
    assert (line.amount, line.claimed_amount) == (Decimal("450.00"), Decimal("600.00"))


def test_a_limit_that_is_not_known_cannot_be_approved_as_tax_free(
    engaged, make_claim, volunteer, organisation, coordinator, expense_rates
):
    claim = make_claim(volunteer=volunteer, organisation=organisation, year=2026)
    services.add_allowance(
        claim=claim,
        volunteer=volunteer,
        kind=LineKind.PHONE,
        date=date(2026, 1, 5),
        purpose="Telefon",
        amount="100",
    )
    services.submit(claim=claim, volunteer=volunteer)
    with pytest.raises(services.LimitExceeded, match="not recorded"):
        services.approve(claim=claim, by=coordinator, reduce_to_limits=True)


def test_a_municipal_unit_pays_no_flat_allowances(
    volunteer, make_claim, owner, expense_rates, areas
):
    unit = create_organisation(
        name="Plejecenter Fjordglimt", kind=OrganisationKind.UNIT, is_approved=True
    )
    add_member(organisation=unit, user=owner, role=Role.ADMIN)
    from frivillig.catalog import services as catalog

    opportunity = catalog.publish_opportunity(
        opportunity=catalog.create_opportunity(
            organisation=unit,
            areas=[areas["aeldre"]],
            title="Højtlæsning",
            description="Læs højt for beboerne.",
            kind="recurring",
            target_group="Beboere",
            contact_name="Karen",
            is_flexible_location=True,
        )
    )
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=opportunity), by=owner
    )
    claim = make_claim(volunteer=volunteer, organisation=unit)
    with pytest.raises(services.ClaimError, match="does not pay"):
        _phone(claim, volunteer, "100")
    receipt = SimpleUploadedFile("kvittering.pdf", PDF, content_type="application/pdf")
    line = services.add_outlay(
        claim=claim,
        volunteer=volunteer,
        date=date(2024, 2, 2),
        purpose="Kaffe",
        amount="89.5",
        receipt=receipt,
    )
    assert (line.amount, line.receipt_type) == (Decimal("89.50"), "application/pdf")


def test_a_receipt_must_be_a_picture_or_a_pdf(claim, volunteer):
    fake = SimpleUploadedFile(
        "kvittering.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(services.ClaimError, match="JPEG or PNG"):
        services.add_outlay(
            claim=claim,
            volunteer=volunteer,
            date=date(2024, 2, 2),
            purpose="X",
            amount="10",
            receipt=fake,
        )
    assert not ClaimLine.objects.exists()


def test_a_submitted_claim_cannot_change_and_reject_needs_a_reason(claim, volunteer, coordinator):
    _drive(claim, volunteer, "12")
    services.submit(claim=claim, volunteer=volunteer)
    with pytest.raises(services.ClaimError):
        _drive(claim, volunteer, "5")
    with pytest.raises(services.ClaimError):
        services.reject(claim=claim, by=coordinator, reason=" ")
    rejected = services.reject(claim=claim, by=coordinator, reason="Kørslen er ikke aftalt.")
    assert rejected.status == ClaimStatus.REJECTED and rejected.keep_until.year >= 2031


def test_only_approvers_of_the_payer_decide(claim, volunteer, member, outsider):
    _drive(claim, volunteer, "12")
    services.submit(claim=claim, volunteer=volunteer)
    for person in (member, outsider, volunteer):
        with pytest.raises(services.ClaimError):
            services.approve(claim=claim, by=person)


def test_everyone_is_told_and_paying_is_bulk(
    claim, volunteer, coordinator, django_capture_on_commit_callbacks
):
    _drive(claim, volunteer, "12")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(claim=claim, volunteer=volunteer)
    assert coordinator.email in {m.to[0] for m in mail.outbox}
    services.approve(claim=claim, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.mark_paid(claims=[claim], by=coordinator) == 1
        assert services.mark_paid(claims=[claim], by=coordinator) == 0
    assert mail.outbox[-1].to == [volunteer.email]


def test_a_deleted_account_keeps_decided_claims_without_the_link(
    claim, volunteer, coordinator, make_claim, organisation
):
    _drive(claim, volunteer, "12")
    _submitted_and_approved(claim, volunteer, coordinator)
    draft = make_claim(volunteer=volunteer, organisation=organisation)
    from frivillig.accounts.privacy import delete_account

    delete_account(user=volunteer)
    kept = Claim.objects.get(pk=claim.pk)
    assert kept.volunteer is None and kept.payee_name == "Vera Frivillig"
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_records_go_after_five_years_after_the_financial_year(claim, volunteer, coordinator):
    _drive(claim, volunteer, "12")
    approved = _submitted_and_approved(claim, volunteer, coordinator)
    keep = approved.keep_until
    assert services.purge_expired(today=keep) == 0
    assert services.purge_expired(today=date(keep.year + 1, 1, 1)) == 1
