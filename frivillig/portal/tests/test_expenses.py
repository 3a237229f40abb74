"""The volunteer's expense claims on Min side: list, start, add driving, outlays and
allowances, remove, submit, delete a draft, download their own receipt.

Only the claim's own volunteer sees it; the organisation's staff (owner, member), staff of
another organisation (outsider) and another volunteer all get a 404. Money is shown the
Danish way ("159,18 kr.")."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.accounts import privacy
from frivillig.engagements import services as engagements
from frivillig.expenses import services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def engagement(volunteer, make_opportunity, coordinator):
    """The volunteer has an engagement with the association (`organisation`)."""
    application = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    return engagements.accept(application=application, by=coordinator)


@pytest.fixture
def claim(engagement, make_claim, volunteer, organisation):
    return make_claim(volunteer=volunteer, organisation=organisation, year=2024)


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


@pytest.fixture
def stranger(make_user, make_opportunity, coordinator):
    """Another volunteer with the same organisation."""
    person = make_user("anden@example.dk", first_name="Anna", last_name="Anden")
    application = engagements.apply(volunteer=person, opportunity=make_opportunity())
    engagements.accept(application=application, by=coordinator)
    return person


def url(name, claim, *args):
    return reverse(f"portal:{name}", args=[claim.pk, *args])


def drive(claim, volunteer, km="42", day=date(2024, 3, 1)):
    return services.add_mileage(
        claim=claim,
        volunteer=volunteer,
        date=day,
        from_place="Nibe",
        to_place="Aalborg",
        purpose="Besøg",
        km=km,
        vehicle="car",
    )


def outlay(claim, volunteer):
    return services.add_outlay(
        claim=claim,
        volunteer=volunteer,
        date=date(2024, 2, 2),
        purpose="Kaffe til mødet",
        amount="89.50",
        receipt=SimpleUploadedFile("kvittering.pdf", PDF, content_type="application/pdf"),
    )


def mileage_post(**overrides):
    data = {
        "mileage-date": "2024-03-01",
        "mileage-from_place": "Nibe",
        "mileage-to_place": "Aalborg",
        "mileage-purpose": "Besøg hos Ingrid",
        "mileage-km": "42",
        "mileage-vehicle": "car",
    }
    data.update(overrides)
    return data


# --- The list --------------------------------------------------------------------------------


def test_it_asks_an_anonymous_visitor_to_sign_in(client, claim):
    for path in (reverse("portal:my_claims"), reverse("portal:new_claim"), url("my_claim", claim)):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response.url


def test_it_lists_own_claims_newest_first_with_status_total_and_reason(
    signed_in, claim, volunteer, coordinator, make_claim, organisation, stranger
):
    drive(claim, volunteer)
    services.submit(claim=claim, volunteer=volunteer)
    services.reject(claim=claim, by=coordinator, reason="Kørslen er ikke aftalt.")
    newer = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    theirs = make_claim(volunteer=stranger, organisation=organisation, year=2024)

    response = signed_in.get(reverse("portal:my_claims"))
    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["claims"]) == [newer, claim]
    assert "159,18 kr." in html and "0,00 kr." in html
    assert "Kørslen er ikke aftalt." in html
    assert url("my_claim", theirs) not in html
    assert reverse("portal:new_claim") in html


def test_it_links_my_expenses_from_my_page(signed_in):
    assert reverse("portal:my_claims") in signed_in.get(reverse("portal:my_page")).content.decode()


# --- Starting a claim ------------------------------------------------------------------------


def test_it_starts_a_claim_with_an_organisation_and_engagement_of_the_volunteer(
    signed_in, engagement, organisation, volunteer
):
    page = signed_in.get(reverse("portal:new_claim"))
    assert page.status_code == 200
    assert organisation.name in page.content.decode()
    assert engagement.opportunity.title in page.content.decode()

    year = timezone.localdate().year
    response = signed_in.post(
        reverse("portal:new_claim"),
        {"organisation": organisation.pk, "engagement": engagement.pk, "year": year},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url == url("my_claim", claim)
    assert (claim.volunteer, claim.organisation, claim.engagement, claim.year) == (
        volunteer,
        organisation,
        engagement,
        year,
    )


def test_it_refuses_an_organisation_the_volunteer_does_not_work_for(
    signed_in, engagement, other_organisation
):
    response = signed_in.post(
        reverse("portal:new_claim"),
        {"organisation": other_organisation.pk, "year": timezone.localdate().year},
    )
    assert response.status_code == 400
    assert not Claim.objects.exists()


def test_it_says_kindly_when_the_person_volunteers_nowhere(client, make_user):
    client.force_login(make_user())
    response = client.get(reverse("portal:new_claim"))
    assert response.status_code == 200
    assert not response.context["has_payers"]
    assert reverse("portal:search") in response.content.decode()
    assert '<form method="post" action="/min-side/udgifter/ny/"' not in response.content.decode()


# --- Who sees what ---------------------------------------------------------------------------


def test_it_shows_a_claim_and_its_receipts_only_to_its_volunteer(
    client, claim, volunteer, owner, member, outsider, stranger
):
    line = outlay(claim, volunteer)
    gets = [
        url("my_claim", claim),
        url("submit_claim", claim),
        url("delete_claim", claim),
        url("claim_receipt", claim, line.pk),
    ]
    posts = [
        (url("claim_add_mileage", claim), mileage_post()),
        (url("claim_remove_line", claim, line.pk), {}),
        (url("submit_claim", claim), {}),
        (url("delete_claim", claim), {}),
    ]
    for person in (owner, member, outsider, stranger):
        client.force_login(person)
        for path in gets:
            assert client.get(path).status_code == 404, (person, path)
        for path, data in posts:
            assert client.post(path, data).status_code == 404, (person, path)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT and claim.lines.count() == 1


def test_it_gives_a_404_for_a_line_of_another_claim(
    signed_in, claim, volunteer, make_claim, organisation, stranger
):
    theirs = make_claim(volunteer=stranger, organisation=organisation, year=2024)
    their_line = outlay(theirs, stranger)
    assert signed_in.get(url("claim_receipt", claim, their_line.pk)).status_code == 404
    assert signed_in.get(url("claim_receipt", theirs, their_line.pk)).status_code == 404
    assert signed_in.post(url("claim_remove_line", claim, their_line.pk)).status_code == 404


# --- The claim page --------------------------------------------------------------------------


def test_it_explains_the_payer_and_offers_what_an_association_may_pay(signed_in, claim):
    response = signed_in.get(url("my_claim", claim))
    html = response.content.decode()
    assert response.status_code == 200
    assert "er en forening" in " ".join(response.context["explanation"])
    for name in ("claim_add_mileage", "claim_add_outlay", "claim_add_allowance", "claim_add_meal"):
        assert url(name, claim) in html
    assert 'accept="image/jpeg,image/png,application/pdf"' in html
    assert "10 MB" in html
    # The 2024 rates are hints next to the driving form.
    assert "3,79" in html and "2,23" in html


def test_it_offers_a_municipal_unit_no_flat_allowances(
    client, volunteer, make_claim, municipal_unit, areas, owner, expense_rates
):
    from frivillig.catalog import services as catalog

    opportunity = catalog.publish_opportunity(
        opportunity=catalog.create_opportunity(
            organisation=municipal_unit,
            areas=[areas["aeldre"]],
            title="Højtlæsning",
            description="Læs højt for beboerne.",
            kind="recurring",
            target_group="Beboere",
            contact_name="Karen",
            is_flexible_location=True,
        )
    )
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    add_member(organisation=municipal_unit, user=owner, role=Role.ADMIN)
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=opportunity), by=owner
    )
    claim = make_claim(volunteer=volunteer, organisation=municipal_unit)
    client.force_login(volunteer)

    html = client.get(url("my_claim", claim)).content.decode()
    assert "er en del af kommunen" in html
    assert url("claim_add_outlay", claim) in html
    assert url("claim_add_allowance", claim) not in html
    assert url("claim_add_meal", claim) not in html

    response = client.post(
        url("claim_add_allowance", claim),
        {
            "allowance-kind": "phone",
            "allowance-date": "2024-05-01",
            "allowance-purpose": "Telefon",
            "allowance-amount": "100",
        },
    )
    assert response.status_code == 400
    assert not ClaimLine.objects.exists()


def test_it_adds_driving_and_shows_the_amount_in_kroner(signed_in, claim):
    response = signed_in.post(url("claim_add_mileage", claim), mileage_post(**{"mileage-km": "42"}))
    assert response.status_code == 302
    assert response.url == url("my_claim", claim) + "#lines-heading"
    line = claim.lines.get()
    assert (line.km, line.amount) == (Decimal("42.0"), Decimal("159.18"))

    html = signed_in.get(url("my_claim", claim)).content.decode()
    assert "159,18 kr." in html
    assert "42 km à 3,79 kr." in html
    assert "Nibe – Aalborg" in html


def test_it_reads_a_danish_decimal_comma(signed_in, claim):
    signed_in.post(url("claim_add_mileage", claim), mileage_post(**{"mileage-km": "12,5"}))
    assert claim.lines.get().km == Decimal("12.5")


def test_it_shows_the_split_when_a_line_crosses_20000_km(
    signed_in, claim, volunteer, coordinator, make_claim, organisation
):
    drive(claim, volunteer, km="1990", day=date(2024, 1, 10))
    for month in range(2, 11):
        drive(claim, volunteer, km="2000", day=date(2024, month, 1))
    services.submit(claim=claim, volunteer=volunteer)
    services.approve(claim=claim, by=coordinator)
    second = make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    drive(second, volunteer, km="30", day=date(2024, 11, 1))

    html = signed_in.get(url("my_claim", second)).content.decode()
    assert "10 km à 3,79 kr. + 20 km à 2,23 kr." in html
    assert "82,50 kr." in html


def test_it_shows_a_claim_error_next_to_the_form_and_keeps_the_input(signed_in, claim):
    response = signed_in.post(
        url("claim_add_mileage", claim), mileage_post(**{"mileage-date": "2023-12-30"})
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Datoen skal ligge i 2024" in html
    assert 'value="Besøg hos Ingrid"' in html
    assert response.context["mileage_form"].is_bound
    assert not response.context["outlay_form"].is_bound
    assert not ClaimLine.objects.exists()


def test_it_adds_an_outlay_with_a_receipt_that_only_the_volunteer_can_download(
    signed_in, claim, volunteer
):
    receipt = SimpleUploadedFile("kvittering.pdf", PDF, content_type="application/pdf")
    response = signed_in.post(
        url("claim_add_outlay", claim),
        {
            "outlay-date": "2024-02-02",
            "outlay-purpose": "Kaffe",
            "outlay-amount": "89,50",
            "outlay-receipt": receipt,
        },
    )
    assert response.status_code == 302
    line = claim.lines.get()
    assert (line.amount, line.receipt_type) == (Decimal("89.50"), "application/pdf")

    download = signed_in.get(url("claim_receipt", claim, line.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "kvittering.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    assert (
        url("claim_receipt", claim, line.pk)
        in signed_in.get(url("my_claim", claim)).content.decode()
    )


def test_it_asks_for_the_receipt_again_when_something_else_was_wrong(signed_in, claim):
    response = signed_in.post(
        url("claim_add_outlay", claim),
        {
            "outlay-date": "2024-02-02",
            "outlay-purpose": "Kaffe",
            "outlay-amount": "",
            "outlay-receipt": SimpleUploadedFile("k.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    form = response.context["outlay_form"]
    assert form.has_error("amount") and form.has_error("receipt")
    assert 'value="Kaffe"' in response.content.decode()


def test_it_refuses_a_receipt_that_is_not_a_picture_or_a_pdf(signed_in, claim):
    response = signed_in.post(
        url("claim_add_outlay", claim),
        {
            "outlay-date": "2024-02-02",
            "outlay-purpose": "Kaffe",
            "outlay-amount": "10",
            "outlay-receipt": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 exe"),
        },
    )
    assert response.status_code == 400
    assert "JPEG eller PNG" in response.content.decode()
    assert not ClaimLine.objects.exists()


def test_it_adds_a_phone_allowance_and_a_meal_allowance(
    signed_in, engagement, make_claim, volunteer, organisation
):
    claim = make_claim(volunteer=volunteer, organisation=organisation, year=2023)
    response = signed_in.post(
        url("claim_add_allowance", claim),
        {
            "allowance-kind": "phone",
            "allowance-date": "2023-05-01",
            "allowance-purpose": "Telefon og internet",
            "allowance-amount": "500",
        },
    )
    assert response.status_code == 302
    response = signed_in.post(
        url("claim_add_meal", claim),
        {"meal-date": "2023-06-10", "meal-purpose": "Sommerfest", "meal-days": "2"},
    )
    assert response.status_code == 302
    assert sorted(claim.lines.values_list("kind", "amount")) == [
        (LineKind.MEAL, Decimal("160.00")),
        (LineKind.PHONE, Decimal("500.00")),
    ]
    html = signed_in.get(url("my_claim", claim)).content.decode()
    assert "660,00 kr." in html and "2 dage" in html


def test_it_removes_a_line(signed_in, claim, volunteer):
    line = drive(claim, volunteer)
    response = signed_in.post(url("claim_remove_line", claim, line.pk))
    assert response.status_code == 302
    assert not claim.lines.exists()


# --- Submitting and deleting -----------------------------------------------------------------


def test_it_submits_after_a_confirmation_and_then_is_read_only(
    signed_in, claim, volunteer, coordinator, django_capture_on_commit_callbacks
):
    line = drive(claim, volunteer)
    confirm = signed_in.get(url("submit_claim", claim))
    assert confirm.status_code == 200 and "159,18 kr." in confirm.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url("submit_claim", claim))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert coordinator.email in {m.to[0] for m in mail.outbox}

    page = signed_in.get(url("my_claim", claim))
    html = page.content.decode()
    assert page.context["editable"] is False
    assert url("claim_add_mileage", claim) not in html
    assert url("claim_remove_line", claim, line.pk) not in html
    assert url("delete_claim", claim) not in html
    # Too late to change: the forms' addresses refuse.
    assert signed_in.post(url("claim_add_mileage", claim), mileage_post()).status_code == 302
    signed_in.post(url("claim_remove_line", claim, line.pk))
    assert signed_in.get(url("submit_claim", claim)).status_code == 302
    assert claim.lines.count() == 1


def test_it_does_not_submit_an_empty_claim(signed_in, claim):
    assert url("submit_claim", claim) not in signed_in.get(url("my_claim", claim)).content.decode()
    signed_in.post(url("submit_claim", claim))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


def test_it_deletes_a_draft_after_a_confirmation(signed_in, claim, volunteer):
    outlay(claim, volunteer)
    assert signed_in.get(url("delete_claim", claim)).status_code == 200
    assert Claim.objects.exists()
    response = signed_in.post(url("delete_claim", claim))
    assert response.status_code == 302 and response.url == reverse("portal:my_claims")
    assert not Claim.objects.exists()


def test_it_does_not_delete_a_submitted_claim(signed_in, claim, volunteer):
    drive(claim, volunteer)
    services.submit(claim=claim, volunteer=volunteer)
    signed_in.post(url("delete_claim", claim))
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_it_shows_the_reason_of_a_rejected_claim(signed_in, claim, volunteer, coordinator):
    drive(claim, volunteer)
    services.submit(claim=claim, volunteer=volunteer)
    services.reject(claim=claim, by=coordinator, reason="Turen var privat.")
    html = signed_in.get(url("my_claim", claim)).content.decode()
    assert "Turen var privat." in html
    assert url("claim_add_mileage", claim) not in html


# --- Queries ---------------------------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_it_reads_the_list_and_the_claim_in_a_flat_number_of_queries(
    signed_in, claim, volunteer, make_claim, organisation
):
    for n in range(2):
        drive(claim, volunteer, km="5", day=date(2024, 3, n + 1))
        make_claim(volunteer=volunteer, organisation=organisation, year=2024)
    outlay(claim, volunteer)
    few_list = _queries(signed_in, reverse("portal:my_claims"))
    few_lines = _queries(signed_in, url("my_claim", claim))
    for n in range(8):
        drive(claim, volunteer, km="5", day=date(2024, 4, n + 1))
        make_claim(volunteer=volunteer, organisation=organisation, year=2024)
        outlay(claim, volunteer)
    assert _queries(signed_in, reverse("portal:my_claims")) == few_list
    assert _queries(signed_in, url("my_claim", claim)) == few_lines


# --- The copy of one's data ------------------------------------------------------------------


def test_it_puts_the_claims_in_the_copy_of_the_persons_data(claim, volunteer):
    drive(claim, volunteer)
    outlay(claim, volunteer)
    services.submit(claim=claim, volunteer=volunteer)
    [exported] = privacy.export_user_data(user=volunteer)["expense_claims"]
    assert exported["status"] == "submitted" and exported["total"] == "248.68"
    assert exported["submitted_at"] and exported["year"] == 2024
    assert len(exported["lines"]) == 2
    assert "receipt" not in str(exported)


def test_it_refuses_an_engagement_with_another_organisation_next_to_the_field(
    signed_in, engagement, volunteer, other_organisation, make_opportunity, outsider
):
    theirs = make_opportunity(organisation=other_organisation)
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=theirs), by=outsider
    )
    response = signed_in.post(
        reverse("portal:new_claim"),
        {
            "organisation": other_organisation.pk,
            "engagement": engagement.pk,
            "year": timezone.localdate().year,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("engagement")
    assert not Claim.objects.exists()
