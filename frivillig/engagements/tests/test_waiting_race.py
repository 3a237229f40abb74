"""Applications and answers to one opportunity at the same moment, each on its own connection:
`Opportunity.waiting_since` ends as the oldest application still waiting, whatever the
interleaving (an answer must not miss an application sent meanwhile)."""

import time

from django.db.models import Min

from frivillig.catalog.models import Opportunity
from frivillig.engagements import notices
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus
from frivillig.testing import REAL_CONNECTIONS, race

pytestmark = REAL_CONNECTIONS

WAITING = 6
NEW = 6
ROUNDS = 3


def test_answers_and_applications_at_once_leave_the_oldest_waiting(
    make_opportunity, make_user, owner, monkeypatch
):
    received = notices.application_received

    def slowly(application):
        # An application stays uncommitted a moment after it is written, as on a busy
        # server: an answer given meanwhile must wait for it, not count without it.
        received(application)
        time.sleep(0.3)

    monkeypatch.setattr(notices, "application_received", slowly)
    opportunity = make_opportunity()
    people = iter(make_user() for _ in range(ROUNDS * (WAITING + NEW)))
    for _ in range(ROUNDS):
        waiting = [
            engagements.apply(volunteer=next(people), opportunity=opportunity)
            for _ in range(WAITING)
        ]
        newcomers = [next(people) for _ in range(NEW)]
        jobs = [
            lambda a=a: engagements.decline(application=a, by=owner, message="") for a in waiting
        ]
        jobs += [
            lambda p=p: engagements.apply(volunteer=p, opportunity=opportunity) for p in newcomers
        ]

        race(jobs)

        pending = Application.objects.filter(
            opportunity=opportunity, status=ApplicationStatus.PENDING
        )
        assert pending.count() == NEW
        opportunity.refresh_from_db()
        assert opportunity.waiting_since == pending.aggregate(m=Min("created_at"))["m"]
        # The next round answers these too.
        for application in pending:
            engagements.withdraw(application=application, volunteer=application.volunteer)
        assert Opportunity.objects.get(pk=opportunity.pk).waiting_since is None
