"""Browser tests: Playwright's sync API drives Debian's Chromium against pytest-django's live
server, with a small, realistic catalogue in the database.

Every test module here sets `pytestmark = pytest.mark.browser`, so `make test` runs them in their
own pytest run without xdist, and the root conftest skips them outside CI when Chromium is missing.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.utils import override_settings

from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Without the background-networking flags Chromium keeps calling home, and this machine's closed
# network refuses every one of those connections. Playwright gives each launch a fresh, empty
# temporary profile (user-data-dir) and removes it on close.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALES = {"da": "da-DK", "en": "en-GB"}


@pytest.fixture(scope="session")
def _allow_async_unsafe():
    """Playwright's sync API keeps an asyncio event loop running in this thread, and Django
    refuses ORM calls from a thread with a running loop. The fixtures and the flush after each
    test are plain synchronous code, so the guard only gets in the way while the browser runs
    (and it is put back afterwards for any other tests in the same run)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_allow_async_unsafe):
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _plain_http():
    """The live server speaks plain HTTP, but with DEBUG off the settings redirect to HTTPS and
    mark cookies Secure. SecurityMiddleware reads its settings once, when the server thread
    builds its handler, so they must change before the session-wide live server starts."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        SECURE_HSTS_SECONDS=0,
    ):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http, live_server):
    # pytest-django serves static files through django.contrib.staticfiles' handler (finders,
    # so `make assets` output under frivillig/static/vendor is found without collectstatic).
    return live_server


@pytest.fixture
def catalogue(transactional_db, places, areas, organisation, other_organisation, make_opportunity):
    """Two associations with published opportunities across areas, towns and languages."""
    cache.clear()  # nothing cached from an earlier test's (flushed) database may leak in
    nibe = make_opportunity(
        "Besøgsven for ældre i Nibe",
        description="Drik en kop kaffe og gå en tur med en ældre borger, der sidder alene.",
        place="nibe",
        suits_seniors=True,
    )
    english = make_opportunity(
        "Besøgsven på plejecenter i Aalborg",
        title_en="Visiting friend at a care home in Aalborg",
        description="Vær en fast besøgsven for en beboer på et plejecenter midt i Aalborg.",
        description_en="Be a regular visiting friend for a resident of a care home in central "
        "Aalborg. You can speak English: many residents enjoy practising it.",
        target_group="Beboere på plejecentre",
        target_group_en="Residents of care homes",
        place="aalborg",
        suits_english_speakers=True,
        wheelchair_accessible=True,
        offers_training=True,
        covers_expenses=True,
    )
    homework = make_opportunity(
        "Lektiehjælp for børn i Nørresundby",
        description="Hjælp skolebørn med lektierne en eftermiddag om ugen på biblioteket.",
        target_group="Skolebørn",
        area_slugs=("boern",),
        place="noerresundby",
        requires_child_certificate=True,
        min_age=18,
    )
    football = make_opportunity(
        "Fodboldtræner for U10",
        organisation=other_organisation,
        description="Træn vores drenge- og pigehold under 10 år to gange om ugen.",
        target_group="Børn under 10 år",
        area_slugs=("idraet-og-fritid", "boern"),
        place="hals",
        kind="recurring",
        hours_per_month=10,
        requires_child_certificate=True,
    )
    draft = make_opportunity("Kladde der ikke må ses", publish=False, place="aalborg")
    unapproved = create_organisation(
        name="Ikke godkendt forening",
        kind=OrganisationKind.ASSOCIATION,
        is_approved=False,
        place=places["aalborg"],
    )
    return {
        "organisation": organisation,
        "other_organisation": other_organisation,
        "unapproved_organisation": unapproved,
        "nibe": nibe,
        "english": english,
        "homework": homework,
        "football": football,
        "draft": draft,
    }


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a fresh context: its own cookies, a viewport width and a language.

    The language is set as Django's language cookie (what the language switch sets) and as the
    browser's locale, so Accept-Language agrees with it."""
    contexts = []

    def open_page(*, language="da", width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale=LOCALES[language],
            bypass_csp=True,  # so that axe can be injected whatever the page's policy says
        )
        contexts.append(context)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.problems = []
        origin = live_server.url

        def on_response(response):
            # Chromium asks for /favicon.ico on its own; a missing one is not the page's fault.
            path = urlsplit(response.url).path
            if (
                response.url.startswith(origin)
                and response.status >= 400
                and path != "/favicon.ico"
            ):
                page.problems.append(f"HTTP {response.status} {path}")

        page.on("response", on_response)
        page.on("pageerror", lambda error: page.problems.append(f"JavaScript error: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def visit():
    return _visit


@pytest.fixture(name="assert_no_axe_violations")
def assert_no_axe_violations_fixture():
    return assert_no_axe_violations


def _visit(page, path):
    """Goes to `path` and checks that it and everything it loaded (CSS, fonts, scripts) came
    back without an error, so that a missing stylesheet cannot hide a contrast problem."""
    response = page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path} answered {response.status if response else 'nothing'}"
    )
    page.wait_for_load_state("load")
    assert not page.problems, f"{path}: " + "; ".join(page.problems)
    return response


def assert_no_axe_violations(page):
    """Runs axe-core (WCAG 2.0/2.1, levels A and AA) on the page and fails with a readable list."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (axe-core is a devDependency)")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    if not results["passes"]:
        pytest.fail(f"axe checked nothing on {page.url}; is the page empty?", pytrace=False)
    violations = results["violations"]
    if violations:
        pytest.fail(
            f"axe found {len(violations)} violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


def format_violations(violations, max_nodes=3):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"][:max_nodes]:
            html = " ".join(node["html"].split())
            html = html if len(html) <= 200 else html[:197] + "..."
            lines.append(f"    at {json.dumps(node['target'])}: {html}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)
