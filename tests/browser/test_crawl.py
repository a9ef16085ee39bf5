"""Every live page, reached by links from the home pages, works on a phone and a desktop screen.

The crawl starts at /fi/, /sv/ and /en/ and follows same-site links until no new page turns up. Each page is
looked at 1280 px and 390 px wide: it must not scroll sideways and axe-core must find no violation of the WCAG 2.1
A and AA rules or of its best practices. Then every live public page and every public form must have been reached:
a page only an address leads to is an orphan.
"""

import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from wagtail.models import Page

from hub.cases.models import CaseSubmissionPage
from hub.feedback.models import FeedbackFormPage
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

HOME_PAGES = ["/fi/", "/sv/", "/en/"]
# A word for each language, sent through the search form of its home page: search results are pages too.
SEARCH_WORDS = {"/fi/": "kyläyhdistys", "/sv/": "byaförening", "/en/": "village association"}
WIDTHS = (1280, 390)
NOT_PAGES = ("/admin/", "/django-admin/", "/documents/", "/api/", "/media/", "/static/")
FILE_ENDINGS = (".csv", ".xml", ".rss", ".atom", ".pdf", ".docx", ".odt", ".xlsx", ".txt")


def is_pagination(query):
    return bool(query) and {name for name, _value in parse_qsl(query)} <= {"page"}


# Every link's address, resolved: `link.href` of a link inside an SVG picture is an object, not a string.
LINK_ADDRESSES = "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)"


class Crawl:
    """Same-site links in the order found. A filtered view (any other query string) is visited once per path."""

    def __init__(self, base_url):
        self.host = urlsplit(base_url).netloc
        self.queue = []
        self.seen = set()
        self.filtered_paths = set()

    def add(self, href, *, always=False):
        url = urlsplit(href)
        if url.scheme not in ("http", "https", "") or (url.netloc and url.netloc != self.host):
            return
        path, query = url.path, url.query
        if path.startswith(NOT_PAGES) or path.endswith(FILE_ENDINGS) or path.rstrip("/").endswith(("/rss", "/atom")):
            return
        if "/csv" in path:
            return
        if query and not always and not is_pagination(query):
            if path in self.filtered_paths:
                return
            self.filtered_paths.add(path)
        address = f"{path}?{query}" if query else path
        if address not in self.seen:
            self.seen.add(address)
            self.queue.append(address)


def live_public_pages():
    return {urlsplit(page.url).path: page for page in Page.objects.live().public().filter(depth__gt=1).specific()}


def test_every_live_page_is_linked_fits_a_phone_and_passes_axe(page, site, capsys):
    started = time.monotonic()
    crawl = Crawl(site.url)
    for home in HOME_PAGES:
        crawl.add(home)
    problems = {}
    reached = set()
    refused = []  # anything the Content-Security-Policy blocked: inline code left in a template
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    while crawl.queue:
        address = crawl.queue.pop(0)
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(address)
        if response.status != 200:
            problems[address] = [f"HTTP {response.status}"]
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        reached.add(urlsplit(page.url).path)
        for href in page.eval_on_selector_all("a[href]", LINK_ADDRESSES):
            crawl.add(href)
        if address in SEARCH_WORDS:
            action = page.locator("form[role=search]").first.get_attribute("action")
            crawl.add(f"{action}?q={SEARCH_WORDS[address]}", always=True)
        found = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                found.append(f"{width} px: scrolls sideways by {overflow} px")
            found += [f"{width} px: {violation}" for violation in axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE)]
        if found:
            problems[address] = found

    pages = live_public_pages()
    orphans = sorted(path for path in pages if path not in reached)
    forms = sorted(path for path, live in pages.items() if isinstance(live, FeedbackFormPage | CaseSubmissionPage))
    with capsys.disabled():
        print(f"\ncrawled {len(crawl.seen)} addresses at {len(WIDTHS)} widths in {time.monotonic() - started:.0f} s")

    assert len(pages) > 100 and forms, "the loaded content should have over a hundred pages, forms among them"
    assert problems == {}
    assert refused == []
    assert orphans == []
    assert [path for path in forms if path not in reached] == []
