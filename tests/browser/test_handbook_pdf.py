"""A reader downloads the whole handbook as a PDF from the handbook page, in each language."""

from pathlib import Path

import pypdf
import pytest

from handbook.models import HandbookPage, PhasePage
from hub.handbook_pdf.build import build
from hub.handbook_pdf.models import HandbookDocument
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture(scope="module")
def built(django_db_blocker):
    """The PDFs of every language, built on the committed content and removed again afterwards."""
    with django_db_blocker.unblock():
        documents = {language: build(language) for language in LANGUAGES}
        yield documents
        for document in HandbookDocument.objects.all():
            document.file.delete(save=False)
            document.delete()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handbook_page_links_to_its_pdf_which_downloads(page, built, settings, language, width):
    settings.SERVE_MEDIA = True  # as `make serve` does; a real deployment lets its web server serve the media
    document = built[language]
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(HandbookPage.objects.get(locale__language_code=language).url)
    assert response.status == 200
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    link = page.locator(".handbook-pdf a")
    assert link.get_attribute("type") == "application/pdf"
    assert link.get_attribute("hreflang") == language
    assert f"{document.page_count}" in link.inner_text()
    with page.expect_download() as download:
        link.click()
    # The file a rebuild replaces keeps its name until the new one is in place, so the new one may carry a suffix.
    assert download.value.suggested_filename == Path(document.file.name).name
    assert download.value.suggested_filename.startswith(f"kyla-tyollistaa-kasikirja-{language}")
    reader = pypdf.PdfReader(download.value.path())
    assert len(reader.pages) == document.page_count
    first_phase = PhasePage.objects.get(locale__language_code=language, number=1)
    assert first_phase.title.split()[0] in " ".join(p.extract_text() for p in reader.pages[:8])
