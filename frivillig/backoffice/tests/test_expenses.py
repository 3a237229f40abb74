"""Expense claims in the back office: the approver's list, a claim with the year's totals and
the guard, approve / approve the rest / reject, mark as paid, receipts, the yearly statement,
the export for the bookkeeping and the payer's policy. An owner (admin) and a coordinator
approve; a member (viewer) and an outsider get 404s, as claims hold personal data."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.expenses import services
from frivillig.expenses.models import Claim, ClaimLine, ClaimStatus, LineKind, PayerPolicy

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _remove_receipts(db):
    """Receipts go to private storage on disk; a test leaves none behind."""
    yield
    for line in ClaimLine.objects.exclude(receipt=""):
        line.receipt.storage.delete(line.receipt.name)


@pytest.fixture
def claims(engagement, volunteer, expense_rates):
    """Builds claims by the engaged volunteer (Vera) to the organisation, in 2024."""

    def make(*, phone=None, km=None, outlay=None, day=date(2024, 3, 1), submit=True):
        claim = services.start_claim(
            volunteer=volunteer, organisation=engagement.organisation, year=2024
        )
        for distance in [km] if isinstance(km, str) else km or []:
            services.add_mileage(
                claim=claim,
                volunteer=volunteer,
                date=day,
                from_place="Nibe",
                to_place="Aalborg",
                purpose="Besøg hos Inger",
                km=distance,
                vehicle="car",
            )
        if phone is not None:
            services.add_allowance(
                claim=claim,
                volunteer=volunteer,
                kind=LineKind.PHONE,
                date=day,
                purpose="Telefon til vagtplanen",
                amount=phone,
            )
        if outlay is not None:
            services.add_outlay(
                claim=claim,
                volunteer=volunteer,
                date=day,
                purpose="Kaffe til mødet",
                amount=outlay,
                receipt=SimpleUploadedFile("bon.pdf", PDF, content_type="application/pdf"),
            )
        if submit:
            claim = services.submit(claim=claim, volunteer=volunteer)
        return claim

    return make


def _approved(claim, by, **kwargs):
    return services.approve(claim=claim, by=by, **kwargs)


# The list -----------------------------------------------------------------------------------


def test_it_lists_submitted_claims_newest_first_with_totals_and_never_drafts(
    english, coordinator, organisation, claims, bo_url
):
    older = claims(km="42")  # 159.18 kr
    newer = claims(phone="300")
    Claim.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=3))
    claims(phone="99", submit=False)
    english.force_login(coordinator)
    response = english.get(bo_url("claim_list", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f"#{newer.pk}") < html.index(f"#{older.pk}")
    assert "159.18" in html and "300.00" in html and "459.18" in html
    assert "99.00" not in html  # the draft is the volunteer's own
    assert "<caption>" in html


def test_it_filters_by_status_year_and_period(
    english, owner, organisation, claims, coordinator, bo_url
):
    approved = _approved(claims(km="10"), coordinator)
    waiting = claims(phone="100")
    Claim.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - timedelta(days=40))
    english.force_login(owner)
    url = bo_url("claim_list", organisation)

    def shown(**params):
        html = english.get(url, params).content.decode()
        return {pk for pk in (approved.pk, waiting.pk) if f"#{pk}<" in html}

    assert shown() == {approved.pk, waiting.pk}
    assert shown(status="approved") == {approved.pk}
    assert shown(year="2023") == set()
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert shown(date_from=since) == {approved.pk}
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert shown(date_to=until) == {waiting.pk}
    bad = english.get(url, {"date_from": since, "date_to": until})
    assert "The end date must be on or after the start date." in bad.content.decode()


def _list_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_it_reads_the_list_in_the_same_number_of_queries_for_2_and_10_claims(
    english, owner, organisation, claims, bo_url, coordinator
):
    english.force_login(owner)
    url = bo_url("claim_list", organisation)
    for n in range(2):
        _approved(claims(km=str(10 + n)), coordinator)
    few = _list_queries(english, url)
    for n in range(8):
        claim = claims(km=str(20 + n), outlay="12.50" if n % 2 else None)
        if n % 3:
            _approved(claim, coordinator)
    many = _list_queries(english, url)
    assert few == many


def test_it_is_a_404_for_a_viewer_and_for_another_organisations_staff(
    client, member, outsider, organisation, other_organisation, claims, bo_url
):
    claim = claims(phone="100")
    for user in (member, outsider):
        client.force_login(user)
        assert client.get(bo_url("claim_list", organisation)).status_code == 404
        assert client.get(bo_url("claim_detail", organisation, claim.pk)).status_code == 404
    # The outsider's own back office does not have it either.
    assert client.get(bo_url("claim_detail", other_organisation, claim.pk)).status_code == 404


def test_it_hides_the_link_from_a_viewer(english, member, owner, organisation, bo_url):
    link = bo_url("claim_list", organisation)
    english.force_login(member)
    assert link not in english.get(bo_url("dashboard", organisation)).content.decode()
    english.force_login(owner)
    assert link in english.get(bo_url("dashboard", organisation)).content.decode()


# One claim ----------------------------------------------------------------------------------


def test_it_shows_a_claim_with_the_km_split_the_rates_and_the_year_so_far(
    english, coordinator, organisation, claims, bo_url
):
    first = claims(km=["5000", "5000", "5000", "4990"], phone="2000")  # 19,990 km
    _approved(first, coordinator)
    second = claims(km="30", phone="100", day=date(2024, 11, 1))
    english.force_login(coordinator)
    response = english.get(bo_url("claim_detail", organisation, second.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nibe → Aalborg" in html
    assert "10.0 km below and 20.0 km above 20,000 km this year" in html
    assert "10.0 km × 3.79 kr + 20.0 km × 2.23 kr = 82.50 kr" in html
    # The year so far: km and amounts per category, against the year's limits.
    assert "19,990.0 km" in html and "20,020.0 km" in html
    assert "2,000.00 kr" in html and "2,100.00 kr" in html and "2,450.00 kr" in html
    assert "not recorded" in html  # special clothing and meals for 2024
    assert "Statement for 2024" in html
    assert "would pass a tax-free limit" not in html
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.what) == (coordinator, "expense claim")


def test_it_approves_after_asking_and_tells_the_volunteer(
    english,
    coordinator,
    organisation,
    claims,
    volunteer,
    bo_url,
    django_capture_on_commit_callbacks,
):
    claim = claims(km="42")
    english.force_login(coordinator)
    url = bo_url("claim_approve", organisation, claim.pk)
    confirm = english.get(url)
    assert confirm.status_code == 200
    assert "Yes, approve the claim" in confirm.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, coordinator)
    assert mail.outbox[-1].to == [volunteer.email]
    again = english.post(url, follow=True)
    assert "already been decided" in again.content.decode()


def test_it_shows_the_guard_and_refuses_a_phone_allowance_past_the_limit(
    english, owner, coordinator, organisation, claims, bo_url
):
    _approved(claims(phone="2000"), coordinator)
    second = claims(phone="600", day=date(2024, 9, 1))
    english.force_login(owner)
    detail = english.get(bo_url("claim_detail", organisation, second.pk)).content.decode()
    assert "This claim would pass a tax-free limit" in detail
    assert "2000.00 kr is already paid this year" in detail
    assert "Approve only the remaining 450.00 kr" in detail
    assert bo_url("claim_approve_remaining", organisation, second.pk) in detail
    assert bo_url("claim_reject", organisation, second.pk) in detail
    assert "Passes the limit" in detail

    response = english.post(bo_url("claim_approve", organisation, second.pk))
    assert response.status_code == 409
    assert "The claim was not approved" in response.content.decode()
    second.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED


def test_it_refuses_when_another_approval_came_first(
    english, owner, coordinator, organisation, claims, bo_url
):
    """The confirmation was shown before a colleague approved the first claim; the service's
    guard still has the last word, and its explanation is shown."""
    first = claims(phone="2000")
    second = claims(phone="600")
    english.force_login(owner)
    url = bo_url("claim_approve", organisation, second.pk)
    assert "Yes, approve the claim" in english.get(url).content.decode()
    _approved(first, coordinator)
    response = english.post(url)
    assert response.status_code == 409
    assert "passes the tax-free limit of 2450.00 kr" in response.content.decode()


def test_it_approves_only_the_remaining_amount_when_the_approver_chooses_it(
    english, owner, coordinator, organisation, claims, bo_url
):
    _approved(claims(phone="2000"), coordinator)
    second = claims(phone="600", km="10")
    english.force_login(owner)
    url = bo_url("claim_approve_remaining", organisation, second.pk)
    confirm = english.get(url).content.decode()
    assert "450.00 kr" in confirm
    assert "approved with 487.90 kr in all" in confirm  # 450 + 10 km × 3.79
    assert english.post(url).status_code == 302
    second.refresh_from_db()
    assert second.status == ClaimStatus.APPROVED
    phone = second.lines.get(kind=LineKind.PHONE)
    assert (phone.amount, phone.claimed_amount) == (Decimal("450.00"), Decimal("600.00"))
    detail = english.get(bo_url("claim_detail", organisation, second.pk)).content.decode()
    assert "600.00 kr was claimed" in detail


def test_it_sends_straight_to_the_plain_approval_when_nothing_passes_a_limit(
    english, owner, organisation, claims, bo_url
):
    claim = claims(phone="100")
    english.force_login(owner)
    response = english.get(bo_url("claim_approve_remaining", organisation, claim.pk))
    assert response["Location"] == bo_url("claim_approve", organisation, claim.pk)


def test_it_offers_no_reduced_approval_when_the_years_limit_is_not_recorded(
    english, owner, organisation, engagement, volunteer, expense_rates, bo_url
):
    claim = services.start_claim(volunteer=volunteer, organisation=organisation, year=2025)
    services.add_allowance(
        claim=claim,
        volunteer=volunteer,
        kind=LineKind.ADMINISTRATION,
        date=date(2025, 2, 3),
        purpose="Kassererarbejde",
        amount="200",
    )
    services.submit(claim=claim, volunteer=volunteer)
    english.force_login(owner)
    detail = english.get(bo_url("claim_detail", organisation, claim.pk)).content.decode()
    assert "the tax-free limit for this year is not recorded" in detail
    assert bo_url("claim_approve_remaining", organisation, claim.pk) not in detail
    url = bo_url("claim_approve_remaining", organisation, claim.pk)
    assert "A limit for this year is not recorded" in english.get(url).content.decode()
    refused = english.post(url)
    assert refused.status_code == 409
    assert "not recorded" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_it_keeps_a_decided_claim_readable_after_the_account_is_deleted(
    english, owner, coordinator, organisation, claims, volunteer, bo_url
):
    from frivillig.accounts.privacy import delete_account

    claim = _approved(claims(km="42"), coordinator)
    delete_account(user=volunteer)
    english.force_login(owner)
    detail = english.get(bo_url("claim_detail", organisation, claim.pk))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Vera Frivillig" in html and "the account has been deleted" in html
    assert "cannot be compared with their other claims" in html
    assert not PersonalDataRead.objects.filter(action="read").exists()
    statement = english.get(bo_url("claim_statement", organisation, claim.pk))
    assert statement.content.startswith(b"%PDF")


def test_it_needs_a_reason_to_reject(english, coordinator, organisation, claims, bo_url):
    claim = claims(km="12")
    english.force_login(coordinator)
    url = bo_url("claim_reject", organisation, claim.pk)
    assert english.get(url).status_code == 200
    empty = english.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Write the reason" in empty.content.decode()
    assert english.post(url, {"reason": "Kørslen var ikke aftalt."}).status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.rejection_reason) == (
        ClaimStatus.REJECTED,
        "Kørslen var ikke aftalt.",
    )


# Paying -------------------------------------------------------------------------------------


def test_it_marks_approved_claims_as_paid_after_showing_the_count_and_the_sum(
    english,
    owner,
    coordinator,
    organisation,
    claims,
    bo_url,
    django_capture_on_commit_callbacks,
):
    one = _approved(claims(km="42"), coordinator)  # 159.18
    two = _approved(claims(phone="250"), coordinator)
    waiting = claims(phone="10")
    english.force_login(owner)
    listing = english.get(bo_url("claim_list", organisation)).content.decode()
    assert f'id="claim-{one.pk}"' in listing and f'id="claim-{waiting.pk}"' not in listing

    url = bo_url("claim_mark_paid", organisation)
    chosen = {"claims": [one.pk, two.pk, waiting.pk]}
    confirm = english.post(url, chosen)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "2 claims of 409.18 kr in all" in html
    assert "1 of the chosen claims is not approved" in html
    assert Claim.objects.filter(status=ClaimStatus.PAID).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        done = english.post(url, {**chosen, "step": "confirm"}, follow=True)
    assert "2 claims are marked as paid." in done.content.decode()
    assert set(Claim.objects.filter(status=ClaimStatus.PAID).values_list("pk", flat=True)) == {
        one.pk,
        two.pk,
    }
    assert english.get(url).status_code == 405


def test_it_asks_for_a_choice_before_marking_anything_paid(english, owner, organisation, bo_url):
    english.force_login(owner)
    response = english.post(bo_url("claim_mark_paid", organisation), follow=True)
    assert "Choose at least one approved claim" in response.content.decode()


# Receipts and the statement -----------------------------------------------------------------


def test_it_streams_a_receipt_only_to_the_payers_approvers(
    client, coordinator, member, outsider, organisation, other_organisation, claims, bo_url
):
    claim = claims(outlay="89.50")
    line = claim.lines.get()
    url = bo_url("claim_receipt", organisation, line.pk)
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "bon.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert PersonalDataRead.objects.filter(what="expense receipt").count() == 1
    for user in (member, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert client.get(bo_url("claim_receipt", other_organisation, line.pk)).status_code == 404
    # The claim links to the checked view, never to the file's place in storage.
    client.force_login(coordinator)
    detail = client.get(bo_url("claim_detail", organisation, claim.pk)).content.decode()
    assert url in detail and line.receipt.name not in detail


def test_it_makes_the_yearly_statement_as_a_pdf(client, coordinator, organisation, claims, bo_url):
    claim = _approved(claims(km="42", phone="100"), coordinator)
    client.force_login(coordinator)
    response = client.get(bo_url("claim_statement", organisation, claim.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "udgiftsopgoerelse-2024-vera-frivillig.pdf" in response["Content-Disposition"]
    assert PersonalDataRead.objects.filter(what="expense statement").exists()


# Export -------------------------------------------------------------------------------------


def test_it_exports_the_approved_claims_of_a_period_as_csv_and_xlsx(
    english, owner, coordinator, organisation, claims, bo_url
):
    from io import BytesIO

    from openpyxl import load_workbook

    approved = _approved(claims(km="42"), coordinator)
    paid = _approved(claims(phone="250"), coordinator)
    services.mark_paid(claims=[paid], by=coordinator)
    claims(phone="10")  # submitted: not in any export
    english.force_login(owner)
    url = bo_url("claim_export", organisation)
    page = english.get(url)
    assert page.status_code == 200
    assert "never stores CPR numbers" in page.content.decode()

    today = timezone.localdate().isoformat()
    period = {"date_from": today, "date_to": today}
    csv = english.get(url, {**period, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = [line.split(";") for line in text[1:].strip().split("\r\n")]
    assert rows[0][-1] == "CPR number (filled in by the payroll system)"
    assert [r[0] for r in rows[1:-1]] == [str(approved.pk)]
    assert rows[1][13] == "159,18" and rows[1][-1] == ""

    xlsx = english.get(url, {**period, "format": "xlsx", "include_paid": "on"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in values[1:-1]] == [approved.pk, paid.pk]
    assert values[-1][13] == pytest.approx(409.18)
    assert PersonalDataRead.objects.filter(what="expense export").count() == 2

    wrong = english.get(url, {"date_from": today, "date_to": "2000-01-01", "format": "csv"})
    assert wrong.status_code == 400


# The payer's policy -------------------------------------------------------------------------


def test_it_saves_the_policy_in_the_payers_own_words(
    english, owner, organisation, bo_url, expense_rates
):
    english.force_login(owner)
    url = bo_url("expense_policy", organisation)
    page = english.get(url).content.decode()
    assert "is an association" in page
    response = english.post(url, {"pays_outlays": "on", "note": "Send bonner inden en måned."})
    assert response.status_code == 302
    policy = PayerPolicy.objects.get(organisation=organisation)
    assert (policy.pays_mileage, policy.pays_outlays, policy.pays_flat_allowances) == (
        False,
        True,
        False,
    )
    page = english.get(url).content.decode()
    assert "Send bonner inden en måned." in page
    assert "does not pay for driving" in page


def test_it_keeps_flat_allowances_closed_to_a_municipal_unit(
    english, make_user, municipal_unit, bo_url
):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    head = make_user("leder@example.dk")
    add_member(organisation=municipal_unit, user=head, role=Role.ADMIN)
    english.force_login(head)
    url = bo_url("expense_policy", municipal_unit)
    page = english.get(url).content.decode()
    assert "Only an association may pay tax-free flat allowances" in page
    assert 'name="pays_flat_allowances"' in page and "disabled" in page
    english.post(url, {"pays_mileage": "on", "pays_flat_allowances": "on"})
    assert PayerPolicy.objects.get(organisation=municipal_unit).pays_flat_allowances is False
