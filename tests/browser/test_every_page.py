"""Every page a person can open, checked in a real browser: the back office's pages of one
organisation (walked from its URL patterns, so a page added later is checked too), the
account pages, "Meld dig" and Min side.

Each page must answer 200, load all it links without an error, have exactly one h1, not
scroll sideways on a phone, and give axe-core nothing against WCAG 2.0/2.1 A and AA. The
problems of all pages are collected and reported together."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from frivillig.agreements import services as agreements
from frivillig.agreements.models import AgreementTemplate, CooperationAgreement, IndividualAgreement
from frivillig.backoffice.tests.routes import (
    claim_objects,
    dialogue_objects,
    example_kwargs,
    organisation_routes,
    qualification_objects,
)
from frivillig.callouts import services as callouts
from frivillig.callouts.models import CallOut
from frivillig.catalog.models import Opportunity
from frivillig.engagements import services
from frivillig.engagements.models import Application, Engagement
from frivillig.events import signup as shift_signups
from frivillig.events.models import Event, Shift, ShiftSignup, Team
from frivillig.organisations.invitations import invite
from frivillig.organisations.models import ApiToken, Invitation, Membership
from frivillig.organisations.tokens import create_token
from tests.browser.conftest import AXE_JS, AXE_TAGS, format_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def world(
    catalogue,
    owner,
    member,
    volunteer,
    coordinator,
    make_event,
    make_shift,
    make_agreement,
    make_cooperation,
    municipal_unit,
):
    """One organisation with something in every back-office list."""
    organisation = catalogue["organisation"]
    # The central volunteer office's pages exist only for the office: make it one to walk them.
    organisation.is_volunteer_office = True
    organisation.save(update_fields=["is_volunteer_office"])
    for user in (owner, volunteer):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    pending = services.apply(
        volunteer=volunteer,
        opportunity=catalogue["nibe"],
        message="Jeg vil gerne",
        availability="Tirsdage",
    )
    accepted = services.apply(volunteer=volunteer, opportunity=catalogue["english"])
    engagement = services.accept(application=accepted, by=coordinator)
    invitation, _raw = invite(
        organisation=organisation, email="ny@example.dk", role="viewer", invited_by=owner
    )
    token, _raw = create_token(organisation=organisation, name="Vores hjemmeside", created_by=owner)
    shift = make_shift(event=make_event("Karneval", organisation=organisation), capacity=1)
    place = shift_signups.sign_up(volunteer=volunteer, shift=shift).signup
    agreement = make_agreement(organisation=organisation, volunteer=volunteer, by=owner)
    objects = {
        IndividualAgreement: agreement,
        CooperationAgreement: agreements.send_cooperation(
            agreement=make_cooperation(municipal_unit=municipal_unit, partner=organisation),
            by=owner,
        ),
        AgreementTemplate: agreements.create_template(
            organisation=organisation,
            name="Vores skabelon",
            introduction="Velkommen.",
            volunteer_expectations="At du kommer som aftalt.",
            organisation_expectations="En fast kontaktperson.",
            ending="Sig til din kontaktperson.",
        ),
        CallOut: callouts.create_callout(
            organisation=organisation,
            created_by=owner,
            title="Sandsække i Hals",
            description="Stormvarsel: hjælp med at fylde sandsække ved havnen.",
            place=catalogue["nibe"].place,
            starts_at=shift.starts_at,
            needed=5,
            radius_km=20,
        ),
        **qualification_objects(organisation, volunteer, owner),
        **claim_objects(organisation, volunteer),
        **dialogue_objects(organisation, volunteer, owner),
        Event: shift.event,
        Team: shift.team,
        Shift: shift,
        ShiftSignup: place,
        Opportunity: catalogue["nibe"],
        Application: pending,
        Engagement: engagement,
        Invitation: invitation,
        Membership: Membership.objects.get(user=member, organisation=organisation),
        ApiToken: token,
    }
    return {
        **dialogue_world(organisation, volunteer, owner, engagement),
        "organisation": organisation,
        "objects": objects,
        "engagement": engagement,
        "opportunity": catalogue["homework"],
        "owner": owner,
        "volunteer": volunteer,
        "place": place,
        "agreement": agreement,
    }


def dialogue_world(organisation, volunteer, owner, engagement):
    """A consultation with a comment, an open award round with a nomination, a feedback
    request, a thanks and a volunteer certificate: the pages of the dialogue."""
    import datetime

    from django.utils import timezone

    from frivillig.dialog.consultations import services as consultations
    from frivillig.dialog.feedback.models import FeedbackRequest
    from frivillig.recognition import services as recognition

    consultation = consultations.create_consultation(
        title="Udkast til ny frivilligstrategi",
        summary="Sig din mening om udkastet.",
        closes_at=timezone.now() + datetime.timedelta(days=30),
        by=owner,
    )
    section = consultations.add_section(
        consultation=consultation, heading="Formål", body="Frivillighed skal være let."
    )
    consultations.publish(consultation=consultation)
    consultations.comment(section=section, author=volunteer, body="Godt udkast.", public=True)
    today = timezone.localdate()
    award_round = recognition.create_round(
        title="Årets frivillige",
        description="Indstil en frivillig.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        by=owner,
    )
    recognition.set_round_status(award_round=award_round, status="open")
    recognition.nominate(
        award_round=award_round,
        nominator=volunteer,
        nominee_name="Grete Hansen",
        nominee_organisation="",
        reason="Hun er altid der.",
    )
    recognition.thank(
        organisation=organisation, volunteer=volunteer, author=owner, message="Tak for i år."
    )
    return {
        "consultation": consultation,
        "award_round": award_round,
        "feedback_request": FeedbackRequest.objects.create(
            volunteer=volunteer, organisation=organisation, engagement=engagement
        ),
        "certificate": recognition.issue_certificate(user=volunteer),
    }


def signed_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def check(page, path, visit, width, problems):
    try:
        visit(page, path)
        if page.locator("h1").count() != 1:
            problems.append(f"{path}: {page.locator('h1').count()} h1 elements")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"{path}: scrolls sideways ({scroll} px at {width} px)")
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        if result["violations"]:
            problems.append(f"{path}:\n" + format_violations(result["violations"]))
    except AssertionError as error:
        problems.append(f"{path}: {error}")


def back_office_paths(world):
    """Every back-office page an administrator can open; routes that only take a POST (publish,
    pause, revoke …) answer 405 to a GET and have their confirmation page elsewhere, and a
    step that does not apply to the object now redirects within the back office."""
    organisation, objects = world["organisation"], world["objects"]
    client = Client()
    client.force_login(world["owner"])
    paths = []
    for name, _ in organisation_routes():
        path = reverse(f"backoffice:{name}", kwargs=example_kwargs(name, organisation, objects))
        response = client.get(path)
        status = response.status_code
        if status == 302 and response["Location"].startswith(f"/org/{organisation.slug}/"):
            # A step that does not apply to this object now (editing a sent agreement)
            # sends the person to the page where it can be done.
            continue
        assert status in (200, 405), f"{path} answered {status} to its administrator"
        # Downloads (CSV, PDF, iCal) and htmx fragments (a live count) are not pages.
        is_page = response["Content-Type"].startswith("text/html") and (
            response.content.lstrip()[:15].lower() == b"<!doctype html>"
        )
        if status == 200 and is_page:
            paths.append(path)
    return paths


@pytest.mark.parametrize("language, width", [("da", 375), ("en", 1280)])
def test_it_makes_every_staff_page_usable(world, new_page, visit, live_server, language, width):
    page = new_page(language=language, width=width)
    signed_in(page, world["owner"], live_server)
    paths = [reverse("backoffice:choose"), *back_office_paths(world)]
    assert len(paths) > 15  # the walk found the back office's pages
    problems = []
    for path in paths:
        check(page, path, visit, width, problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language, width", [("da", 375), ("en", 1280)])
def test_it_makes_every_volunteer_page_usable(world, new_page, visit, live_server, language, width):
    page = new_page(language=language, width=width)
    signed_in(page, world["volunteer"], live_server)
    engagement = world["engagement"]
    paths = [
        reverse("portal:my_page"),
        reverse("portal:pause_engagement", args=[engagement.pk]),
        reverse("portal:end_engagement", args=[engagement.pk]),
        reverse("portal:delete_account"),
        reverse("accounts:profile"),
        reverse("portal:apply", args=[world["opportunity"].slug]),
        reverse("portal:my_shifts"),
        reverse("portal:cancel_signup", args=[world["place"].pk]),
        reverse("portal:calendar_settings"),
        reverse("portal:callout_preferences"),
        reverse("portal:my_agreements"),
        reverse("portal:my_agreement", args=[world["agreement"].pk]),
        reverse("portal:end_agreement", args=[world["agreement"].pk]),
        reverse("portal:event", args=[world["place"].shift.event.slug]),
        *dialogue_paths(world),
    ]
    problems = []
    for path in paths:
        check(page, path, visit, width, problems)
    assert not problems, "\n".join(problems)


def dialogue_paths(world):
    """Min side's pages for messages, news, ideas, feedback, notices and recognition."""
    from frivillig.dialog.announcements.models import Announcement
    from frivillig.dialog.ideas.models import Idea
    from frivillig.dialog.messaging.models import Thread

    objects = world["objects"]
    return [
        reverse("portal:my_threads"),
        reverse("portal:my_thread", args=[objects[Thread].pk]),
        reverse("portal:new_thread", args=[world["organisation"].slug]),
        reverse("portal:my_announcements"),
        reverse("portal:my_announcement", args=[objects[Announcement].pk]),
        reverse("portal:announcement_choices"),
        reverse("portal:idea_new"),
        reverse("portal:my_ideas"),
        reverse("portal:my_idea", args=[objects[Idea].pk]),
        reverse("portal:idea_receipt", args=[objects[Idea].pk]),
        reverse("portal:my_feedback"),
        reverse("portal:feedback_answer", args=[world["feedback_request"].pk]),
        reverse("portal:notification_preferences"),
        reverse("portal:my_thanks"),
        reverse("portal:my_certificates"),
        reverse("portal:certificate_revoke", args=[world["certificate"].pk]),
        reverse("portal:my_nominations"),
        reverse("portal:award"),
        reverse("portal:consultation", args=[world["consultation"].slug]),
    ]


@pytest.mark.parametrize("language, width", [("da", 375), ("en", 1280)])
def test_it_makes_every_public_and_account_page_usable(
    catalogue, areas, places, new_page, visit, language, width
):
    page = new_page(language=language, width=width)
    paths = [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("account_request_login_code"),
        reverse("portal:apply", args=[catalogue["nibe"].slug]),
        reverse("portal:organisations"),
        reverse("portal:how_to"),
        reverse("portal:strategy"),
        reverse("portal:accessibility"),
        reverse("portal:privacy"),
        reverse("portal:events"),
        reverse("portal:framework"),
        reverse("portal:verify_agreement"),
        areas["aeldre"].get_absolute_url(),
        places["nibe"].get_absolute_url(),
        reverse("portal:get_involved"),
        reverse("portal:ideas"),
        reverse("portal:consultations"),
        reverse("portal:courses"),
        reverse("portal:verify_certificate"),
        reverse("portal:award"),
    ]
    problems = []
    for path in paths:
        check(page, path, visit, width, problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language, width", [("da", 375), ("en", 1280)])
def test_it_makes_every_municipal_page_usable(
    world, areas, new_page, visit, live_server, language, width
):
    from frivillig.dialog.ideas.models import Idea
    from frivillig.organisations.onboarding import submit_request

    request = submit_request(
        name="Hals Sandsækkelaug",
        cvr="29189420",
        contact_name="Hanne Hals",
        contact_email="hanne@example.dk",
        description="Vi fylder sandsække, når stormen kommer.",
        areas=[areas["beredskab"]],
    )
    page = new_page(language=language, width=width)
    # The world's organisation is the central volunteer office; its owner sees everything.
    signed_in(page, world["owner"], live_server)
    paths = [
        reverse("coordination:overview"),
        reverse("coordination:directory"),
        reverse("coordination:audit_log"),
        reverse("coordination:onboarding"),
        reverse("coordination:onboarding_detail", args=[request.pk]),
        reverse("coordination:joint_candidates"),
        reverse("coordination:ideas"),
        reverse("coordination:idea_detail", args=[world["objects"][Idea].pk]),
        reverse("coordination:consultations"),
        reverse("coordination:consultation_new"),
        *(
            reverse(f"coordination:{name}", args=[world["consultation"].pk])
            for name in (
                "consultation_detail",
                "consultation_edit",
                "consultation_comments",
                "consultation_section_new",
                "consultation_response",
            )
        ),
        reverse("coordination:feedback"),
        reverse("coordination:award_rounds"),
        reverse("coordination:award_round_create"),
        reverse("coordination:award_round", args=[world["award_round"].pk]),
    ]
    problems = []
    for path in paths:
        check(page, path, visit, width, problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language, width", [("da", 375), ("en", 1280)])
def test_it_makes_the_statistics_and_open_data_pages_usable(
    world, new_page, visit, language, width
):
    from django.utils import timezone

    page = new_page(language=language, width=width)
    paths = [
        reverse("portal:statistics"),
        reverse("portal:report", args=[timezone.localdate().year]),
        reverse("portal:open_data"),
        reverse("portal:onboarding"),
        reverse("portal:certificate", args=[world["certificate"].code]),
    ]
    problems = []
    for path in paths:
        check(page, path, visit, width, problems)
    assert not problems, "\n".join(problems)
