"""Helpers for the test suite's concurrency tests (pytest -m concurrency)."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connections

# An in-memory SQLite database lives in one connection, so threads cannot race on it; `make
# test` runs the concurrency marker apart with SQLITE_TEST_FILE (or on PostgreSQL).
IN_MEMORY_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not (
    os.environ.get("SQLITE_TEST_FILE")
)

# serialized_rollback: a transactional test empties the tables afterwards; this puts back the
# rows migrations created (shared qualification types, default templates) for later tests.
REAL_CONNECTIONS = [
    pytest.mark.concurrency,
    pytest.mark.skipif(IN_MEMORY_SQLITE, reason="needs PostgreSQL or SQLITE_TEST_FILE"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(jobs, *, returning: tuple[type[BaseException], ...] = ()) -> list:
    """Run the callables at the same moment, each on its own database connection, and return
    their results in order; an exception of a type in `returning` is returned, not raised."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            return job()
        except returning as answer:
            return answer
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))
