"""An association asks to join; the central office approves, rejects or asks a question."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import translation

from frivillig.catalog import services as catalog
from frivillig.organisations import onboarding
from frivillig.organisations.models import (
    Invitation,
    Membership,
    OrganisationKind,
    OrganisationRequest,
    RequestStatus,
    Role,
)

CVR = "29189420"
OTHER_CVR = "12345674"


@pytest.fixture(autouse=True)
def _english():
    # Messages are checked in English; Danish translations are added centrally.
    with translation.override("en"):
        yield


@pytest.fixture
def submit(areas, places):
    def make(**fields):
        values = {
            "name": "Nibe Besøgsvenner",
            "cvr": CVR,
            "contact_name": "Bente Besøg",
            "contact_email": "bente@example.dk",
            "contact_phone": "20 30 40 50",
            "description": "Vi besøger ældre i Nibe og omegn.",
            "areas": [areas["aeldre"]],
            "place": places["nibe"],
        }
        values.update(fields)
        return onboarding.submit_request(**values)

    return make


@pytest.fixture
def join_request(submit):
    return submit()


def test_it_records_the_request_and_tells_both_sides(
    submit, office_staff, areas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request = submit(cvr="DK 29 18 94 20")
    assert join_request.status == RequestStatus.SUBMITTED
    assert join_request.cvr == CVR
    assert list(join_request.areas.all()) == [areas["aeldre"]]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["bente@example.dk", "kontor@example.dk"]
    office_mail = next(m for m in mail.outbox if m.to == ["kontor@example.dk"])
    assert f"/kommune/organisationer/ansoegninger/{join_request.pk}/" in office_mail.body


def test_it_refuses_an_invalid_cvr_number(submit):
    with pytest.raises(onboarding.OnboardingError, match="not a valid CVR number"):
        submit(cvr="12345678")
    assert not OrganisationRequest.objects.exists()


def test_it_needs_at_least_one_area(submit):
    with pytest.raises(onboarding.OnboardingError, match="at least one area"):
        submit(areas=[])


@pytest.mark.parametrize("status", ["pending", "question", "approved"])
def test_it_refuses_a_second_request_with_the_same_cvr(submit, office_staff, status):
    first = submit()
    if status == "question":
        onboarding.ask_question(join_request=first, by=office_staff, question="Hvem er I?")
    elif status == "approved":
        onboarding.approve(join_request=first, by=office_staff)
    with pytest.raises(onboarding.OnboardingError, match="CVR number 29189420 has already"):
        submit(name="Endnu en forening")
    assert OrganisationRequest.objects.count() == 1


def test_it_lets_a_rejected_association_ask_again(submit, office_staff):
    first = submit()
    onboarding.reject(join_request=first, by=office_staff, reason="Vi mangler vedtægter.")
    second = submit()
    assert second.status == RequestStatus.SUBMITTED


def test_it_enforces_one_open_request_per_cvr_in_the_database(submit):
    first = submit()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationRequest.objects.create(
            name="Kopi", cvr=first.cvr, contact_name="X", contact_email="x@example.dk"
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"cvr": "1234"},
        {"status": "approved"},  # a decision needs a time
        {"status": "rejected", "decided_at": "2026-01-01T10:00Z"},  # and a rejection a reason
        {"status": "question"},  # a question needs its text
        {"status": "unknown"},
    ],
)
def test_it_keeps_requests_consistent_in_the_database(db, fields):
    values = {"name": "X", "cvr": OTHER_CVR, "contact_name": "X", "contact_email": "x@example.dk"}
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationRequest.objects.create(**{**values, **fields})


def test_it_approves_and_makes_an_existing_user_administrator(
    join_request, office_staff, make_user, django_capture_on_commit_callbacks
):
    contact = make_user("Bente@Example.dk")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        organisation = onboarding.approve(join_request=join_request, by=office_staff)
    assert organisation.kind == OrganisationKind.ASSOCIATION
    assert organisation.is_approved
    assert organisation.place == join_request.place
    assert organisation.description_da == join_request.description
    assert organisation.contact_email == "bente@example.dk"
    assert Membership.objects.get(organisation=organisation).user == contact
    assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.APPROVED
    assert join_request.organisation == organisation
    assert join_request.decided_by == office_staff
    assert join_request.decided_at is not None
    assert [m.to for m in mail.outbox] == [["bente@example.dk"]]
    assert f"/org/{organisation.slug}/" in mail.outbox[0].body


def test_it_invites_a_contact_without_an_account(
    join_request, office_staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        organisation = onboarding.approve(join_request=join_request, by=office_staff)
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "bente@example.dk"
    assert invitation.role == Role.ADMIN
    assert not Membership.objects.filter(organisation=organisation).exists()
    # The invitation with its link, and the welcome that points to it.
    assert len(mail.outbox) == 2
    assert all(m.to == ["bente@example.dk"] for m in mail.outbox)


def test_it_decides_a_request_only_once(join_request, office_staff):
    onboarding.approve(join_request=join_request, by=office_staff)
    with pytest.raises(onboarding.OnboardingError, match="already been decided"):
        onboarding.approve(join_request=join_request, by=office_staff)
    with pytest.raises(onboarding.OnboardingError, match="already been decided"):
        onboarding.reject(join_request=join_request, by=office_staff, reason="Nej")
    assert join_request.organisation_id is None  # the caller's copy is not the truth
    assert OrganisationRequest.objects.get().organisation.join_requests.count() == 1


def test_it_rejects_only_with_a_reason(
    join_request, office_staff, django_capture_on_commit_callbacks
):
    with pytest.raises(onboarding.OnboardingError, match="Write the reason"):
        onboarding.reject(join_request=join_request, by=office_staff, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        onboarding.reject(join_request=join_request, by=office_staff, reason="Ikke i kommunen.")
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.REJECTED
    assert "Ikke i kommunen." in mail.outbox[0].body


def test_it_asks_a_question_that_is_answered_through_a_link_once(
    join_request, office_staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        token = onboarding.ask_question(
            join_request=join_request, by=office_staff, question="Har I vedtægter?"
        )
    assert mail.outbox[0].to == ["bente@example.dk"]
    assert f"/ny-organisation/svar/{token}/" in mail.outbox[0].body
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.QUESTION
    assert token not in join_request.answer_token_hash  # only the hash is stored

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        onboarding.answer_question(raw_token=token, answer="Ja, vedhæftet.")
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.SUBMITTED
    assert join_request.answer == "Ja, vedhæftet."
    assert [m.to for m in mail.outbox] == [["kontor@example.dk"]]
    with pytest.raises(onboarding.OnboardingError, match="no longer valid"):
        onboarding.answer_question(raw_token=token, answer="Igen")


def test_it_lets_only_the_newest_question_link_work(join_request, office_staff):
    old = onboarding.ask_question(join_request=join_request, by=office_staff, question="Et?")
    new = onboarding.ask_question(join_request=join_request, by=office_staff, question="To?")
    with pytest.raises(onboarding.OnboardingError):
        onboarding.request_for_answer(raw_token=old)
    assert onboarding.request_for_answer(raw_token=new).question == "To?"


def test_it_lists_open_requests_first(submit, office_staff):
    decided = submit(cvr=CVR, name="Afgjort")
    onboarding.reject(join_request=decided, by=office_staff, reason="Nej")
    submit(cvr=OTHER_CVR, name="Venter")
    assert [r.name for r in onboarding.requests_for_review()] == ["Venter", "Afgjort"]


def test_it_never_publishes_an_opportunity_from_an_unapproved_organisation(
    join_request, office_staff, make_opportunity
):
    """The strategy's rule: every opportunity belongs to an organisation the municipality has
    approved. publish_opportunity enforces it; approval through onboarding lifts it."""
    from frivillig.organisations.services import create_organisation

    unapproved = create_organisation(name="Ukendt Forening", kind=OrganisationKind.ASSOCIATION)
    draft = make_opportunity(organisation=unapproved, publish=False)
    with pytest.raises(catalog.CatalogError, match="approved by the municipality"):
        catalog.publish_opportunity(opportunity=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"

    approved = onboarding.approve(join_request=join_request, by=office_staff)
    opportunity = make_opportunity(organisation=approved, publish=False)
    assert catalog.publish_opportunity(opportunity=opportunity).status == "published"
