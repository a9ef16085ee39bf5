"""A printed phase is compact and complete: its content on a few A4 pages, without the site's navigation."""

import io
import re

import pypdf
import pytest

from handbook.models import PhasePage

pytestmark = pytest.mark.browser

MOST_PAGES = 3
# The text of the page without its navigation, some of which stands inside <main> on screen.
CONTENT_TEXT = """() => {
    const main = document.querySelector("main").cloneNode(true);
    main.querySelectorAll("nav").forEach(nav => nav.remove());
    return main.textContent;
}"""
CHROME = [".skip-link", ".main-nav a", ".language-switcher a", ".site-search label", ".phase-nav__label"]


def letters(text):
    """Only letters and digits: a printed line may break a word with a hyphen anywhere."""
    return re.sub(r"\W", "", text)


def printed(page):
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    page.emulate_media(media="screen")
    return len(pdf.pages), letters(" ".join(sheet.extract_text() for sheet in pdf.pages))


def test_a_phase_prints_its_content_without_navigation_on_a_few_pages(page):
    page.goto("/fi/kasikirja/arvioidaan-vaikutuksia/")
    content = page.locator("main").locator("h1, h2, h3, .tasks strong, [aria-labelledby=questions-heading] li")
    headings = [text.strip() for text in content.all_inner_texts()]
    chrome = [text.strip() for selector in CHROME for text in page.locator(selector).all_inner_texts()]
    footer_links = [text.strip() for text in page.locator(".site-footer a").all_inner_texts()]
    in_content = letters(page.evaluate(CONTENT_TEXT))
    only_in_chrome = [text for text in chrome + footer_links if letters(text) not in in_content]
    assert len(headings) > 20 and "Kysymykset, joihin vastataan" in headings
    assert {"Siirry sisältöön", "Svenska", "English", "Seuraava vaihe", "Saavutettavuusseloste"} <= set(only_in_chrome)

    pages, text = printed(page)

    assert pages <= MOST_PAGES
    assert [heading for heading in headings if letters(heading) not in text] == []
    assert [item for item in only_in_chrome if letters(item) in text] == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_phase_prints_on_at_most_three_pages_in_every_language(page, language):
    lengths = {}
    for phase in PhasePage.objects.live().filter(locale__language_code=language).order_by("number"):
        page.goto(phase.url)
        lengths[phase.number] = printed(page)[0]
    assert len(lengths) == 11
    assert {number: pages for number, pages in lengths.items() if pages > MOST_PAGES} == {}
