"""A keyboard-only citizen finds an opportunity: from the front page, through the search, to the
opportunity itself, with Tab, typing and Enter only."""

import pytest

from frivillig.catalog.models import Opportunity

pytestmark = pytest.mark.browser

MAX_TABS = 60  # more than a keyboard user should need; keeps a broken page from looping forever


def tab_until(page, predicate_js, what):
    """Presses Tab until `predicate_js` (a JavaScript function of the focused element) is true."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!({predicate_js})(document.activeElement)"):
            return presses
    pytest.fail(f"{what} was not reached in {MAX_TABS} presses of Tab")


@pytest.mark.parametrize(
    ("language", "label"),
    [("da", "Hvad vil du lave?"), ("en", "What would you like to do?")],
)
def test_it_finds_an_opportunity_with_the_keyboard_alone(
    catalogue, new_page, visit, language, label
):
    page = new_page(language=language, width=1280)
    visit(page, "/")

    tab_until(page, "el => el && el.tagName === 'INPUT' && el.name === 'q'", "the search field")
    labels = page.evaluate("[...document.activeElement.labels].map(l => l.textContent.trim())")
    assert label in labels

    page.keyboard.type("besøgsven")
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?*")
    page.wait_for_load_state("load")
    assert not page.problems, "; ".join(page.problems)
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == "besøgsven"

    first_result = "main a[href^='/muligheder/']"
    assert page.locator(first_result).count() >= 1, "the search found nothing"
    tab_until(page, f'el => el === document.querySelector("{first_result}")', "the first result")
    href = page.evaluate("document.activeElement.getAttribute('href')")

    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    page.wait_for_load_state("load")
    assert not page.problems, "; ".join(page.problems)
    slug = href.strip("/").split("/")[-1]
    opportunity = Opportunity.objects.get(slug=slug)
    assert opportunity in (catalogue["nibe"], catalogue["english"])
    title = opportunity.title_en if language == "en" and opportunity.title_en else opportunity.title
    assert page.locator("h1").inner_text().strip() == title
