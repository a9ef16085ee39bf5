"""Loads the updates index and its updates from `hub/updates/content/<language>/`."""

import datetime
from pathlib import Path

from hub.core.content import (
    ContentError,
    ContentFolder,
    apply_page_basics,
    paragraphs,
    require,
)

from .models import UpdateIndexPage, UpdatePage

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_update(page, data):
    apply_page_basics(page, data)
    page.date = data["date"]
    page.kind = data.get("kind", UpdatePage.Kind.NEWS)
    page.body = [("paragraph", paragraphs(data.get("body", "")))]


def _validate_update(data, path, source):
    require(data, ["title", "slug", "date"], path)
    if not isinstance(data["date"], datetime.date):
        raise ContentError(f"{path}: date must be written as YYYY-MM-DD")
    if data.get("kind", UpdatePage.Kind.NEWS) not in UpdatePage.Kind.values:
        raise ContentError(f"{path}: kind {data['kind']!r} is not one of {', '.join(UpdatePage.Kind.values)}")
    return data


def load(run):
    ContentFolder("updates", CONTENT).sync_section(
        run,
        index_model=UpdateIndexPage,
        child_model=UpdatePage,
        subfolder="updates",
        validate=_validate_update,
        apply=_apply_update,
    )
