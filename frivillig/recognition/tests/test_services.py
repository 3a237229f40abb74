"""The recognition services, called directly."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db.models import Sum
from django.utils import timezone, translation

from frivillig.events.models import Attendance, EventKind, ShiftSignup, SignupStatus
from frivillig.recognition import services
from frivillig.recognition.models import (
    CODE_ALPHABET,
    Certificate,
    RoundStatus,
    Thanks,
    content_hash,
    normalise_code,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Thanks -------------------------------------------------------------------------------------


def test_it_thanks_a_volunteer_and_tells_them_by_email(
    organisation, owner, volunteer, engagement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thanks = services.thank(
            organisation=organisation, volunteer=volunteer, author=owner, message="  Tak!  "
        )
    assert thanks.message == "Tak!"
    assert thanks.day == timezone.localdate()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.email]
    assert "/min-side/tak/" in mail.outbox[0].body


def test_it_thanks_a_volunteer_whose_engagement_has_ended(organisation, owner, volunteer, engage):
    engage(volunteer, ended=True)
    assert services.thank(
        organisation=organisation, volunteer=volunteer, author=owner, message="Tak"
    )


def test_an_organisation_can_only_thank_its_own_volunteers(
    other_organisation, outsider, volunteer, engagement
):
    with pytest.raises(services.RecognitionError, match="volunteer for your organisation"):
        services.thank(
            organisation=other_organisation, volunteer=volunteer, author=outsider, message="Tak"
        )
    assert not Thanks.objects.exists()


def test_it_thanks_once_a_day_and_says_so_kindly(organisation, owner, volunteer, engagement):
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")
    with pytest.raises(services.RecognitionError, match="already been thanked"):
        services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Igen")
    tomorrow = timezone.now() + timedelta(days=1)
    services.thank(
        organisation=organisation, volunteer=volunteer, author=owner, message="Igen", now=tomorrow
    )
    assert Thanks.objects.count() == 2


@pytest.mark.parametrize(
    ("message", "error"),
    [("", "Write the message"), ("   ", "Write the message"), ("x" * 10_000, "at most 2000")],
)
def test_it_refuses_an_empty_or_too_long_message(
    organisation, owner, volunteer, engagement, message, error
):
    with pytest.raises(services.RecognitionError, match=error):
        services.thank(
            organisation=organisation, volunteer=volunteer, author=owner, message=message
        )


# Certificates -------------------------------------------------------------------------------


def test_the_certificate_documents_roles_hours_courses_and_thanks(
    organisation, other_organisation, owner, volunteer, engagement, worked
):
    worked(volunteer, hours="4.00")
    worked(volunteer, hours="2.50")
    worked(volunteer, hours="3.25", organisation=other_organisation)
    worked(volunteer, hours="6.00", kind=EventKind.COURSE)
    services.thank(organisation=organisation, volunteer=volunteer, author=owner, message="Tak")

    certificate = services.issue_certificate(user=volunteer, language="en")
    content = certificate.content

    assert content["name"] == "Vera Frivillig"
    kinds = [r["kind"] for r in content["roles"]]
    assert kinds.count("engagement") == 1 and kinds.count("event") == 3
    role = content["roles"][0]
    assert role["title"] == engagement.opportunity.title
    assert role["organisation"] == organisation.name
    assert role["end"] is None  # ongoing
    assert len(content["courses"]) == 1
    assert content["hours"]["total"] == "9.75"
    by_organisation = {r["organisation"]: r["hours"] for r in content["hours"]["by_organisation"]}
    assert by_organisation == {organisation.name: "6.50", other_organisation.name: "3.25"}
    assert content["thanks"] == [
        {"organisation": organisation.name, "date": timezone.localdate().isoformat()}
    ]
    assert certificate.sha256 == content_hash(content)
    assert certificate.is_valid


def test_the_hours_equal_a_direct_sum_of_the_attended_past_signups(volunteer, worked):
    worked(volunteer, hours="4.00")
    worked(volunteer, hours="1.75")
    worked(volunteer, hours="3.00", attendance=Attendance.NO_SHOW)
    worked(volunteer, hours="5.00", status=SignupStatus.CANCELLED)
    worked(volunteer, hours="8.00", days_ago=-60)  # not over yet
    worked(volunteer, hours=None)

    certificate = services.issue_certificate(user=volunteer)

    direct = (
        ShiftSignup.objects.filter(
            volunteer=volunteer,
            status=SignupStatus.CONFIRMED,
            shift__ends_at__lte=timezone.now(),
            event__kind=EventKind.EVENT,
        )
        .exclude(attendance=Attendance.NO_SHOW)
        .aggregate(total=Sum("hours"))["total"]
    )
    assert Decimal(certificate.content["hours"]["total"]) == direct == Decimal("5.75")


def test_it_includes_only_the_chosen_roles(volunteer, engage, worked):
    first = engage(volunteer)
    engage(volunteer)
    signup = worked(volunteer, hours="3.00")

    certificate = services.issue_certificate(
        user=volunteer, keys={f"engagement-{first.pk}", f"event-{signup.event_id}"}
    )

    assert [r["title"] for r in certificate.content["roles"]] == [
        first.opportunity.title,
        signup.event.name,
    ]
    assert certificate.content["hours"]["total"] == "3.00"


def test_it_holds_no_email_birth_year_or_address(volunteer, engagement):
    certificate = services.issue_certificate(user=volunteer)
    text = str(certificate.content)
    assert volunteer.email not in text
    assert "1990" not in text
    assert "9000" not in text


def test_it_refuses_without_a_name_or_without_anything_to_document(make_user, volunteer):
    nameless = make_user()
    with pytest.raises(services.RecognitionError, match="Add your name"):
        services.issue_certificate(user=nameless)
    with pytest.raises(services.RecognitionError, match="at least one role"):
        services.issue_certificate(user=volunteer)
    with pytest.raises(services.RecognitionError, match="Danish or English"):
        services.issue_certificate(user=volunteer, language="de")


def test_codes_are_short_typeable_and_unguessable(volunteer, engagement):
    codes = {services.issue_certificate(user=volunteer).code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        prefix, *groups = code.split("-")
        assert prefix == "FB" and [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(CODE_ALPHABET)
    # 12 characters of 31: more than 40 bits.
    assert 31**12 > 2**40
    code = next(iter(codes))
    assert normalise_code(code.lower().replace("-", " ")) == code


def test_the_volunteer_revokes_a_certificate_once(volunteer, engagement, make_user):
    certificate = services.issue_certificate(user=volunteer)
    with pytest.raises(Certificate.DoesNotExist):
        services.revoke_certificate(certificate=certificate, user=make_user())
    services.revoke_certificate(certificate=certificate, user=volunteer)
    certificate.refresh_from_db()
    assert certificate.revoked_at and not certificate.is_valid
    with pytest.raises(services.RecognitionError, match="already been revoked"):
        services.revoke_certificate(certificate=certificate, user=volunteer)


# Awards -------------------------------------------------------------------------------------


@pytest.fixture
def award_round(office_staff):
    today = timezone.localdate()
    return services.create_round(
        title="Årets frivillige",
        description="",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        by=office_staff,
    )


def _nominate(award_round, nominator, **fields):
    values = {"nominee_name": "Grete", "nominee_organisation": "", "reason": "Altid klar."}
    values.update(fields)
    return services.nominate(award_round=award_round, nominator=nominator, **values)


def test_a_round_goes_from_draft_to_open_to_closed(award_round, volunteer):
    assert award_round.status == RoundStatus.DRAFT
    with pytest.raises(services.RecognitionError, match="does not take nominations"):
        _nominate(award_round, volunteer)
    services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)
    nomination = _nominate(award_round, volunteer)
    assert nomination.round == award_round and not nomination.shortlisted
    services.set_round_status(award_round=award_round, status=RoundStatus.CLOSED)
    with pytest.raises(services.RecognitionError, match="does not take nominations"):
        _nominate(award_round, volunteer)
    with pytest.raises(services.RecognitionError, match="cannot be changed"):
        services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)


def test_nominations_after_the_last_day_are_refused(office_staff, volunteer):
    today = timezone.localdate()
    past = services.create_round(
        title="Sidste år",
        description="",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
        by=office_staff,
    )
    services.set_round_status(award_round=past, status=RoundStatus.OPEN)
    with pytest.raises(services.RecognitionError):
        _nominate(past, volunteer)


def test_a_round_must_close_after_it_opens_and_have_a_title(office_staff):
    today = timezone.localdate()
    with pytest.raises(services.RecognitionError, match="on or after"):
        services.create_round(
            title="X", description="", opens_on=today, closes_on=today - timedelta(days=1), by=None
        )
    with pytest.raises(services.RecognitionError, match="title"):
        services.create_round(
            title=" ", description="", opens_on=today, closes_on=today, by=office_staff
        )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"nominee_name": ""}, "name of the person"),
        ({"reason": "  "}, "why they deserve"),
        ({"reason": "x" * 10_000}, "at most 3000"),
        ({"nominee_name": "x" * 151}, "at most 150"),
    ],
)
def test_it_refuses_bad_nominations(award_round, volunteer, fields, error):
    services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)
    with pytest.raises(services.RecognitionError, match=error):
        _nominate(award_round, volunteer, **fields)


def test_the_committee_shortlists(award_round, volunteer):
    services.set_round_status(award_round=award_round, status=RoundStatus.OPEN)
    nomination = _nominate(award_round, volunteer)
    services.set_shortlisted(nomination=nomination, shortlisted=True)
    nomination.refresh_from_db()
    assert nomination.shortlisted
