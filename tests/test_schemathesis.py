"""Property-based fuzzing of the whole API from its own OpenAPI schema: whatever a client sends
that the schema allows (and plenty of odd values inside it), the server never answers 5xx.

Schemathesis generates the requests and sends them through the real WSGI application (all
middleware included) inside this test's database transaction, with a live API token and a
signed-in volunteer's session (CSRF included), so that the authenticated operations are fuzzed
past their front door, against real opportunities, applications and engagements. Bounded so
that it runs in seconds, on SQLite in `make test` and on PostgreSQL in CI."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from frivillig.engagements import services as engagements
from frivillig.organisations import tokens

MAX_EXAMPLES = 30
MIN_OPERATIONS = 28


@pytest.fixture
def wsgi_app():
    """The real WSGI application, sharing this test's database transaction. Django closes
    "old" connections at the start and end of every request, which would roll the test's
    transaction back mid-test; the test client disconnects that too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(make_opportunity, organisation, other_organisation):
    """Enough published data that searches and lists find something."""
    for n in range(3):
        make_opportunity(f"Besøgsven {n}", area_slugs=("aeldre", "boern"), place="aalborg")
    make_opportunity("Kladde", publish=False, place=None)
    make_opportunity("Fodbold", organisation=other_organisation, place="hals")


@pytest.fixture
def fresh_objects(make_opportunity, volunteer, owner):
    """New objects of ours for one operation's path parameters, so that one operation's
    changes (accepting, ending) do not leave the next one nothing but conflicts."""

    def make(operation) -> dict:
        objects = {}
        if operation.get_parameter("opportunity_id", "path") is not None:
            objects["opportunity_id"] = make_opportunity("Rettes", publish=False).pk
        if operation.get_parameter("application_id", "path") is not None:
            objects["application_id"] = engagements.apply(
                volunteer=volunteer, opportunity=make_opportunity("Ansøgt")
            ).pk
        if operation.get_parameter("engagement_id", "path") is not None:
            application = engagements.apply(
                volunteer=volunteer, opportunity=make_opportunity("I gang")
            )
            objects["engagement_id"] = engagements.accept(application=application, by=owner).pk
        return objects

    return make


@pytest.fixture
def credentials(client, organisation, owner, volunteer):
    """Headers that carry an organisation's live token and a volunteer's session with a CSRF
    token (a 32-character secret is valid both as the cookie and, unmasked, as the header)."""
    _token, raw = tokens.create_token(organisation=organisation, name="Fuzz", created_by=owner)
    client.force_login(volunteer)
    session = client.cookies["sessionid"].value
    csrf = "f" * 32
    return {
        "headers": {"Authorization": f"Bearer {raw}", "X-CSRFToken": csrf},
        "cookies": {"sessionid": session, "csrftoken": csrf},
    }


def test_it_never_answers_with_a_server_error(
    wsgi_app, world, fresh_objects, credentials, settings
):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= MIN_OPERATIONS, [o.label for o in operations]
    failures = []

    for operation in operations:
        known = fresh_objects(operation)
        strategy = operation.as_strategy()
        if known:
            # Half the time a real object of ours, so bodies are validated past the 404.
            strategy = st.one_of(strategy, operation.as_strategy(path_parameters=known))

        @given(case=strategy)
        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            case.call_and_validate(
                checks=[not_a_server_error, response_schema_conformance], **credentials
            )

        try:
            fuzz()
        except Exception as error:  # collect every operation's failure, not just the first
            failures.append(f"{operation.label}:\n{error}")

    assert not failures, "\n\n".join(failures)
