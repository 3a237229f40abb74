"""The back office's organisation routes, for tests that walk them all (e.g. as an outsider).

Every route in `backoffice.urls.organisation_urlpatterns` takes `slug` (the organisation) and,
when it shows one object, `pk`. PK_MODELS says which model each `pk` belongs to, so a walker
can fill in the id of a real object of another organisation instead of a number that exists
nowhere (which would prove nothing)."""

from frivillig.backoffice import (
    agreement_urls,
    announcement_urls,
    checkin_urls,
    event_urls,
    expense_office_urls,
    expense_urls,
    feedback_urls,
    idea_urls,
    message_urls,
    recognition_urls,
)
from frivillig.backoffice.urls import organisation_urlpatterns
from frivillig.callouts import backoffice_urls as callout_urls
from frivillig.catalog.models import Opportunity
from frivillig.engagements.models import Application, Engagement
from frivillig.organisations.models import ApiToken, Invitation, Membership

PK_MODELS = {
    "opportunity_detail": Opportunity,
    "opportunity_edit": Opportunity,
    "opportunity_publish": Opportunity,
    "opportunity_pause": Opportunity,
    "opportunity_close": Opportunity,
    "application_detail": Application,
    "application_accept": Application,
    "application_decline": Application,
    "application_question": Application,
    "engagement_detail": Engagement,
    "engagement_end": Engagement,
    "invitation_revoke": Invitation,
    "member_role": Membership,
    "member_remove": Membership,
    "token_revoke": ApiToken,
    **event_urls.PK_MODELS,
    **checkin_urls.PK_MODELS,
    **callout_urls.PK_MODELS,
    **agreement_urls.PK_MODELS,
    **expense_urls.PK_MODELS,
    **expense_office_urls.PK_MODELS,
    **message_urls.PK_MODELS,
    **announcement_urls.PK_MODELS,
    **feedback_urls.PK_MODELS,
    **recognition_urls.PK_MODELS,
    **idea_urls.PK_MODELS,
}


def organisation_routes():
    """(url name, the route's kwargs) for every organisation route."""
    return [(pattern.name, set(pattern.pattern.converters)) for pattern in organisation_urlpatterns]


def example_kwargs(name: str, organisation, objects: dict) -> dict:
    """kwargs for reversing `name` in `organisation`'s back office; `objects` maps a model
    (Opportunity, Application, ...) to an instance whose pk is used."""
    kwargs = {"slug": organisation.slug}
    if name in PK_MODELS:
        kwargs["pk"] = objects[PK_MODELS[name]].pk
    return kwargs


def qualification_objects(organisation, volunteer, by):
    """An own qualification type, a recheck policy and a record, for walking their routes."""
    import datetime

    from frivillig.engagements import qualifications
    from frivillig.engagements.models import (
        QualificationPolicy,
        QualificationRecord,
        QualificationType,
    )

    own = qualifications.add_type(organisation=organisation, name="Livredderkursus")
    return {
        QualificationType: own,
        QualificationPolicy: qualifications.set_policy(
            organisation=organisation, qualification_type=own, valid_months=12
        ),
        QualificationRecord: qualifications.record(
            volunteer=volunteer,
            qualification_type=own,
            organisation=organisation,
            status="approved",
            obtained_on=datetime.date(2025, 1, 1),
            checked_by=by,
        ),
    }


def claim_objects(organisation, volunteer, *, purpose="Kaffe til mødet"):
    """A submitted expense claim with an outlay and its receipt, for walking the claim routes.
    `volunteer` must work for `organisation` (an engagement or a shift)."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from frivillig.expenses import services
    from frivillig.expenses.models import Claim, ClaimLine

    claim = services.start_claim(volunteer=volunteer, organisation=organisation, year=2024)
    line = services.add_outlay(
        claim=claim,
        volunteer=volunteer,
        date=datetime.date(2024, 3, 1),
        purpose=purpose,
        amount="89.50",
        receipt=SimpleUploadedFile(
            "kvittering.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
        ),
    )
    services.submit(claim=claim, volunteer=volunteer)
    return {Claim: claim, ClaimLine: line}


def dialogue_objects(organisation, volunteer, by, *, text="Tak for sidst"):
    """A message thread with `volunteer`, an announcement to the organisation's volunteers and
    a citizen's idea routed to the organisation, for walking the dialogue routes. `volunteer`
    must work for `organisation` and `by` must be its staff."""
    from frivillig.dialog.announcements import services as announcements
    from frivillig.dialog.announcements.models import Announcement
    from frivillig.dialog.ideas import services as ideas
    from frivillig.dialog.ideas.models import Idea
    from frivillig.dialog.messaging import services as messaging
    from frivillig.dialog.messaging.models import Thread

    thread = messaging.start_by_organisation(
        organisation=organisation, volunteer=volunteer, by=by, subject=text, body=text
    )
    idea = ideas.propose(proposer=volunteer, title=text, description=text)
    return {
        Thread: thread,
        Announcement: announcements.send(
            organisation=organisation, author=by, subject=text, body=text, audience="all"
        ),
        Idea: ideas.route(idea=idea, by=by, organisation=organisation),
    }
