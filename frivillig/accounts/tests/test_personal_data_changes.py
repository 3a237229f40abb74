"""Staff changes to a volunteer's personal data are written to the same log as reads, by the
services, inside their transaction; the volunteer's own changes are not."""

import pytest
from django.urls import reverse

from frivillig.accounts.models import PersonalDataAction, PersonalDataRead
from frivillig.engagements import services as engagements
from frivillig.engagements.models import QualificationStatus, QualificationType
from frivillig.engagements.qualifications import record
from frivillig.events import signup as signups

URL = reverse("coordination:audit_log")


def changes():
    return list(
        PersonalDataRead.objects.filter(action=PersonalDataAction.CHANGE).values_list(
            "staff__email", "volunteer__email", "organisation__name", "what"
        )
    )


@pytest.fixture
def application(volunteer, make_opportunity):
    return engagements.apply(volunteer=volunteer, opportunity=make_opportunity())


def test_answering_an_application_is_logged_as_a_change(
    owner, volunteer, organisation, application
):
    engagements.accept(application=application, by=owner)
    assert changes() == [(owner.email, volunteer.email, organisation.name, "application")]


def test_declining_and_asking_are_logged(owner, coordinator, volunteer, make_opportunity):
    first = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    second = engagements.apply(volunteer=volunteer, opportunity=make_opportunity())
    engagements.ask_question(application=first, by=coordinator, question="Har du bil?")
    engagements.decline(application=second, by=owner, message="Desværre fuldt.")
    assert sorted(c[0] for c in changes()) == sorted([coordinator.email, owner.email])


def test_ending_an_engagement_is_logged_when_staff_do_it_and_not_when_the_volunteer_does(
    owner, volunteer, make_opportunity
):
    ours = engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=make_opportunity()),
        by=owner,
    )
    theirs = engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=make_opportunity()),
        by=owner,
    )
    before = len(changes())
    engagements.end(engagement=theirs, volunteer=volunteer)
    assert len(changes()) == before
    engagements.end_by_organisation(engagement=ours, by=owner, message="")
    assert len(changes()) == before + 1
    assert "engagement" in [c[3] for c in changes()]


def test_a_change_that_fails_leaves_no_line(owner, application):
    engagements.decline(application=application, by=owner, message="")
    before = PersonalDataRead.objects.count()
    with pytest.raises(engagements.EngagementError):
        engagements.accept(application=application, by=owner)
    assert PersonalDataRead.objects.count() == before


def test_recording_a_qualification_is_logged(owner, volunteer, organisation):
    kind = QualificationType.objects.order_by("pk").first()
    record(
        volunteer=volunteer,
        qualification_type=kind,
        organisation=organisation,
        status=QualificationStatus.REQUESTED,
        obtained_on=None,
        checked_by=owner,
    )
    assert changes() == [(owner.email, volunteer.email, organisation.name, "qualifications")]


def test_sending_and_countersigning_an_agreement_are_logged(
    owner, volunteer, organisation, make_agreement
):
    make_agreement(organisation=organisation, volunteer=volunteer, by=owner)
    assert changes() == [(owner.email, volunteer.email, organisation.name, "agreement")]


def test_taking_someone_off_a_shift_is_logged(owner, volunteer, organisation, make_shift):
    shift = make_shift()
    signup = signups.sign_up(volunteer=volunteer, shift=shift).signup
    signups.remove_by_organisation(signup=signup, by=owner)
    assert changes() == [(owner.email, volunteer.email, organisation.name, "shift")]


def test_the_audit_log_filters_changes_from_reads(client, office_staff, owner, application):
    engagements.accept(application=application, by=owner)
    client.force_login(office_staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(URL, {"action": "change"}).content.decode()
    assert "1 line" in html and "Change" in html
    assert "No reads match the filter." in client.get(URL, {"action": "read"}).content.decode()
    csv = client.get(reverse("coordination:audit_log_csv")).content.decode("utf-8-sig")
    assert csv.splitlines()[0].endswith(";Read or change")
    assert csv.splitlines()[1].endswith(";Change")


def test_an_unknown_action_is_a_form_error_and_shows_nothing(
    client, office_staff, application, owner
):
    engagements.accept(application=application, by=owner)
    client.force_login(office_staff)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(URL, {"action": "delete"}).content.decode()
    assert "Correct the filter to see the log." in html
