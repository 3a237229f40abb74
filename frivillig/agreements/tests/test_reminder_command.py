import datetime

from django.core.management import call_command
from django.utils import timezone

from frivillig.agreements import services as agreements
from frivillig.engagements import qualifications
from frivillig.engagements.models import QualificationKind
from frivillig.organisations.models import Role
from frivillig.organisations.services import add_member


def test_it_sends_review_and_recheck_reminders_once(
    make_cooperation, municipal_unit, organisation, owner, volunteer, mailoutbox, capsys
):
    add_member(organisation=municipal_unit, user=owner, role=Role.ADMIN)
    today = timezone.localdate()
    agreement = make_cooperation(
        municipal_unit=municipal_unit,
        partner=organisation,
        starts_on=today - datetime.timedelta(days=300),
        review_on=today + datetime.timedelta(days=30),
    )
    agreements.send_cooperation(agreement=agreement, by=owner)
    for party in (municipal_unit, organisation):
        agreements.sign_cooperation(agreement=agreement, party=party, by=owner, ip=None)
    qualifications.record(
        volunteer=volunteer,
        qualification_type=qualifications.shared_type(QualificationKind.CHILD_CERTIFICATE),
        organisation=organisation,
        status="approved",
        obtained_on=today - datetime.timedelta(days=720),
        checked_by=owner,
    )

    call_command("send_agreement_reminders")
    out = capsys.readouterr().out
    assert "1 review reminder(s) sent." in out
    assert "1 recheck reminder(s) sent." in out

    call_command("send_agreement_reminders")
    out = capsys.readouterr().out
    assert "0 review reminder(s) sent." in out and "0 recheck reminder(s) sent." in out
