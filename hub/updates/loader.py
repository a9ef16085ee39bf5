"""Loads the updates index and its updates from `hub/updates/content/<language>/`."""

from pathlib import Path

from hub.core.loader import ContentFolder, apply_page_basics, paragraphs

from .models import UpdateIndexPage, UpdatePage
from .schema import UpdateFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_update(page, data):
    apply_page_basics(page, data)
    page.date = data["date"]
    page.kind = data.get("kind", UpdatePage.Kind.NEWS)
    page.body = [("paragraph", paragraphs(data.get("body", "")))]


def load(run):
    ContentFolder("updates", CONTENT).sync_section(
        run,
        index_model=UpdateIndexPage,
        child_model=UpdatePage,
        subfolder="updates",
        validate=UpdateFile.check,
        apply=_apply_update,
    )
