"""No over-acceptance under a real rush: 16 people answer yes at the same moment, each on
their own database connection, for 5 places: on PostgreSQL, and on SQLite with a file
database, where IMMEDIATE transactions serialise the writers (see events/tests/test_concurrency).
"""

import threading

import pytest
from django.db import connections

from frivillig.callouts import services
from frivillig.callouts.models import Answer, CallOutStatus

PEOPLE, PLACES = 16, 5


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_never_accepts_more_people_than_needed_in_a_rush(make_callout, make_volunteer):
    volunteers = [make_volunteer(f"rush{n}@example.dk") for n in range(PEOPLE)]
    callout = make_callout(needed=PLACES)
    tokens = [callout.responses.get(volunteer=v).token for v in volunteers]
    start = threading.Barrier(PEOPLE)
    results, errors = [], []

    def answer(token):
        try:
            start.wait(timeout=10)
            outcome = services.respond(token=token, accept=True)
            results.append(outcome.change)
        except services.CallOutFull:
            results.append("full")
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's error
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sorted(results).count("accepted") == PLACES
    assert sorted(results).count("full") == PEOPLE - PLACES
    callout.refresh_from_db()
    assert (callout.accepted_count, callout.status) == (PLACES, CallOutStatus.FILLED)
    assert callout.responses.filter(answer=Answer.ACCEPTED).count() == PLACES
