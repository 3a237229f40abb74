"""A shift that requires a qualification (a child certificate, a first-aid course) takes only
people with a valid check; one that requires nothing costs no extra query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from frivillig.engagements import qualifications
from frivillig.engagements.models import QualificationKind
from frivillig.events import rules, signup
from frivillig.events.models import ShiftSignup


@pytest.fixture(autouse=True)
def _in_english():
    # The assertions read the English wording; the Danish is checked by the translation test.
    with translation.override("en"):
        yield


@pytest.fixture
def child_certificate(db):
    return qualifications.shared_type(QualificationKind.CHILD_CERTIFICATE)


@pytest.fixture
def first_aid(db):
    return qualifications.shared_type(QualificationKind.FIRST_AID)


def approve(volunteer, qualification_type, organisation, by=None, days_ago=30):
    return qualifications.record(
        volunteer=volunteer,
        qualification_type=qualification_type,
        organisation=organisation,
        status="approved",
        obtained_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        checked_by=by,
    )


def test_it_refuses_a_child_certificate_shift_without_a_check_and_says_what_to_do(
    volunteer, make_shift
):
    shift = make_shift(requires_child_certificate=True)
    with pytest.raises(rules.NotQualified) as refusal:
        signup.sign_up(volunteer=volunteer, shift=shift)
    assert isinstance(refusal.value, rules.SignupNotAllowed)
    assert "organisation will help you" in str(refusal.value)
    assert not ShiftSignup.objects.exists()
    shift.refresh_from_db()
    assert shift.taken == 0


def test_it_takes_the_person_once_the_organisation_has_the_certificate(
    volunteer, make_shift, organisation, child_certificate
):
    shift = make_shift(requires_child_certificate=True)
    approve(volunteer, child_certificate, organisation)
    assert signup.sign_up(volunteer=volunteer, shift=shift).status == "confirmed"


def test_another_organisations_certificate_does_not_count(
    volunteer, make_shift, other_organisation, child_certificate
):
    shift = make_shift(requires_child_certificate=True)
    approve(volunteer, child_certificate, other_organisation)
    with pytest.raises(rules.NotQualified):
        signup.sign_up(volunteer=volunteer, shift=shift)


def test_an_expired_certificate_blocks(volunteer, make_shift, organisation, child_certificate):
    shift = make_shift(requires_child_certificate=True)
    approve(volunteer, child_certificate, organisation, days_ago=800)  # two years have passed
    with pytest.raises(rules.NotQualified):
        signup.sign_up(volunteer=volunteer, shift=shift)


def test_a_listed_qualification_blocks_until_checked_anywhere(
    volunteer, make_shift, other_organisation, first_aid
):
    shift = make_shift()
    first_aid.required_by_shifts.add(shift)
    with pytest.raises(rules.NotQualified) as refusal:
        signup.sign_up(volunteer=volunteer, shift=shift)
    assert first_aid.name in str(refusal.value)
    # First aid is the person's own: a check by any organisation counts.
    approve(volunteer, first_aid, other_organisation)
    assert signup.sign_up(volunteer=volunteer, shift=shift).status == "confirmed"


def test_a_refused_shift_is_one_answer_among_many(volunteer, make_event, make_shift, organisation):
    event = make_event()
    free = make_shift(event=event, start_hour=8)
    guarded = make_shift(event=event, start_hour=14, requires_child_certificate=True)
    outcomes = {
        o.shift.pk: o for o in signup.sign_up_many(volunteer=volunteer, shifts=[free, guarded])
    }
    assert outcomes[free.pk].status == "confirmed"
    assert outcomes[guarded.pk].status == "refused"
    assert "This task requires" in outcomes[guarded.pk].message


def test_a_shift_that_requires_nothing_costs_no_extra_query(
    volunteer, make_shift, make_user, first_aid
):
    plain, listed = make_shift(), make_shift()
    first_aid.required_by_shifts.add(listed)
    approve(volunteer, first_aid, listed.organisation)

    def queries(shift, person):
        with CaptureQueriesContext(connection) as captured:
            signup.sign_up(volunteer=person, shift=shift)
        return [q["sql"] for q in captured]

    plain_sql = queries(plain, make_user())
    # Only the query that loads the shift mentions the requirements, as a subquery.
    assert [i for i, sql in enumerate(plain_sql) if "qualification" in sql.lower()] == [0]
    listed_sql = queries(listed, volunteer)
    assert len(listed_sql) > len(plain_sql)
