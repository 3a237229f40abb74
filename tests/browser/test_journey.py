"""Issue 3, the whole way through, as people would do it in a browser:

1. a citizen finds an opportunity from the front page's search and clicks "Meld dig";
2. without an account, fills in the form, types the code from the e-mail and sees the receipt;
3. the organisation's coordinator signs in with a password and accepts the application from
   the back office's inbox, and the volunteer gets the welcome e-mail with the contact person;
4. the volunteer, still signed in, ends the engagement on Min side through its confirmation
   page, sees it under earlier engagements, and the organisation is told.

Every page on the way has one h1, no sideways scrolling on a phone, and nothing axe-core can
find against WCAG 2.0/2.1 A and AA. Controls are found by their role and accessible name, as a
screen reader user would find them. Those names come from the same gettext catalogue the live
server uses (it runs in this process), so the test follows the Danish wording whatever it is,
and still fails if a control loses its label."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from frivillig.engagements.models import Application, Engagement, EngagementStatus

pytestmark = pytest.mark.browser

PASSWORD = "en-lang-adgangskode-til-kim"
WAIT_MS = 5_000  # every wait is bounded: a page that does not come is a failure, not a hang
SEARCH_WORD = "havehjælper"
TITLE = "Havehjælper ved Nibe Plejecenter"
CONTACT_NAME = "Karen Kontakt"
CONTACT_EMAIL = "karen.kontakt@example.dk"
VOLUNTEER = {
    "first_name": "Vilma",
    "last_name": "Nyborg",
    "email": "vilma.nyborg@example.dk",
    "message": "Jeg har en grøn tommelfinger og tid om ugen.",
    "availability": "Tirsdag eftermiddag",
}
# An allauth code: letters and digits in dashed groups (ABCD-EFGH), or only digits.
CODE_LINE = re.compile(r"^\s*([A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+|\d{4,9})\s*$", re.MULTILINE)


def words(language, msgid):
    """What the page says for `msgid` in `language`: the translation, or the English msgid
    while a translation is missing, exactly as the server renders it."""
    with translation.override(language):
        return translation.gettext(msgid)


def name(language, *msgids):
    """An accessible-name pattern for a control: any of the msgids, in `language`."""
    options = "|".join(re.escape(words(language, m)) for m in msgids)
    return re.compile(rf"^\s*(?:{options})\s*$", re.IGNORECASE)


def starts(language, *msgids):
    """Like name(), for labels that go on after the words (e.g. "(optional)")."""
    options = "|".join(re.escape(words(language, m)) for m in msgids)
    return re.compile(rf"^\s*(?:{options})", re.IGNORECASE)


@pytest.fixture
def journey(transactional_db, organisation, coordinator, make_opportunity):
    """A published opportunity of an approved organisation, whose coordinator can sign in
    with a password (a confirmed address, as allauth requires)."""
    cache.clear()  # nothing cached from an earlier test's (flushed) database may leak in
    coordinator.set_password(PASSWORD)
    coordinator.save(update_fields=["password"])
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    opportunity = make_opportunity(
        TITLE,
        description="Hjælp beboerne med plejecentrets højbede, og få en snak over hækken.",
        target_group="Beboere på plejecentret",
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
        place="nibe",
    )
    # Another opportunity, so that the search has something to leave out.
    make_opportunity("Lektiehjælp for børn i Nørresundby", place="noerresundby")
    return {"organisation": organisation, "coordinator": coordinator, "opportunity": opportunity}


def check_page(page, *, language, width, what, axe):
    """What every page of the journey must be: loaded without errors, in the right language,
    one h1, no sideways scrolling, nothing for axe to find."""
    page.wait_for_load_state("load", timeout=WAIT_MS)
    assert not page.problems, f"{what}: " + "; ".join(page.problems)
    assert_head_links_served(page, what)
    assert page.get_attribute("html", "lang") == language, f"{what}: wrong language"
    assert page.locator("h1").count() == 1, f"{what}: a page has exactly one h1"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"{what} scrolls sideways at {width} px ({scroll_width} px)"
    axe(page)


def assert_head_links_served(page, what):
    """The stylesheets and the icon the page links to are there. Chromium fetches the icon
    after the load event, or not at all once it has one cached, so the response listener
    alone would catch a missing one only now and then; asking for each of them makes it sure."""
    hrefs = page.evaluate(
        """() => [...document.head.querySelectorAll('link[href]')]
            .filter(link => /(^|\\s)(stylesheet|icon)(\\s|$)/i.test(link.rel))
            .map(link => link.href)"""
    )
    missing = [
        f"HTTP {status} {href}"
        for href in hrefs
        if (status := page.request.get(href, timeout=WAIT_MS).status) != 200
    ]
    assert not missing, f"{what} links to what is not there: " + "; ".join(missing)


def click_and_wait(page, control, path):
    """Clicks a link or button and waits (boundedly) for the page at `path` (a path, or a
    glob ending in it)."""
    control.click(timeout=WAIT_MS)
    page.wait_for_url(path if "*" in path else f"**{path}", timeout=WAIT_MS)


def status_message(page):
    """The text of the messages the previous action left (role=status alerts in <main>)."""
    return " ".join(page.get_by_role("main").get_by_role("status").all_inner_texts())


def engagement_card(page, language, *, level):
    """The journey's engagement in Min side's "My engagements" section: current ones have an
    h3 title, earlier ones (under the "Earlier engagements" h3) an h4."""
    section = page.get_by_role("region", name=name(language, "My engagements"))
    title = page.get_by_role("heading", level=level, name=TITLE)
    return section.get_by_role("listitem").filter(has=title)


def sent_to(outbox, address):
    return [m for m in outbox if address in m.to]


@pytest.mark.parametrize(
    ("language", "width"),
    [("da", 375), ("da", 1280), ("en", 1280)],
    ids=["da-phone", "da-desktop", "en-desktop"],
)
def test_it_takes_a_citizen_from_search_to_an_ended_engagement(
    journey, new_page, visit, assert_no_axe_violations, mailoutbox, language, width
):
    opportunity = journey["opportunity"]
    organisation = journey["organisation"]
    coordinator = journey["coordinator"]
    slug = opportunity.slug
    t = {"language": language, "width": width, "axe": assert_no_axe_violations}

    # 1. A citizen searches from the front page and opens the opportunity.
    citizen = new_page(language=language, width=width)
    citizen.set_default_timeout(WAIT_MS)
    visit(citizen, "/")
    check_page(citizen, **t, what="front page")
    citizen.get_by_role("searchbox", name=name(language, "What would you like to do?")).fill(
        SEARCH_WORD
    )
    click_and_wait(
        citizen, citizen.get_by_role("button", name=name(language, "Search")), "**/soeg/?*"
    )
    check_page(citizen, **t, what="search results")
    results = citizen.get_by_role("main").get_by_role("link", name=TITLE)
    assert results.count() >= 1, "the search did not find the opportunity"
    assert citizen.get_by_role("main").get_by_role("link", name="Lektiehjælp").count() == 0
    click_and_wait(citizen, results.first, opportunity.get_absolute_url())
    check_page(citizen, **t, what="opportunity")
    assert citizen.get_by_role("heading", level=1).inner_text().strip() == TITLE

    click_and_wait(
        citizen,
        citizen.get_by_role("link", name=name(language, "Apply – meld dig")),
        reverse("portal:apply", args=[slug]),
    )
    check_page(citizen, **t, what="apply, step 1")

    # 2. Without an account: the form, the code from the e-mail, the receipt.
    form = citizen.get_by_role("main")
    form.get_by_label(starts(language, "First name")).fill(VOLUNTEER["first_name"])
    form.get_by_label(starts(language, "Last name")).fill(VOLUNTEER["last_name"])
    form.get_by_label(name(language, "E-mail")).fill(VOLUNTEER["email"])
    form.get_by_label(starts(language, "Message to the organisation")).fill(VOLUNTEER["message"])
    form.get_by_label(starts(language, "When can you help?")).fill(VOLUNTEER["availability"])
    click_and_wait(
        citizen,
        form.get_by_role("button", name=name(language, "Continue")),
        reverse("portal:apply_confirm", args=[slug]),
    )
    check_page(citizen, **t, what="apply, step 2 (the code)")
    assert not Application.objects.exists(), "the application exists before the code is typed"

    code_mails = sent_to(mailoutbox, VOLUNTEER["email"])
    assert len(code_mails) == 1, [m.subject for m in mailoutbox]
    found = CODE_LINE.search(code_mails[0].body)
    assert found, f"no code in the e-mail:\n{code_mails[0].body}"
    citizen.get_by_label(starts(language, "Code from the e-mail")).fill(found.group(1))
    click_and_wait(
        citizen,
        citizen.get_by_role("button", name=name(language, "Confirm and send application")),
        reverse("portal:apply_done", args=[slug]),
    )
    check_page(citizen, **t, what="apply, step 3 (the receipt)")
    receipt = citizen.get_by_role("heading", level=1, name=name(language, "Thank you for applying"))
    assert receipt.count() == 1
    application = Application.objects.get()
    volunteer = application.volunteer
    assert (application.opportunity, volunteer.email) == (opportunity, VOLUNTEER["email"])
    assert (volunteer.first_name, volunteer.last_name) == (
        VOLUNTEER["first_name"],
        VOLUNTEER["last_name"],
    )
    assert (application.message, application.availability) == (
        VOLUNTEER["message"],
        VOLUNTEER["availability"],
    )
    assert CONTACT_EMAIL in citizen.get_by_role("main").inner_text()

    # 3. The coordinator signs in with a password and accepts, from the back office.
    staff = new_page(language=language, width=width)
    staff.set_default_timeout(WAIT_MS)
    visit(staff, reverse("account_login"))
    check_page(staff, **t, what="log-in")
    staff.get_by_label(name(language, "Email", "E-mail")).fill(coordinator.email)
    staff.get_by_label(name(language, "Password")).fill(PASSWORD)
    click_and_wait(
        staff,
        staff.get_by_role("main").get_by_role("button", name=name(language, "Sign In")),
        reverse("portal:my_page"),
    )
    check_page(staff, **t, what="page after log-in")

    click_and_wait(
        staff,
        staff.get_by_role("banner").get_by_role("link", name=name(language, "Back office")),
        reverse("backoffice:dashboard", args=[organisation.slug]),
    )
    check_page(staff, **t, what="back office overview")
    back_office_menu = staff.get_by_role("navigation", name=name(language, "Back office"))
    click_and_wait(
        staff,
        back_office_menu.get_by_role("link", name=name(language, "Applications")),
        reverse("backoffice:application_list", args=[organisation.slug]),
    )
    check_page(staff, **t, what="applications inbox")
    click_and_wait(
        staff,
        staff.get_by_role("main").get_by_role("link", name=str(volunteer), exact=True),
        reverse("backoffice:application_detail", args=[organisation.slug, application.pk]),
    )
    check_page(staff, **t, what="the application")
    assert VOLUNTEER["message"] in staff.get_by_role("main").inner_text()
    mails_before = len(mailoutbox)
    click_and_wait(
        staff,
        staff.get_by_role("main").get_by_role("button", name=name(language, "Accept")),
        reverse("backoffice:application_list", args=[organisation.slug]),
    )
    check_page(staff, **t, what="applications inbox after accepting")
    assert str(volunteer) in status_message(staff), "no word that the acceptance went through"
    engagement = Engagement.objects.get(application=application)
    assert engagement.status == EngagementStatus.ACTIVE
    welcome = sent_to(mailoutbox[mails_before:], VOLUNTEER["email"])
    assert len(welcome) == 1, [(m.to, m.subject) for m in mailoutbox[mails_before:]]
    assert CONTACT_NAME in welcome[0].body and CONTACT_EMAIL in welcome[0].body

    # 4. The volunteer, still signed in from the code, ends the engagement on Min side.
    visit(citizen, "/")
    header = citizen.get_by_role("banner")
    my_page_link = header.get_by_role("link", name=name(language, "My page"))
    assert my_page_link.count() == 1, "the volunteer is no longer signed in"
    click_and_wait(citizen, my_page_link, reverse("portal:my_page"))
    check_page(citizen, **t, what="Min side")
    current = engagement_card(citizen, language, level=3)
    assert current.count() == 1, "the engagement is not among the current ones"
    with translation.override(language):
        active = str(engagement.get_status_display())
    assert current.get_by_text(active, exact=True).count() == 1

    click_and_wait(
        citizen,
        current.get_by_role("link", name=name(language, "End engagement")),
        reverse("portal:end_engagement", args=[engagement.pk]),
    )
    check_page(citizen, **t, what="end engagement, confirmation")
    mails_before = len(mailoutbox)
    click_and_wait(
        citizen,
        citizen.get_by_role("main").get_by_role("button", name=name(language, "End engagement")),
        reverse("portal:my_page"),
    )
    check_page(citizen, **t, what="Min side after ending")
    assert TITLE in status_message(citizen), "no word that the engagement has ended"
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED
    earlier = citizen.get_by_role("heading", level=3, name=name(language, "Earlier engagements"))
    assert earlier.count() == 1
    # Under "Earlier engagements" (an h3) each engagement has an h4, and no actions are left.
    assert engagement_card(citizen, language, level=3).count() == 0
    ended = engagement_card(citizen, language, level=4)
    assert ended.count() == 1, "the engagement is not among the earlier ones"
    assert ended.get_by_role("link", name=name(language, "End engagement")).count() == 0
    assert ended.get_by_role("button").count() == 0
    told = sent_to(mailoutbox[mails_before:], coordinator.email)
    assert len(told) == 1, [(m.to, m.subject) for m in mailoutbox[mails_before:]]
    assert TITLE in told[0].body
