"""What the home page's content file may contain; written out as `content/SCHEMA.md`."""

from pathlib import Path

from pydantic import Field

from hub.core.content_schema import ContentItem, PageFile, SchemaDocument, Slug, Text


class Audience(ContentItem):
    title: Text = Field(examples=["Kunnille ja kaupungeille"])
    text: Text = Field(description="one or two sentences", examples=["What the site offers them."])


class HomeFile(PageFile):
    """The home page of each language; it becomes the root of the default site."""

    slug: Slug = Field("home", description="the page's slug; the address is the language prefix (/fi/)")
    intro: str = Field("", description="paragraphs separated by a blank line", examples=["Paragraph.\n\nParagraph.\n"])
    audiences: list[Audience] = Field([], description="who the site is for, each with a title and a short text")


DOCUMENT = SchemaDocument(
    title="Home page content files",
    intro="""
        Finnish is the source language: `fi/home.yaml`; `sv/` and `en/` hold translations with the same file name.
        `manage.py load_content` loads them first, into the home page of each language; see `home/loader.py`.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"`fi/home.yaml`": HomeFile},
)
