"""What the templates' content files may contain; written out as `content/SCHEMA.md`.

A template page's facts are declared once, on `ResourcePage.facts`; their keys here are derived from that
declaration, except `format`, narrowed to the formats the loader can build.
"""

import typing
from pathlib import Path

from pydantic import Field

from hub.core.content_schema import (
    CHECKED_DESCRIPTION,
    SAME_COUNT,
    SHARED,
    ContentItem,
    SchemaDocument,
    SectionIndexFile,
    Source,
    Text,
    one_of,
    page_with_facts,
)

from .models import ResourcePage
from .template_documents import BUILDERS

ABOUT_FACTS = {
    "description": Field(
        description="what the template is for and how to use it; paragraphs", examples=["Paragraph.\n"]
    ),
    "phases": Field(description="the phases (1..11) it serves", examples=[[4]]),
    "licence": Field(examples=["CC BY 4.0"]),
    "checked": Field(description=CHECKED_DESCRIPTION),
}


class Question(ContentItem):
    text: Text = Field(examples=["The question?"])
    choices: list[str] = Field([], description="optional: boxes to tick", examples=[["Yes", "No"]])
    lines: int | None = Field(
        None, description="optional: blank lines to write on (default 2 without choices)", examples=[2]
    )


class Table(ContentItem):
    name: str = Field("", description="spreadsheets only, at most 31 characters", examples=["Sheet name"])
    columns: list[str] = Field(min_length=1, examples=[["Column", "Column"]])
    rows: list[list[str | int | float]] = Field(
        [], description="optional filled rows (text or numbers)", examples=[[["Text", 1]]]
    )
    blank_rows: int = Field(0, description="optional empty rows to fill in", examples=[5])


class Section(ContentItem):
    heading: str = Field("", examples=["Section heading"])
    text: str = Field("", description="paragraphs", examples=["Paragraph.\n"])
    items: list[str] = Field([], description="a bullet list", examples=[["Item."]])
    checklist: list[str] = Field([], description="items with a box to tick", examples=[["Item."]])
    questions: list[Question] = Field([], description="questions to answer, with room to write")
    table: Table | None = Field(
        None,
        description="a table; in a spreadsheet each table becomes a sheet; in the PDF a table of more than six "
        "columns prints on landscape pages",
    )


class Document(ContentItem):
    title: Text = Field(description="printed on the template", examples=["Title printed on the template"])
    intro: str = Field("", description="optional; paragraphs printed under the title", examples=["Paragraph.\n"])
    sections: list[Section] = Field(min_length=1, description="in order; every key but heading is optional")


class ResourceFile(page_with_facts(ResourcePage, required={"format", "licence"}, about=ABOUT_FACTS)):
    """One ResourcePage and its files per file."""

    format: typing.Annotated[one_of(BUILDERS), SHARED] = Field(
        description="document: an .odt file and a PDF; spreadsheet: an .ods file and a PDF"
    )
    file_name: Text = Field(description="base name of the generated files, ASCII", examples=["kylakysely"])
    sources: typing.Annotated[list[Source], SAME_COUNT] = Field(
        [], description="official pages for the legal conditions the template states; printed at its end"
    )
    document: Document = Field(description="the template's own text, from which its files are generated")


DOCUMENT = SchemaDocument(
    title="Template (resource) content files",
    intro="""
        Each file describes one downloadable template: the `ResourcePage` that presents it and the
        template's own text, from which `manage.py load_content` generates the files people download:
        an OpenDocument file (`.odt` for `format: document`, `.ods` for `format: spreadsheet`) and a PDF.
        Finnish is the source: `fi/`; `sv/` and `en/` hold translations with the same file names, and
        their files are generated in that language. Keys marked "the same in every language" must be
        identical in every language. Each language's files are stored as Wagtail documents;
        reloading a changed source replaces the files in place, so their addresses stay.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={
        "`fi/index.yaml`": SectionIndexFile,
        "`fi/resources/NN-<slug>.yaml`: one ResourcePage and its files": ResourceFile,
    },
)
