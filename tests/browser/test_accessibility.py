"""WCAG 2.1 AA on the key public pages, in Danish and English, on a phone and a desktop screen:
axe-core finds nothing, and the basics axe cannot judge hold (language, one h1, a skip link that
is the first stop and leads into the main content, no sideways scrolling)."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

PAGES = {
    "front": lambda data: "/",
    "search-filtered": lambda data: "/soeg/?q=besøgsven&area=aeldre&suitable=english",
    "search-distance": lambda data: "/soeg/?postal_code=9000&distance=10",
    "opportunity": lambda data: f"/muligheder/{data['english'].slug}/",
    "organisation": lambda data: f"/organisationer/{data['organisation'].slug}/",
}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_it_has_no_accessibility_violations(
    catalogue, new_page, visit, assert_no_axe_violations, name, language, width
):
    page = new_page(language=language, width=width)
    path = PAGES[name](catalogue)
    visit(page, path)

    assert page.get_attribute("html", "lang") == language
    assert page.locator("h1").count() == 1, "a page has exactly one h1"
    assert_skip_link_leads_to_main_content(page)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, f"{path} scrolls sideways at {width} px ({scroll_width} px)"
    assert_no_axe_violations(page)


def test_it_shows_the_expected_results(catalogue, new_page, visit):
    """The pages above are only worth checking if they show what a citizen would see."""

    def result_links():
        return set(
            page.locator("main a[href^='/muligheder/']").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
        )

    def url(key):
        return f"/muligheder/{catalogue[key].slug}/"

    page = new_page(language="en")
    visit(page, PAGES["search-filtered"](catalogue))
    assert result_links() == {url("english")}

    visit(page, PAGES["search-distance"](catalogue))
    found = result_links()
    assert url("english") in found
    assert url("homework") in found  # Nørresundby, about 1.3 km from Aalborg C
    assert url("nibe") not in found  # about 18 km away
    assert url("draft") not in found

    visit(page, PAGES["opportunity"](catalogue))
    assert page.locator("h1").inner_text().strip() == catalogue["english"].title_en
    visit(page, PAGES["organisation"](catalogue))
    assert page.locator("h1").inner_text().strip() == catalogue["organisation"].name


def assert_skip_link_leads_to_main_content(page):
    page.keyboard.press("Tab")
    first = page.evaluate("""() => {
        const el = document.activeElement;
        const href = el && el.getAttribute('href');
        const target = href && href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
        return {
            tag: el.tagName, href, text: el.textContent.trim(),
            targetIsMain: !!target && (target.tagName === 'MAIN' || !!target.closest('main')
                                       || target.getAttribute('role') === 'main'),
        };
    }""")
    assert first["tag"] == "A" and first["href"] and first["href"].startswith("#"), (
        f"the first focusable element is not a skip link: {first}"
    )
    assert first["text"], "the skip link has no text"
    assert first["targetIsMain"], f"the skip link does not lead to the main content: {first}"
    # Hidden until focused, then it must come into view (DKFDS slides it in with a transition).
    try:
        page.wait_for_function(
            """() => {
                const box = document.activeElement.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                    && box.bottom <= innerHeight && box.right <= innerWidth;
            }""",
            timeout=2_000,
        )
    except PlaywrightTimeoutError:
        pytest.fail("the focused skip link does not come into view")

    # Following it puts the keyboard in the main content: the next Tab lands inside <main>.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), (
        "after the skip link, Tab does not continue in the main content"
    )
