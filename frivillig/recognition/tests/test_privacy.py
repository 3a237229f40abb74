"""The person's recognition in their data export, and what deleting the account does."""

import json
from datetime import timedelta

from django.utils import timezone

from frivillig.recognition import privacy, services
from frivillig.recognition.models import Certificate, Nomination, RoundStatus, Thanks


def test_the_export_holds_thanks_certificates_and_nominations(
    organisation, owner, volunteer, engagement, office_staff
):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")
    certificate = services.issue_certificate(user=volunteer)
    today = timezone.localdate()
    award_round = services.create_round(
        title="Prisen",
        description="",
        opens_on=today,
        closes_on=today + timedelta(days=1),
        by=office_staff,
    )
    services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)
    services.nominate(
        award_round=award_round,
        nominator=volunteer,
        nominee_name="Grete",
        nominee_organisation="",
        reason="Altid klar.",
    )

    export = privacy.export_for(volunteer)

    json.dumps(export)  # JSON-ready
    assert [t["message"] for t in export["thanks"]] == ["Tak"]
    assert [c["code"] for c in export["certificates"]] == [certificate.code]
    assert [n["nominee_name"] for n in export["nominations"]] == ["Grete"]


def test_deleting_the_account_deletes_the_persons_recognition(
    organisation, owner, volunteer, engagement
):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")
    services.issue_certificate(user=volunteer)
    volunteer.delete()
    assert not Thanks.objects.exists() and not Certificate.objects.exists()
    assert not Nomination.objects.exists()


def test_a_thanks_outlives_its_authors_account(organisation, owner, volunteer, engagement):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")
    owner.delete()
    assert Thanks.objects.get().author is None
