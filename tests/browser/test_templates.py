"""A reader finds a template from its phase page and downloads it."""

import re
import zipfile

import pypdf
import pytest

pytestmark = pytest.mark.browser


def test_downloading_a_template_from_its_phase(page):
    page.goto("/fi/kasikirja/kartoitetaan-toiveet-tarpeet-ja-tavoitteet/")
    section = page.locator("section", has=page.get_by_role("heading", name="Pohjat tähän vaiheeseen"))
    section.get_by_role("link", name="Kyläkysely lähipalvelujen tarpeista", exact=True).click()
    assert page.locator("h1").inner_text() == "Kyläkysely lähipalvelujen tarpeista"

    with page.expect_download() as odt_download:
        page.get_by_role("link", name="Lataa Kyläkysely lähipalvelujen tarpeista (ODT").click()
    download = odt_download.value
    assert re.fullmatch(r"kylakysely(_\w+)?\.odt", download.suggested_filename)
    with zipfile.ZipFile(download.path()) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "Kyläkysely lähipalvelujen tarpeista" in archive.read("content.xml").decode()

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Lataa Kyläkysely lähipalvelujen tarpeista (PDF").click()
    reader = pypdf.PdfReader(pdf_download.value.path())
    assert "Kyläkysely lähipalvelujen tarpeista" in reader.pages[0].extract_text()
