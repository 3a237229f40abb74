import datetime

import pytest
from django.core import mail
from django.utils import timezone

from frivillig.catalog import services as catalog
from frivillig.catalog.models import OpportunityStatus
from frivillig.engagements import eligibility, services
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)


@pytest.fixture
def opportunity(make_opportunity):
    return make_opportunity("Besøgsven i Nibe")


@pytest.fixture
def application(opportunity, volunteer, coordinator):
    return services.apply(volunteer=volunteer, opportunity=opportunity, message="Jeg vil gerne")


def test_it_tells_both_sides_when_someone_applies(
    opportunity, volunteer, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply(
            volunteer=volunteer, opportunity=opportunity, message="Hej", availability="Tirsdage"
        )
    assert application.status == ApplicationStatus.PENDING
    assert application.organisation == opportunity.organisation
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["frivillig@example.dk", "karen@example.dk", "koordinator@example.dk"]
    receipt = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert "Besøgsven i Nibe" in receipt.subject
    assert receipt.alternatives[0][1] == "text/html"


def test_it_writes_to_each_person_in_their_language(
    opportunity, volunteer, django_capture_on_commit_callbacks
):
    volunteer.profile.language = "en"
    volunteer.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.apply(volunteer=volunteer, opportunity=opportunity)
    receipt = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert receipt.subject.startswith("We have received your application")
    to_contact = next(m for m in mail.outbox if m.to == ["karen@example.dk"])
    assert to_contact.subject.startswith("Ny ansøgning")


def test_it_refuses_a_second_application_kindly(application, opportunity, volunteer):
    with pytest.raises(eligibility.AlreadyApplied, match="allerede"):
        services.apply(volunteer=volunteer, opportunity=opportunity)
    assert Application.objects.count() == 1


def test_it_lets_you_apply_again_after_withdrawing(application, opportunity, volunteer):
    services.withdraw(application=application, volunteer=volunteer)
    services.apply(volunteer=volunteer, opportunity=opportunity)
    assert Application.objects.filter(status=ApplicationStatus.PENDING).count() == 1


def test_it_refuses_paused_and_closed_opportunities(opportunity, volunteer):
    catalog.set_opportunity_status(opportunity=opportunity, status=OpportunityStatus.PAUSED)
    with pytest.raises(eligibility.OpportunityNotOpen):
        services.apply(volunteer=volunteer, opportunity=opportunity)


def test_it_explains_an_age_requirement(make_opportunity, volunteer):
    young = make_opportunity(min_age=18)
    volunteer.profile.birth_year = timezone.localdate().year - 15
    volunteer.profile.save()
    with pytest.raises(eligibility.TooYoung, match="18"):
        services.apply(volunteer=volunteer, opportunity=young)


def test_it_turns_an_accepted_application_into_an_engagement(
    application, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.accept(application=application, by=coordinator)
    assert engagement.status == EngagementStatus.ACTIVE
    assert Application.objects.get().status == ApplicationStatus.ACCEPTED
    welcome = mail.outbox[-1]
    assert welcome.to == ["frivillig@example.dk"]
    assert "Karen Kontakt" in welcome.body  # the contact person
    assert welcome.reply_to == ["karen@example.dk"]


def test_it_answers_an_application_only_once(application, coordinator):
    services.accept(application=application, by=coordinator)
    with pytest.raises(services.EngagementError):
        services.decline(application=application, by=coordinator, message="Nej tak")
    assert Engagement.objects.count() == 1


def test_it_declines_with_the_organisations_own_words(
    application, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decline(
            application=application,
            by=coordinator,
            message="Tak for din interesse. Vi har fundet en frivillig.",
        )
    assert "Vi har fundet en frivillig." in mail.outbox[-1].body


def test_it_sends_a_question_that_the_volunteer_can_answer_by_reply(
    application, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_question(
            application=application, by=coordinator, question="Kan du også om torsdagen?"
        )
    assert "Kan du også om torsdagen?" in mail.outbox[-1].body
    assert mail.outbox[-1].reply_to == ["koordinator@example.dk"]


def test_it_lets_the_volunteer_pause_resume_and_end_without_a_reason(
    application, coordinator, volunteer, django_capture_on_commit_callbacks
):
    engagement = services.accept(application=application, by=coordinator)
    services.pause(engagement=engagement, volunteer=volunteer)
    services.resume(engagement=engagement, volunteer=volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.end(engagement=engagement, volunteer=volunteer)
    assert engagement.status == EngagementStatus.ENDED
    to_organisation = [m for m in mail.outbox if m.to != [volunteer.email]]
    assert sorted(a for m in to_organisation for a in m.to) == [
        "karen@example.dk",
        "koordinator@example.dk",
    ]
    assert all("Vera" not in m.body for m in to_organisation)  # no personal data it needs not
    # The volunteer is asked, once, how it went.
    (survey,) = [m for m in mail.outbox if m.to == [volunteer.email]]
    assert "/min-side/feedback/" in survey.body


def test_it_lets_only_the_volunteer_change_their_own_engagement(
    application, coordinator, make_user
):
    engagement = services.accept(application=application, by=coordinator)
    with pytest.raises(services.EngagementError):
        services.end(engagement=engagement, volunteer=make_user())


def test_it_lets_the_organisation_end_with_a_message(
    application, coordinator, django_capture_on_commit_callbacks
):
    engagement = services.accept(application=application, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.end_by_organisation(
            engagement=engagement, by=coordinator, message="Projektet er slut. Tak for indsatsen!"
        )
    (ending, survey) = mail.outbox[-2:]
    assert "Projektet er slut." in ending.body
    # However it ended, the volunteer is asked how it went.
    assert "/min-side/feedback/" in survey.body


def test_it_reminds_about_unanswered_applications_after_3_and_7_days(
    application, django_capture_on_commit_callbacks
):
    created = application.created_at
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=created + datetime.timedelta(days=2)) == 0
        assert services.send_reminders(now=created + datetime.timedelta(days=3, hours=1)) == 1
        assert services.send_reminders(now=created + datetime.timedelta(days=4)) == 0
        assert services.send_reminders(now=created + datetime.timedelta(days=7, hours=1)) == 1
        assert services.send_reminders(now=created + datetime.timedelta(days=30)) == 0
    subjects = [m.subject for m in mail.outbox]
    assert sum("Påmindelse" in s for s in subjects) == 4  # coordinator and contact, twice


def test_it_lets_the_database_forbid_two_open_applications(application, opportunity, volunteer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            opportunity=opportunity, volunteer=volunteer, organisation=opportunity.organisation
        )
