"""Two digest runs at the same moment, each on its own connection (on PostgreSQL, and on
SQLite with a file database: `make test` runs the concurrency marker apart): every person
gets exactly one e-mail, whichever run sends it."""

from collections import Counter

from django.core import mail

from frivillig.notifications import digest
from frivillig.notifications.categories import Category
from frivillig.notifications.models import PendingNotice
from frivillig.testing import REAL_CONNECTIONS, race

pytestmark = REAL_CONNECTIONS

RUNS = 4
PEOPLE = 12


def test_overlapping_runs_send_each_person_one_digest(make_user):
    people = [make_user(f"p{i}@example.dk") for i in range(PEOPLE)]
    for person in people:
        for category in (Category.MESSAGES, Category.IDEAS):
            PendingNotice.objects.create(user=person, category=category, subject="Hej")
    mail.outbox = []

    sent = race([digest.send_digests] * RUNS)

    assert sum(sent) == PEOPLE
    assert Counter(m.to[0] for m in mail.outbox) == {p.email: 1 for p in people}
    assert not PendingNotice.objects.exists()
