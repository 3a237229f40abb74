"""Two digest runs at the same moment, each on its own connection (on PostgreSQL, and on
SQLite with a file database: `make test` runs the concurrency marker apart): every person
gets exactly one e-mail, whichever run sends it."""

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections

from frivillig.notifications import digest
from frivillig.notifications.categories import Category
from frivillig.notifications.models import PendingNotice

IN_MEMORY_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not (
    os.environ.get("SQLITE_TEST_FILE")
)

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(IN_MEMORY_SQLITE, reason="needs PostgreSQL or SQLITE_TEST_FILE"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RUNS = 4
PEOPLE = 12


def _race(jobs):
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_overlapping_runs_send_each_person_one_digest(make_user):
    people = [make_user(f"p{i}@example.dk") for i in range(PEOPLE)]
    for person in people:
        for category in (Category.MESSAGES, Category.IDEAS):
            PendingNotice.objects.create(user=person, category=category, subject="Hej")
    mail.outbox = []

    sent = _race([digest.send_digests] * RUNS)

    assert sum(sent) == PEOPLE
    assert Counter(m.to[0] for m in mail.outbox) == {p.email: 1 for p in people}
    assert not PendingNotice.objects.exists()
