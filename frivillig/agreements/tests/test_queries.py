"""The back office's reads of individual agreements: by status, waiting for a signature, and
the engagements (and their share per organisation) without a signed agreement."""

from datetime import timedelta
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.accounts.models import VolunteerProfile
from frivillig.agreements import queries, services
from frivillig.agreements.models import AgreementStatus
from frivillig.engagements import services as engagements
from frivillig.organisations.models import Organisation, OrganisationKind, Role
from frivillig.organisations.services import (
    add_member,
    create_organisation,
    move_organisation,
)

PASSWORD = "kodeord-der-er-langt-nok"
_n = count(1)


@pytest.fixture
def make_engagement(make_user, make_opportunity, organisation, owner):
    def make(org=None, *, opportunity=None):
        org = org or organisation
        person = make_user(
            f"frivillig{next(_n)}@example.dk", first_name="Fie", last_name="Frivillig"
        )
        VolunteerProfile.objects.create(user=person)
        opportunity = opportunity or make_opportunity(organisation=org)
        application = engagements.apply(volunteer=person, opportunity=opportunity)
        return engagements.accept(application=application, by=owner)

    return make


@pytest.fixture
def signed_for(make_agreement, owner):
    def sign(engagement, by=owner):
        agreement = make_agreement(
            organisation=engagement.organisation, volunteer=engagement.volunteer, by=owner
        )
        agreement.engagement = engagement
        agreement.save(update_fields=["engagement"])
        agreement = services.sign_as_volunteer(
            agreement=agreement, volunteer=engagement.volunteer, ip=None, password=PASSWORD
        )
        return services.countersign(agreement=agreement, by=by, ip=None)

    return sign


def _scope(organisation):
    return Organisation.objects.below([organisation])


def test_it_lists_current_agreements_unless_a_status_is_chosen(
    make_agreement, organisation, other_organisation, volunteer, owner, outsider
):
    draft = make_agreement(organisation=organisation, volunteer=volunteer, send=False)
    sent = make_agreement(organisation=organisation, volunteer=volunteer)
    ended = services.end(
        agreement=make_agreement(organisation=organisation, volunteer=volunteer), by=owner
    )
    theirs = make_agreement(organisation=other_organisation, volunteer=volunteer)

    current = set(queries.agreements_by_status(_scope(organisation)))
    assert current == {draft, sent}
    assert list(queries.agreements_by_status(_scope(organisation), AgreementStatus.ENDED)) == [
        ended
    ]
    assert theirs not in set(queries.agreements_in(_scope(organisation)))


def test_it_finds_agreements_sent_at_least_n_days_ago_and_not_signed(
    make_agreement, organisation, other_organisation, volunteer, owner
):
    waiting = make_agreement(organisation=organisation, volunteer=volunteer)
    signed = make_agreement(organisation=organisation, volunteer=volunteer)
    signed = services.sign_as_volunteer(
        agreement=signed, volunteer=volunteer, ip=None, password=PASSWORD
    )
    services.countersign(agreement=signed, by=owner, ip=None)
    half = make_agreement(organisation=organisation, volunteer=volunteer)
    half = services.sign_as_volunteer(
        agreement=half, volunteer=volunteer, ip=None, password=PASSWORD
    )
    make_agreement(organisation=organisation, volunteer=volunteer, send=False)
    make_agreement(organisation=other_organisation, volunteer=volunteer)
    later = timezone.now() + timedelta(days=20)

    assert set(queries.unsigned_after(_scope(organisation), 14, now=later)) == {waiting, half}
    assert list(queries.unsigned_after(_scope(organisation), 21, now=later)) == []
    assert list(queries.unsigned_after(_scope(organisation))) == []


def test_it_lists_current_engagements_without_a_signed_agreement(
    make_engagement, signed_for, make_agreement, organisation, other_organisation, owner
):
    covered = make_engagement()
    signed_for(covered)
    bare = make_engagement()
    in_progress = make_engagement()
    draft = make_agreement(organisation=organisation, volunteer=in_progress.volunteer, send=False)
    draft.engagement = in_progress
    draft.save(update_fields=["engagement"])
    paused = make_engagement()
    engagements.pause(engagement=paused, volunteer=paused.volunteer)
    ended = make_engagement()
    engagements.end(engagement=ended, volunteer=ended.volunteer)
    make_engagement(other_organisation)

    rows = {e.pk: e for e in queries.engagements_without_signed_agreement(_scope(organisation))}

    assert set(rows) == {bare.pk, in_progress.pk, paused.pk}
    assert rows[in_progress.pk].open_agreement == draft.pk
    assert rows[bare.pk].open_agreement is None


def test_it_counts_coverage_for_the_organisation_and_each_one_below_it(
    make_engagement, signed_for, organisation, other_organisation, make_user
):
    unit = create_organisation(
        name="Ældre og Handicap", kind=OrganisationKind.UNIT, is_approved=True
    )
    move_organisation(organisation=organisation, parent=unit)
    organisation.refresh_from_db()
    signed_for(make_engagement())
    make_engagement()
    paused = make_engagement()
    engagements.pause(engagement=paused, volunteer=paused.volunteer)
    head = make_user()
    add_member(organisation=unit, user=head, role=Role.ADMIN)
    signed_for(make_engagement(unit), by=head)
    make_engagement(other_organisation)
    unit.refresh_from_db()

    with CaptureQueriesContext(connection) as queries_run:
        rows, total = queries.coverage(_scope(unit))

    assert len(queries_run) == 2
    by_name = {row.organisation.name: row for row in rows}
    assert [row.organisation for row in rows] == [unit, organisation]
    assert by_name[unit.name].depth == 0 and by_name[organisation.name].depth == 1
    assert (by_name[unit.name].active_signed, by_name[unit.name].active_unsigned) == (1, 0)
    own = by_name[organisation.name]
    assert (own.active_signed, own.active_unsigned, own.paused_signed, own.paused_unsigned) == (
        1,
        1,
        0,
        1,
    )
    assert own.percent == 33
    assert (total.signed, total.unsigned, total.total, total.percent) == (2, 2, 4, 50)


def test_it_has_no_share_where_there_is_nothing_to_count(organisation):
    rows, total = queries.coverage(_scope(organisation))
    assert rows[0].total == 0 and rows[0].percent is None and total.percent is None


def _count_queries(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_it_reads_each_list_in_the_same_number_of_queries_for_2_and_10_rows(
    make_engagement, make_agreement, organisation, owner
):
    def lists():
        scope = _scope(organisation)
        later = timezone.now() + timedelta(days=30)
        shown = [
            (row.volunteer.email, row.organisation.name, row.engagement.opportunity.title)
            for row in queries.agreements_by_status(scope)
        ]
        shown += [
            (row.volunteer.email, row.organisation.name)
            for row in queries.unsigned_after(scope, now=later)
        ]
        shown += [
            (row.volunteer.email, row.opportunity.title, row.organisation.name)
            for row in queries.engagements_without_signed_agreement(scope)
        ]
        queries.coverage(scope)
        return shown

    def grow(to):
        while organisation.engagements.count() < to:
            engagement = make_engagement()
            agreement = make_agreement(organisation=organisation, volunteer=engagement.volunteer)
            agreement.engagement = engagement
            agreement.save(update_fields=["engagement"])

    grow(2)
    few = _count_queries(lists)
    grow(10)
    many = _count_queries(lists)

    assert few == many
