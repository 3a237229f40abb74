"""Publishing in one organisation from several connections at once, with the nightly rebuild
in the middle (on PostgreSQL, and on SQLite with a file database: `make test` runs the
concurrency marker apart): every publish succeeds and the kept counts equal a direct count."""

from django.db.models import Count

from frivillig.catalog import published
from frivillig.catalog import services as catalog
from frivillig.catalog.models import (
    Opportunity,
    OpportunityStatus,
    PublishedInArea,
    PublishedInTown,
)
from frivillig.testing import REAL_CONNECTIONS, race

pytestmark = REAL_CONNECTIONS

DRAFTS = 10
ROUNDS = 3
PAUSED = OpportunityStatus.PAUSED


def assert_counts_are_direct():
    live = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).order_by()
    assert {
        (row.organisation_id, row.place_id): row.opportunities
        for row in PublishedInTown.objects.all()
    } == {
        (org, place): n
        for org, place, n in live.values_list("organisation", "place").annotate(n=Count("*"))
    }
    assert {
        (row.organisation_id, row.area_id): row.opportunities
        for row in PublishedInArea.objects.all()
    } == {
        (org, area): n
        for org, area, n in live.values_list("organisation", "areas").annotate(n=Count("*"))
    }


def test_simultaneous_publishing_and_pausing_keep_exact_counts(make_opportunity):
    drafts = [
        make_opportunity(
            publish=False,
            place=("nibe", "hals")[n % 2],
            area_slugs=(("aeldre",), ("aeldre", "boern"))[n % 2],
        )
        for n in range(DRAFTS)
    ]
    for round in range(ROUNDS):
        # Every draft published at once, then every one paused at once; the nightly rebuild
        # runs in the middle of each.
        if round % 2 == 0:
            status = OpportunityStatus.PUBLISHED
            jobs = [lambda o=o: catalog.publish_opportunity(opportunity=o).status for o in drafts]
        else:
            status = OpportunityStatus.PAUSED
            jobs = [
                lambda o=o: catalog.set_opportunity_status(opportunity=o, status=PAUSED).status
                for o in drafts
            ]
        jobs.append(published.rebuild)

        results = race(jobs)

        assert results[:DRAFTS] == [status] * DRAFTS
        assert_counts_are_direct()
