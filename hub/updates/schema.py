"""What the updates' content files may contain; written out as `content/SCHEMA.md`."""

import datetime
from pathlib import Path

from pydantic import Field

from hub.core.content_schema import PageFile, SchemaDocument, SectionIndexFile, one_of

from .models import UpdatePage


class UpdateFile(PageFile):
    """One UpdatePage per file, under the updates index."""

    date: datetime.date = Field(
        description="the day of the update, written as YYYY-MM-DD", examples=[datetime.date(2026, 11, 28)]
    )
    kind: one_of(UpdatePage.Kind) = Field(UpdatePage.Kind.NEWS.value)
    body: str = Field("", description="paragraphs separated by a blank line", examples=["Paragraph.\n\nParagraph.\n"])


DOCUMENT = SchemaDocument(
    title="Update content files",
    intro="""
        Finnish is the source language: `fi/`; `sv/` and `en/` hold translations with the same file names.
        `manage.py load_content` loads them into `UpdatePage`s under the updates index (`index.yaml`).
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"`fi/index.yaml`": SectionIndexFile, "`fi/updates/<slug>.yaml`: one UpdatePage per file": UpdateFile},
)
