"""The dialogue in a real browser, on a phone (375 px) in Danish, with axe-core on every page:

1. a volunteer writes to an organisation, a coordinator answers in the back office, and the
   volunteer reads the answer and sees that the organisation has read her message;
2. a volunteer comments on a section of the municipality's consultation, privately, and sees
   the comment marked as visible only to the municipality and her;
3. a volunteer issues a volunteer certificate (frivilligbevis), downloads the PDF and checks it
   on the public verification page by its code."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from frivillig.dialog.consultations import services as consultations
from frivillig.dialog.consultations.models import Comment
from frivillig.dialog.messaging.models import Message, Thread
from frivillig.engagements import services as engagements
from frivillig.recognition.models import Certificate
from tests.browser.test_journey import WAIT_MS, check_page, click_and_wait, name
from tests.browser.test_shifts import signed_in

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375


def words(msgid, **values):
    with translation.override(LANGUAGE):
        return translation.gettext(msgid) % values if values else translation.gettext(msgid)


@pytest.fixture
def t(assert_no_axe_violations):
    return {"language": LANGUAGE, "width": WIDTH, "axe": assert_no_axe_violations}


def test_a_volunteer_and_a_coordinator_exchange_messages(
    catalogue, volunteer, coordinator, new_page, visit, live_server, t
):
    organisation = catalogue["organisation"]
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)

    # The volunteer finds the button on the organisation's public page.
    visit(page, organisation.get_absolute_url())
    check_page(page, **t, what="the organisation's page")
    click_and_wait(
        page,
        page.get_by_role("link", name=name(LANGUAGE, "Write to the organisation")),
        reverse("portal:new_thread", args=[organisation.slug]),
    )
    check_page(page, **t, what="a new message")
    page.get_by_label(name(LANGUAGE, "Subject")).fill("Kan jeg tage min hund med?")
    page.get_by_label(name(LANGUAGE, "Your message")).fill("Hej! Min hund er meget rolig.")
    page.get_by_role("button", name=name(LANGUAGE, "Send")).click()
    page.wait_for_url(re.compile(r"/min-side/beskeder/\d+/$"), timeout=WAIT_MS)
    check_page(page, **t, what="the conversation, sent")
    thread = Thread.objects.get(volunteer=volunteer, organisation=organisation)
    assert "Min hund er meget rolig." in page.get_by_role("main").inner_text()
    # The coordinators are told by e-mail, with a link back and without the message itself.
    notice = [m for m in mail.outbox if coordinator.email in m.to]
    assert notice and "rolig" not in notice[0].body
    assert reverse("backoffice:thread_detail", args=[organisation.slug, thread.pk]) in (
        notice[0].body
    )

    # The coordinator answers in the back office.
    staff = new_page(language=LANGUAGE, width=WIDTH)
    staff.set_default_timeout(WAIT_MS)
    signed_in(staff, coordinator, live_server)
    visit(staff, reverse("backoffice:thread_list", args=[organisation.slug]))
    check_page(staff, **t, what="the organisation's messages")
    click_and_wait(
        staff,
        staff.get_by_role("link", name=re.compile("Kan jeg tage min hund med")),
        reverse("backoffice:thread_detail", args=[organisation.slug, thread.pk]),
    )
    check_page(staff, **t, what="the conversation in the back office")
    staff.get_by_label(name(LANGUAGE, "Your message")).fill("Ja, hunde er velkomne i haven.")
    staff.get_by_role("button", name=name(LANGUAGE, "Send")).click()
    staff.wait_for_load_state("load")
    assert Message.objects.filter(thread=thread, from_organisation=True).count() == 1

    # The volunteer reads the answer; the organisation had read her message first.
    visit(page, reverse("portal:my_threads"))
    check_page(page, **t, what="my messages, one unread")
    click_and_wait(
        page,
        page.get_by_role("link", name=re.compile("Kan jeg tage min hund med")),
        reverse("portal:my_thread", args=[thread.pk]),
    )
    check_page(page, **t, what="the conversation, answered")
    assert "hunde er velkomne" in page.get_by_role("main").inner_text()
    thread.refresh_from_db()
    assert thread.organisation_read_at is not None and thread.volunteer_read_at is not None


@pytest.fixture
def consultation(transactional_db, volunteer_office):
    draft = consultations.create_consultation(
        title="Udkast til frivilligstrategi 2027",
        summary="Sig din mening om udkastet, afsnit for afsnit.",
        closes_at=timezone.now() + datetime.timedelta(days=14),
        by=None,
    )
    consultations.add_section(
        consultation=draft, heading="Formål", body="Det skal være let at være frivillig."
    )
    consultations.add_section(
        consultation=draft, heading="Samarbejde", body="Vi koordinerer på tværs af afdelinger."
    )
    return consultations.publish(consultation=draft)


def test_a_volunteer_comments_on_a_consultation_privately(
    consultation, volunteer, new_page, visit, live_server, t
):
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)
    visit(page, reverse("portal:consultations"))
    check_page(page, **t, what="consultations")
    click_and_wait(
        page,
        page.get_by_role("link", name=re.compile(re.escape(consultation.title))).first,
        reverse("portal:consultation", args=[consultation.slug]),
    )
    check_page(page, **t, what="the consultation")

    section = page.get_by_role("region", name=re.compile(r"^2\. Samarbejde"))
    section.get_by_label(name(LANGUAGE, "Your comment")).fill(
        "Husk landsbyerne: <b>også</b> dem uden bus."
    )
    section.get_by_label(name(LANGUAGE, "Only the municipality")).check()
    section.get_by_role("button", name=name(LANGUAGE, "Send the comment")).click()
    page.wait_for_url(f"**{reverse('portal:consultation', args=[consultation.slug])}*")
    check_page(page, **t, what="the consultation, commented")

    comment = Comment.objects.get(author=volunteer)
    assert comment.section.number == 2 and not comment.public
    section = page.get_by_role("region", name=re.compile(r"^2\. Samarbejde"))
    text = section.inner_text()
    assert "Husk landsbyerne: <b>også</b> dem uden bus." in text  # shown as typed, not as HTML
    assert words("Only visible to the municipality and you") in text


def test_a_volunteer_downloads_and_checks_a_frivilligbevis(
    catalogue, volunteer, coordinator, new_page, visit, live_server, t
):
    engagements.accept(
        application=engagements.apply(volunteer=volunteer, opportunity=catalogue["nibe"]),
        by=coordinator,
    )
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)
    visit(page, reverse("portal:my_page"))
    check_page(page, **t, what="Min side")
    click_and_wait(
        page,
        page.get_by_role(
            "link", name=name(LANGUAGE, "Volunteer certificate (frivilligbevis)")
        ).first,
        reverse("portal:my_certificates"),
    )
    check_page(page, **t, what="the certificates")
    page.get_by_role("button", name=name(LANGUAGE, "Issue the certificate")).click()
    page.wait_for_load_state("load")
    check_page(page, **t, what="the certificates, one issued")
    certificate = Certificate.objects.get(user=volunteer)

    with page.expect_download(timeout=WAIT_MS * 6) as download_info:
        page.get_by_role(
            "link", name=re.compile(re.escape(certificate.code) + r".*\(PDF\)")
        ).click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Anyone with the code checks it, signed in or not.
    visitor = new_page(language=LANGUAGE, width=WIDTH)
    visitor.set_default_timeout(WAIT_MS)
    visit(visitor, reverse("portal:verify_certificate"))
    check_page(visitor, **t, what="the verification form")
    form = visitor.get_by_role("main")
    form.get_by_role("textbox").first.fill(certificate.code.lower().replace("-", " "))
    form.get_by_role("button", name=name(LANGUAGE, "Check")).click()
    visitor.wait_for_url(f"**{reverse('portal:certificate', args=[certificate.code])}")
    check_page(visitor, **t, what="the verified certificate")
    main = visitor.get_by_role("main").inner_text()
    assert words("Valid") in main
    assert volunteer.get_full_name() in main
    assert catalogue["organisation"].name in main
