"""Every source in the content is a deep link with the date a person checked it, and pages show that date."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from hub.core.blocks import LinkBlock

# The content whose links are sources for the reader: the handbook, the home page and the templates.
SOURCE_FOLDERS = ["handbook/content", "home/content", "hub/resources/content"]

# Links still waiting for a deep address or a check date (bare home pages, left when the sources were made deep
# links on 3.12.2026), each as (content file, url). Remove an entry when its link is fixed; add none: the last
# test fails on an entry whose link is fixed or gone, so the list only shrinks.
NOT_YET_CHECKED = set()

ADDRESS_IN_TEXT = re.compile(r"https?://[^\s)\]>\"']+")


def links_in(data):
    """(url, checked date) of each link in a content file's data: every mapping with a `url` key, at any depth,
    and every address written in a text (which has no date)."""
    if isinstance(data, dict):
        if "url" in data:
            yield data["url"], data.get("checked")
        for key, value in data.items():
            if key != "url":
                yield from links_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from links_in(item)
    elif isinstance(data, str):
        for address in ADDRESS_IN_TEXT.findall(data):
            yield address.rstrip(".,;:"), None


def content_links():
    """(content file relative to the project, url, checked date) for every link in the source folders' files."""
    base = Path(settings.BASE_DIR)
    for folder in SOURCE_FOLDERS:
        for path in sorted((base / folder).rglob("*.yaml")):
            for url, checked in links_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
                yield str(path.relative_to(base)), url, checked


def is_home_page(url):
    return urlsplit(url).path in ("", "/")


def is_dated(checked):
    return isinstance(checked, datetime.date)


def test_the_content_has_sources():
    assert len(list(content_links())) >= 30


def test_no_source_is_a_bare_home_page():
    home_pages = {(path, url) for path, url, _checked in content_links() if is_home_page(url)}
    assert sorted(home_pages - NOT_YET_CHECKED) == []


def test_every_source_has_the_date_a_person_checked_it():
    undated = {(path, url) for path, url, checked in content_links() if not is_dated(checked)}
    assert sorted(undated - NOT_YET_CHECKED) == []


def test_the_list_of_links_not_yet_checked_only_shrinks():
    """An entry whose link now has a deep address and a date, or is gone, is to be removed from the list."""
    waiting = {(path, url) for path, url, checked in content_links() if is_home_page(url) or not is_dated(checked)}
    assert sorted(NOT_YET_CHECKED - waiting) == []


@pytest.mark.parametrize(("language", "shown"), [("fi", "(tarkistettu"), ("sv", "(kontrollerad"), ("en", "(checked")])
def test_a_source_shows_its_check_date_in_the_pages_language(language, shown):
    block = LinkBlock()
    value = block.to_python(
        {"title": "Finlex", "url": "https://finlex.fi/fi/laki/ajantasa/2001/20010189", "checked": "2026-12-03"}
    )
    with translation.override(language):
        html = block.render(value)
        shown_date = date_format(datetime.date(2026, 12, 3), "DATE_FORMAT")
    assert f'{shown} <time datetime="2026-12-03">{shown_date}</time>)' in html


def test_a_source_without_a_check_date_shows_none():
    block = LinkBlock()
    html = block.render(block.to_python({"title": "Finlex", "url": "https://finlex.fi/fi/laki/ajantasa/2001/20010189"}))
    assert "<time" not in html
