"""What the core content files may contain: the taxonomies and the plain pages; written out as `content/SCHEMA.md`."""

import typing
from pathlib import Path

from pydantic import Field

from .content_schema import TAXONOMY_FILES, ContentFile, ContentItem, Https, PageFile, SchemaDocument, Slug, Text


class TaxonomyItem(ContentItem):
    slug: Slug = Field(description="identifies the term in every language and in content files", examples=["uusimaa"])
    name: Text = Field(description="the term as readers see it", examples=["Uusimaa"])
    description: str = Field("", description="optional, one or two sentences")
    code: str | None = Field(None, description="regions only: the official code, as text", examples=["01"])


class TaxonomyFile(ContentFile):
    """One taxonomy: its terms in order. A translation lists the Finnish file's slugs with translated names."""

    source: Text = Field(description="where the list comes from", examples=["Tilastokeskus, maakuntaluokitus"])
    source_url: Https | None = Field(None, examples=["https://stat.fi/fi/luokitukset/maakunta/"])
    year: int | None = Field(None, description="the year of the source's list", examples=[2025])
    items: list[TaxonomyItem] = Field(min_length=1)


class Link(ContentItem):
    title: Text = Field(examples=["Valvontaviranomainen"])
    url: Text = Field(examples=["https://www.saavutettavuusvaatimukset.fi/"])
    description: str = Field("", description="one sentence saying what the reader finds there")


class StandardPageSection(ContentItem):
    heading: str = Field("", examples=["Section heading"])
    text: str = Field("", description="paragraphs separated by a blank line", examples=["Paragraph.\n"])
    links: list[Link] = []


class StandardPageFile(PageFile):
    """A plain page under the home page: the accessibility statement, the privacy notice and the like."""

    kind: typing.Literal["accessibility", "privacy"] | None = Field(
        None, description="optional: the site settings link to the first page of each kind"
    )
    sections: list[StandardPageSection] = []


DOCUMENT = SchemaDocument(
    title="Core content files",
    intro="""
        Finnish is the source language: `fi/`; `sv/` and `en/` hold translations with the same file names.
        `manage.py load_content` loads the taxonomies first, then the plain pages; see `hub/core/loader.py`.
        A taxonomy term an editor has changed is never overwritten.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={
        "`fi/<taxonomy>.yaml`: " + ", ".join(f"`{name}`" for name, _model in TAXONOMY_FILES): TaxonomyFile,
        "`fi/pages/<slug>.yaml`: one StandardPage per file": StandardPageFile,
    },
)
