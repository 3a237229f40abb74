"""An individual agreement on a phone (375 px), as a volunteer would meet it:

1. the coordinator's agreement (made and sent with the services here) waits on Min side;
2. the volunteer opens "My agreements", then the agreement, reads it, types the password,
   ticks "I have read the agreement and accept it" and signs;
3. the organisation countersigns (the service again), and the volunteer sees it in force and
   downloads the PDF;
4. the public verification page, followed from the agreement, says the text matches, and
   the framework page it was made under opens.

Every page has one h1, no sideways scrolling, and nothing for axe-core to find. Controls are
found by role and accessible name from the same gettext catalogue the live server uses."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from frivillig.agreements import services
from frivillig.agreements.models import AgreementStatus, AgreementTemplate
from tests.browser.test_journey import WAIT_MS, check_page, click_and_wait, name, status_message
from tests.browser.test_shifts import signed_in

pytestmark = pytest.mark.browser

LANGUAGE = "da"
WIDTH = 375
PASSWORD = "kodeord-der-er-langt-nok"  # make_user's default


def words(msgid):
    with translation.override(LANGUAGE):
        return translation.gettext(msgid)


@pytest.fixture
def agreement(transactional_db, make_agreement, organisation, coordinator, volunteer):
    cache.clear()
    # The default template comes from a data migration, which an earlier browser test's flush
    # of the database takes away again.
    if services.default_template("da") is None:
        AgreementTemplate.objects.create(
            name="Standardaftale for frivillige",
            language="da",
            introduction="Aftalen er ikke en ansættelseskontrakt.",
            volunteer_expectations="At du siger til, hvis noget ikke fungerer for dig.",
            organisation_expectations="En fast kontaktperson, som du altid kan spørge.",
            ending="Du kan til enhver tid afslutte aftalen uden at give en grund.",
        )
    return make_agreement(
        organisation=organisation,
        volunteer=volunteer,
        by=coordinator,
        task="Besøgsven for Ingrid på Nibe Plejecenter, en eftermiddag om ugen.",
    )


def test_it_lets_a_volunteer_read_sign_and_download_an_agreement_on_a_phone(
    agreement, volunteer, coordinator, new_page, visit, live_server, assert_no_axe_violations
):
    t = {"language": LANGUAGE, "width": WIDTH, "axe": assert_no_axe_violations}
    page = new_page(language=LANGUAGE, width=WIDTH)
    page.set_default_timeout(WAIT_MS)
    signed_in(page, volunteer, live_server)

    # 1. Min side says an agreement waits, and leads to it.
    visit(page, reverse("portal:my_page"))
    check_page(page, **t, what="Min side")
    click_and_wait(
        page,
        page.get_by_role("main").get_by_role("link", name=name(LANGUAGE, "My agreements")).first,
        reverse("portal:my_agreements"),
    )
    check_page(page, **t, what="my agreements")
    waiting = page.get_by_role("region", name=name(LANGUAGE, "Waiting for your signature"))
    link = waiting.get_by_role("link", name=re.compile(re.escape(agreement.organisation.name)))
    assert link.count() == 1, "the agreement is not among those waiting for a signature"
    click_and_wait(page, link, reverse("portal:my_agreement", args=[agreement.pk]))

    # 2. The frozen text, readable on the phone, then the signature.
    check_page(page, **t, what="the agreement, waiting for the volunteer")
    text = page.locator(".agreement-text")
    assert text.inner_text().strip() == agreement.rendered_text.strip()
    assert agreement.code in page.get_by_role("main").inner_text()
    sign = page.get_by_role("region", name=name(LANGUAGE, "Sign the agreement"))
    sign.get_by_label(name(LANGUAGE, "Your password")).fill(PASSWORD)
    box = sign.get_by_role(
        "checkbox", name=name(LANGUAGE, "I have read the agreement and accept it")
    )
    page.locator(f"label[for='{box.get_attribute('id')}']").click()  # as a person taps it
    assert box.is_checked()
    click_and_wait(
        page,
        sign.get_by_role("button", name=name(LANGUAGE, "Sign the agreement")),
        reverse("portal:my_agreement", args=[agreement.pk]),
    )
    check_page(page, **t, what="the agreement, signed by the volunteer")
    assert agreement.organisation.name in status_message(page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_ORGANISATION
    assert page.get_by_role("region", name=name(LANGUAGE, "Sign the agreement")).count() == 0

    # 3. The organisation countersigns; the volunteer sees it in force and takes the PDF.
    services.countersign(agreement=agreement, by=coordinator, ip="127.0.0.1")
    visit(page, reverse("portal:my_agreements"))
    check_page(page, **t, what="my agreements, one in force")
    in_force = page.get_by_role("region", name=name(LANGUAGE, "In force"))
    assert in_force.get_by_role("listitem").locator(".badge").inner_text() == words("In force")
    click_and_wait(
        page,
        in_force.get_by_role("link", name=re.compile(re.escape(agreement.organisation.name))),
        reverse("portal:my_agreement", args=[agreement.pk]),
    )
    check_page(page, **t, what="the agreement, in force")
    with page.expect_download(timeout=WAIT_MS * 6) as download_info:
        page.get_by_role("link", name=name(LANGUAGE, "Download as PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"aftale-{agreement.code}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # 4. The verification page, filled in from the agreement, and the framework.
    click_and_wait(
        page,
        page.get_by_role(
            "link", name=name(LANGUAGE, "Check this agreement on the verification page")
        ),
        f"**{reverse('portal:verify_agreement')}?*",
    )
    check_page(page, **t, what="verification, matching")
    assert words("The text matches") in page.get_by_role("main").inner_text()
    assert volunteer.get_full_name() not in page.content()
    visit(page, reverse("portal:framework"))
    check_page(page, **t, what="the framework")
