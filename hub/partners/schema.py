"""What the partner directory's content files may contain; written out as `content/SCHEMA.md`.

A partner's facts are declared once, on `PartnerPage.facts`; their keys here are derived from that declaration.
"""

from pathlib import Path

from pydantic import Field, model_validator

from hub.core.content_schema import SchemaDocument, SectionIndexFile, page_with_facts, refuse

from .models import PartnerPage

ABOUT_FACTS = {
    "partner_type": Field(description="slug from hub/core/content/fi/partner_types.yaml", examples=["rahoittajat"]),
    "example": Field(description="true for anything that is not a real organisation: it is shown as an example"),
    "nationwide": Field(description="true if it serves the whole country: it is listed under every region"),
    "regions": Field(description="slugs from regions.yaml", examples=[["pohjois-karjala"]]),
    "phases": Field(description="the phases of the model (1..11) it helps with", examples=[[2, 6]]),
    "offers": Field(
        description="what it offers villages; paragraphs separated by a blank line", examples=["Paragraph.\n"]
    ),
    "languages_served": Field(description="as text", examples=["suomi, svenska"]),
    "website": Field(description="a real organisation's official address, https", examples=["https://www.example.fi/"]),
}


class PartnerFile(page_with_facts(PartnerPage, required={"partner_type"}, about=ABOUT_FACTS)):
    """One PartnerPage per file. Real organisations are listed with their official web address and their role only;
    anything else is marked `example: true` and shown as an example."""

    @model_validator(mode="after")
    def real_organisations_have_their_address(self):
        if not self.example and not (self.website or "").startswith("https://"):
            refuse(
                type(self),
                [(("website",), "a real organisation is listed with its official https web address", self.website)],
            )
        return self


DOCUMENT = SchemaDocument(
    title="Partner content files",
    intro="""
        Finnish is the source language: `fi/`; `sv/` and `en/` hold translations with the same file names.
        `manage.py load_content` loads them into `PartnerPage`s under the partner directory (`directory.yaml`).
        Keys marked "the same in every language" must be identical in every language; the loader refuses a
        translation that differs.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={
        "`fi/directory.yaml`": SectionIndexFile,
        "`fi/partners/<slug>.yaml`: one PartnerPage per file": PartnerFile,
    },
)
