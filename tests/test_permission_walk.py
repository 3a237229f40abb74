"""The guard against a page or endpoint that forgets whose data it shows.

It walks EVERY back-office route under /org/<slug>/ (read from the URL resolver, not from a
list) and EVERY operation of the API under /api/v1/org/ and /api/v1/me (read from the OpenAPI
schema), fills in another organisation's or another person's real objects, and expects a 404
(or a 401/403 from the API's authentication): never 200, never a redirect, never a crash. A
route added tomorrow is walked tomorrow without anyone touching this file; a route that answers
an outsider fails here.

Which model a route's `pk` belongs to comes from the back office's own table
(backoffice/tests/routes.py: PK_MODELS); a route missing from it is tried with every kind of
object."""

import json
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from frivillig.accounts.models import VolunteerProfile
from frivillig.agreements.models import (
    AgreementTemplate,
    CooperationAgreement,
    IndividualAgreement,
)
from frivillig.backoffice.tests.routes import PK_MODELS, claim_objects, dialogue_objects
from frivillig.callouts import services as callouts
from frivillig.callouts.models import CallOut
from frivillig.catalog.models import Opportunity
from frivillig.engagements import qualifications
from frivillig.engagements import services as engagements
from frivillig.engagements.models import (
    Application,
    Engagement,
    QualificationPolicy,
    QualificationRecord,
    QualificationType,
)
from frivillig.events import signup as shift_signups
from frivillig.events.models import Event, Shift, ShiftSignup, Team
from frivillig.expenses import services as expenses
from frivillig.expenses.models import Claim, ClaimLine
from frivillig.organisations import tokens
from frivillig.organisations.invitations import invite
from frivillig.organisations.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from frivillig.organisations.services import add_member, create_organisation

ORGANISATION_ROUTE = "org/<slug:slug>/"
# Counted when this was written; the walk may only grow. An empty or shrunken walk (a broken
# resolver walk, a schema that lost its paths) must not pass as "nothing leaked".
MIN_BACKOFFICE_ROUTES = 25
MIN_API_OPERATIONS = 22
# A word planted in the other organisation's and the other person's data: it must never come
# back in an answer to someone else.
SECRET = "Zhemmeligz"

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REFUSED = {403, 404}


# The other side's world ----------------------------------------------------------------------


@pytest.fixture
def theirs(
    other_organisation,
    outsider,
    make_opportunity,
    make_user,
    make_event,
    make_shift,
    make_agreement,
    make_cooperation,
    municipal_unit,
):
    """One real object of every kind, all belonging to `other_organisation` (and, for the
    volunteer's own API, to another person)."""
    stranger = make_user(f"{SECRET.lower()}@example.dk", first_name=SECRET, last_name=SECRET)
    VolunteerProfile.objects.create(user=stranger, phone="11223344")
    opportunity = make_opportunity(
        f"{SECRET} opgave", organisation=other_organisation, place="hals", description=SECRET
    )
    second = make_opportunity(f"{SECRET} anden", organisation=other_organisation, place="hals")
    application = engagements.apply(volunteer=stranger, opportunity=opportunity, message=SECRET)
    engagement = engagements.accept(
        application=engagements.apply(volunteer=stranger, opportunity=second), by=outsider
    )
    token, _raw = tokens.create_token(
        organisation=other_organisation, name=SECRET, created_by=outsider
    )
    colleague = make_user(f"{SECRET.lower()}-kollega@example.dk", first_name=SECRET)
    membership = add_member(organisation=other_organisation, user=colleague, role=Role.VIEWER)
    invitation, _raw = invite(
        organisation=other_organisation,
        email=f"{SECRET.lower()}-ny@example.dk",
        role=Role.VIEWER,
        invited_by=outsider,
    )
    below = create_organisation(
        name=f"{SECRET} afdeling",
        kind=OrganisationKind.ASSOCIATION,
        parent=other_organisation,
        is_approved=True,
    )
    # Hidden, so that the volunteer API (which lets anyone sign up for a public shift) has
    # no business with it either.
    event = make_event(
        f"{SECRET} stævne", organisation=other_organisation, start_in_days=0, visibility="hidden"
    )
    shift = make_shift(event=event, location=SECRET)
    place = shift_signups.sign_up(
        volunteer=stranger, shift=shift, now=shift.starts_at - timedelta(days=1)
    ).signup
    callout = callouts.create_callout(
        organisation=other_organisation,
        created_by=outsider,
        title=f"{SECRET} sandsække",
        description=SECRET,
        place=opportunity.place,
        starts_at=shift.starts_at,
        needed=2,
        radius_km=10,
        now=shift.starts_at - timedelta(days=1),
    )
    agreement = make_agreement(
        organisation=other_organisation, volunteer=stranger, by=outsider, task=SECRET
    )
    cooperation = make_cooperation(
        municipal_unit=municipal_unit, partner=other_organisation, purpose=SECRET
    )
    # Their own qualification, its recheck rule and a check of their volunteer.
    their_type = qualifications.add_type(
        organisation=other_organisation, name=f"{SECRET} kursus", description=SECRET
    )
    their_policy = qualifications.set_policy(
        organisation=other_organisation, qualification_type=their_type, valid_months=12
    )
    their_record = qualifications.record(
        volunteer=stranger,
        qualification_type=their_type,
        organisation=other_organisation,
        status="approved",
        obtained_on=timezone.localdate() - timedelta(days=400),
        checked_by=outsider,
        note=SECRET,
    )
    # Their volunteer's submitted expense claim (drafts are the volunteer's own).
    claim = expenses.start_claim(volunteer=stranger, organisation=other_organisation)
    expenses.add_allowance(
        claim=claim,
        volunteer=stranger,
        kind="phone",
        date=timezone.localdate(),
        purpose=SECRET,
        amount="100",
    )
    claim = expenses.submit(claim=claim, volunteer=stranger)
    # And one with a receipt, for the receipt's own route.
    with_receipt = claim_objects(other_organisation, stranger, purpose=SECRET)
    # Their message thread, announcement and the idea routed to them.
    dialogue = dialogue_objects(other_organisation, stranger, outsider, text=SECRET)
    return {
        **dialogue,
        Claim: claim,
        ClaimLine: with_receipt[ClaimLine],
        QualificationType: their_type,
        QualificationPolicy: their_policy,
        QualificationRecord: their_record,
        IndividualAgreement: agreement,
        CooperationAgreement: cooperation,
        AgreementTemplate: AgreementTemplate.objects.create(
            organisation=other_organisation,
            name=SECRET,
            introduction=SECRET,
            volunteer_expectations=SECRET,
            organisation_expectations=SECRET,
            ending=SECRET,
        ),
        CallOut: callout,
        Shift: shift,
        Event: event,
        Team: shift.team,
        ShiftSignup: place,
        Opportunity: opportunity,
        Application: application,
        Engagement: engagement,
        ApiToken: token,
        Invitation: invitation,
        Membership: membership,
        Organisation: below,
        type(stranger): stranger,
    }


@pytest.fixture
def own_ids(organisation, owner):
    """Ids of objects `owner` may legitimately see, per model: a route that tries every kind of
    id must not count a hit on one of these as a leak."""
    scope = Organisation.objects.below([organisation])
    return {
        Membership: set(
            Membership.objects.filter(organisation__in=scope).values_list("pk", flat=True)
        ),
        Organisation: set(scope.values_list("pk", flat=True)),
        type(owner): {owner.pk},
    }


# The back office -----------------------------------------------------------------------------


def backoffice_routes():
    """(full route, url name, pattern) for every route under /org/<slug>/, however deeply
    included."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.name, pattern

    return [r for r in walk(get_resolver().url_patterns, "") if r[0].startswith(ORGANISATION_ROUTE)]


def fill(route: str, slug: str, pk: int) -> str:
    def value(match):
        if match["name"] == "slug":
            return slug
        assert match["converter"] in ("int", None, "str", "slug"), route
        return str(pk)

    return "/" + PARAMETER.sub(value, route)


def models_for(name: str, route: str, objects: dict) -> list:
    if name in PK_MODELS:
        return [PK_MODELS[name]]
    return list(objects)


def has_object_parameter(route: str) -> bool:
    return any(m["name"] != "slug" for m in PARAMETER.finditer(route))


def test_it_walks_every_backoffice_route_as_staff_of_another_organisation(
    client, owner, organisation, other_organisation, theirs, own_ids
):
    """`owner` (admin of `organisation`) asks for `other_organisation`'s pages with its real
    objects, and for their own organisation's pages with the other organisation's objects."""
    client.force_login(owner)
    routes = backoffice_routes()
    answers = Counter()
    leaks = []

    for route, name, _pattern in routes:
        with_object = has_object_parameter(route)
        for kind in models_for(name, route, theirs) if with_object else [None]:
            pk = theirs[kind].pk if kind else 0
            attempts = [other_organisation.slug]
            if with_object:
                attempts.append(organisation.slug)
            for slug in attempts:
                path = fill(route, slug, pk)
                for method in ("get", "post"):
                    response = getattr(client, method)(path)
                    answers[response.status_code] += 1
                    shows = SECRET in response.content.decode(errors="replace")
                    if response.status_code in REFUSED and not shows:
                        continue
                    if slug == organisation.slug and not shows:
                        # Their object's id in our own pages. A method the view does not take
                        # is no leak; nor is an answer that may be about our own object with
                        # the same number, when the route's model is unknown.
                        if response.status_code == 405:
                            continue
                        if name not in PK_MODELS and any(pk in ids for ids in own_ids.values()):
                            continue
                    leaks.append((method.upper(), path, kind, response.status_code, shows))

    assert not leaks, "Answered someone who may not see it:\n" + "\n".join(map(str, leaks))
    assert len(routes) >= MIN_BACKOFFICE_ROUTES, [r[0] for r in routes]
    assert {r[1] for r in routes} >= set(PK_MODELS), "PK_MODELS names a route that is gone"
    assert answers[404] >= 2 * len(routes)


def test_it_walks_every_backoffice_route_as_a_viewer_of_no_organisation(
    client, make_user, other_organisation, theirs
):
    """Someone signed in but staff nowhere gets nothing either (and anonymous people are sent to
    sign in; that is the login redirect, tested in the back office)."""
    client.force_login(make_user("ingen@example.dk"))
    failures = []
    for route, name, _pattern in backoffice_routes():
        kind = models_for(name, route, theirs)[0]
        path = fill(route, other_organisation.slug, theirs[kind].pk)
        for method in ("get", "post"):
            status = getattr(client, method)(path).status_code
            if status not in REFUSED:
                failures.append((method.upper(), path, status))
    assert not failures


# The API -------------------------------------------------------------------------------------


def api_operations(client, prefixes):
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (path, method)
        for path, item in schema["paths"].items()
        if path.rstrip("/") in {p.rstrip("/") for p in prefixes}
        or path.startswith(tuple(p for p in prefixes if p.endswith("/")))
        for method in item
    ]


API_KINDS = {
    "opportunity_id": Opportunity,
    "application_id": Application,
    "engagement_id": Engagement,
    "claim_id": Claim,
}


def call(client, method, path, **headers):
    if method == "get":
        return client.get(path, **headers)
    return getattr(client, method)(path, data="{}", content_type="application/json", **headers)


def api_attempts(path, objects):
    """Every way to fill the path's {parameters} with the other side's ids."""
    names = re.findall(r"{(\w+)}", path)
    if not names:
        return [path]
    kinds = {API_KINDS[n] for n in names if n in API_KINDS} or set(objects)
    return [re.sub(r"{\w+}", str(objects[kind].pk), path) for kind in kinds]


def walk_api(client, operations, objects, **headers):
    failures, visited = [], 0
    for path, method in operations:
        for filled in api_attempts(path, objects):
            visited += 1
            response = call(client, method, filled, **headers)
            body = response.content.decode(errors="replace")
            # With an id, only "there is no such thing" will do; without one (lists, create)
            # the answer may be anything but a crash or the other side's data.
            refused = response.status_code == 404 if "{" in path else response.status_code < 500
            if not refused or SECRET in body:
                failures.append((method.upper(), filled, response.status_code, body[:200]))
            elif not response["Content-Type"].startswith("application/json"):
                failures.append((method.upper(), filled, "not JSON"))
    return failures, visited


def test_it_walks_every_organisation_operation_with_another_organisations_token(
    client, organisation, owner, theirs
):
    _token, raw = tokens.create_token(organisation=organisation, name="Vores", created_by=owner)
    operations = api_operations(client, ["/api/v1/org/"])

    failures, visited = walk_api(client, operations, theirs, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert not failures, "\n".join(map(str, failures))
    assert visited >= 15


def test_it_walks_every_volunteer_operation_as_another_volunteer(client, volunteer, theirs):
    client.force_login(volunteer)
    operations = api_operations(client, ["/api/v1/me", "/api/v1/me/"])

    failures, visited = walk_api(client, operations, theirs)

    assert not failures, "\n".join(map(str, failures))
    assert visited >= 7


@pytest.mark.parametrize("header", [None, "Bearer fp_findes-ikke", "Bearer revoked", "Basic eDp5"])
def test_it_refuses_every_non_public_operation_without_a_live_credential(
    client, organisation, owner, theirs, header
):
    token, raw = tokens.create_token(organisation=organisation, name="Gammel", created_by=owner)
    tokens.revoke_token(token=token)
    headers = {}
    if header:
        headers["HTTP_AUTHORIZATION"] = header.replace("revoked", raw)
    operations = api_operations(client, ["/api/v1/org/", "/api/v1/me", "/api/v1/me/"])
    failures = []

    for path, method in operations:
        for filled in api_attempts(path, theirs):
            response = call(client, method, filled, **headers)
            if response.status_code not in {401, 403}:
                failures.append((method.upper(), filled, response.status_code))
            assert set(json.loads(response.content)) == {"detail"}

    assert not failures
    assert len(operations) >= MIN_API_OPERATIONS, operations
