"""The volunteer's pages: thanks, the frivilligbevis (issue, download, revoke), the public
verification page and the volunteer award."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.recognition import services
from frivillig.recognition.models import Certificate, Nomination, RoundStatus, Thanks


@pytest.fixture
def certificate(volunteer, engagement, worked):
    worked(volunteer, hours="4.00")
    return services.issue_certificate(user=volunteer)


@pytest.fixture
def open_round(office_staff):
    today = timezone.localdate()
    award_round = services.create_round(
        title="Årets frivillige 2026",
        description="Kend du en ildsjæl?",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        by=office_staff,
    )
    return services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)


# Thanks -------------------------------------------------------------------------------------


def test_the_volunteer_sees_their_thanks_escaped(
    client, organisation, owner, volunteer, engagement
):
    services.thank(
        organisation=organisation,
        volunteer=volunteer,
        author=owner,
        message="Tak! <script>alert(1)</script>",
    )
    client.force_login(volunteer)
    response = client.get(reverse("portal:my_thanks"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tak fra dine organisationer" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_the_thanks_list_is_flat_in_queries(client, volunteer, engagement):
    def add(n):
        start = Thanks.objects.count()
        for i in range(start, start + n):
            Thanks.objects.create(
                organisation=engagement.organisation,
                volunteer=volunteer,
                message="Tak",
                day=timezone.localdate() - timedelta(days=i),
            )

    def count():
        client.force_login(volunteer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portal:my_thanks")).status_code == 200
        return len(ctx)

    add(2)
    two = count()
    add(8)
    assert count() == two


# Certificates -------------------------------------------------------------------------------


def test_the_volunteer_issues_a_certificate_with_the_roles_they_choose(
    client, volunteer, engage, worked
):
    chosen = engage(volunteer)
    engage(volunteer)
    client.force_login(volunteer)
    page = client.get(reverse("portal:my_certificates"))
    assert page.status_code == 200
    assert "Frivilligbevis" in page.content.decode()

    response = client.post(
        reverse("portal:my_certificates"),
        {"roles": [f"engagement-{chosen.pk}"], "language": "en"},
    )

    assert response.status_code == 302
    certificate = Certificate.objects.get(user=volunteer)
    assert certificate.language == "en"
    assert [r["title"] for r in certificate.content["roles"]] == [chosen.opportunity.title]


def test_issuing_with_nothing_chosen_or_a_bad_key_keeps_the_form(client, volunteer, engagement):
    client.force_login(volunteer)
    response = client.post(reverse("portal:my_certificates"), {"language": "da"})
    assert response.status_code == 400
    assert "Vælg mindst én" in response.content.decode()
    response = client.post(
        reverse("portal:my_certificates"), {"roles": ["<script>"], "language": "xx"}
    )
    assert response.status_code == 400
    assert not Certificate.objects.exists()


def test_the_certificate_page_is_flat_in_queries(client, volunteer, engage, worked):
    def count():
        client.force_login(volunteer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portal:my_certificates")).status_code == 200
        return len(ctx)

    for _ in range(2):
        engage(volunteer)
        worked(volunteer)
    services.issue_certificate(user=volunteer)
    two = count()
    for _ in range(8):
        engage(volunteer)
        worked(volunteer)
        services.issue_certificate(user=volunteer)
    assert count() == two


def test_the_volunteer_downloads_their_certificate_as_a_pdf(client, volunteer, certificate):
    client.force_login(volunteer)
    response = client.get(reverse("portal:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert certificate.code in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_another_persons_certificate_is_not_found(client, make_user, certificate):
    client.force_login(make_user())
    assert client.get(reverse("portal:certificate_pdf", args=[certificate.pk])).status_code == 404
    assert (
        client.get(reverse("portal:certificate_revoke", args=[certificate.pk])).status_code == 404
    )
    assert (
        client.post(reverse("portal:certificate_revoke", args=[certificate.pk])).status_code == 404
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.parametrize("name", ["my_thanks", "my_certificates", "my_nominations"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_anonymous_visitors_are_sent_to_log_in_for_a_certificate(client, certificate):
    for name in ("portal:certificate_pdf", "portal:certificate_revoke"):
        assert client.get(reverse(name, args=[certificate.pk])).status_code == 302


def test_the_volunteer_revokes_after_confirming(client, volunteer, certificate):
    client.force_login(volunteer)
    url = reverse("portal:certificate_revoke", args=[certificate.pk])
    page = client.get(url)
    assert "Tilbagekald beviset?" in page.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    assert client.post(url).status_code == 302

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    shown = client.get(reverse("portal:certificate", args=[certificate.code])).content.decode()
    assert "Tilbagekaldt" in shown


# Public verification ------------------------------------------------------------------------


def test_anyone_verifies_a_valid_certificate_and_sees_only_the_snapshot(
    client, volunteer, certificate
):
    response = client.get(reverse("portal:certificate", args=[certificate.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gyldigt" in page
    assert "Vera Frivillig" in page
    assert "4.00" in page
    assert volunteer.email not in page and "1990" not in page


def test_the_verification_form_accepts_the_code_as_typed(client, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get(reverse("portal:verify_certificate"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:certificate", args=[certificate.code])
    assert client.get(reverse("portal:verify_certificate")).status_code == 200
    assert client.get(reverse("portal:verify_certificate"), {"code": ""}).status_code == 400


@pytest.mark.parametrize("code", ["FB-AAAA-BBBB-CCCC", "<script>", "x" * 10_000])
def test_an_unknown_code_is_a_friendly_404(client, db, code):
    response = client.get(reverse("portal:certificate", args=[code]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Intet frivilligbevis har denne kode" in page
    assert "<script>" not in page


def test_a_deleted_account_leaves_its_certificate_unknown(client, volunteer, certificate):
    code = certificate.code
    volunteer.delete()
    assert client.get(reverse("portal:certificate", args=[code])).status_code == 404


# Awards -------------------------------------------------------------------------------------


def test_a_citizen_nominates_a_volunteer_in_the_open_round(client, volunteer, open_round):
    client.force_login(volunteer)
    page = client.get(reverse("portal:award"))
    assert "Årets frivillige 2026" in page.content.decode()

    response = client.post(
        reverse("portal:award"),
        {"nominee_name": "Grete", "nominee_organisation": "Nibe", "reason": "Altid klar."},
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominator == volunteer and nomination.round == open_round
    mine = client.get(reverse("portal:my_nominations")).content.decode()
    assert "Grete" in mine


def test_nominating_needs_a_log_in(client, open_round):
    assert client.get(reverse("portal:award")).status_code == 200
    response = client.post(reverse("portal:award"), {"nominee_name": "G", "reason": "R"})
    assert response.status_code == 302
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"nominee_name": "", "reason": "R"},
        {"nominee_name": "G", "reason": "x" * 10_000},
        {"nominee_name": "G", "reason": "   "},
    ],
)
def test_a_bad_nomination_keeps_what_was_typed(client, volunteer, open_round, data):
    client.force_login(volunteer)
    response = client.post(reverse("portal:award"), data)
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_nominations_are_refused_when_the_round_is_closed(client, volunteer, open_round):
    services.set_round_status(award_round=open_round, status=RoundStatus.CLOSED)
    client.force_login(volunteer)
    page = client.get(reverse("portal:award")).content.decode()
    assert "Ingen prisrunde" in page
    response = client.post(reverse("portal:award"), {"nominee_name": "G", "reason": "R"})
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_another_persons_nominations_are_not_shown(client, make_user, volunteer, open_round):
    services.nominate(
        award_round=open_round,
        nominator=volunteer,
        nominee_name="Hemmelig Person",
        nominee_organisation="",
        reason="R",
    )
    client.force_login(make_user())
    assert "Hemmelig Person" not in client.get(reverse("portal:my_nominations")).content.decode()
    assert "Hemmelig Person" not in client.get(reverse("portal:award")).content.decode()
