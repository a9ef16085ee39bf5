"""What the case studies' content files may contain; written out as `content/SCHEMA.md`.

A case study's facts (region, status, people employed, …) are declared once, on `CaseStudyPage.facts`; their keys
here are derived from that declaration, so a new fact needs no change in this file.
"""

import typing
from pathlib import Path

from pydantic import Field, model_validator

from hub.core.content_schema import (
    SHARED,
    ContentItem,
    PageFile,
    SchemaDocument,
    SectionIndexFile,
    Text,
    one_of,
    page_with_facts,
    refuse,
)
from hub.core.models import Perspective

from .illustrations import ILLUSTRATIONS
from .models import CaseStudyPage

ABOUT_FACTS = {
    "example": Field(
        description="true for anything that is not a real, documented case: the page and every listing then say "
        '"Example" in every language',
        examples=[True],
    ),
    "origin": Field(description="who wrote it"),
    "village": Field(description="the name of the village", examples=["Name of the village"]),
    "region": Field(description="slug from hub/core/content/fi/regions.yaml", examples=["pohjois-karjala"]),
    "status": Field(examples=["running"]),
    "year_started": Field(examples=[2024]),
    "year_ended": Field(description="only when status is ended"),
    "people_employed": Field(
        description="people employed so far; work trials and rehabilitative work do not count",
        examples=[2],
    ),
    "services": Field(description="slugs from service_types.yaml", examples=[["polttopuut", "lumityot"]]),
    "employment_forms": Field(description="slugs from employment_forms.yaml", examples=[["palkkatuki"]]),
    "funding_sources": Field(description="slugs from funding_sources.yaml", examples=[["kaupunki", "palkkatuki"]]),
    "phases": Field(description="the phases of the model (1..11) the village went through", examples=[[1, 4, 5, 9]]),
    "story": Field(description="the story; paragraphs separated by a blank line", examples=["Paragraph.\n"]),
    "contact_name": Field(description="real cases only", examples=[""]),
    "contact_email": Field(description="real cases only", examples=[""]),
    "website": Field(description="real cases only", examples=[""]),
}


class Indicator(ContentItem):
    perspective: typing.Annotated[one_of(Perspective), SHARED]
    indicator: Text = Field(description="what is measured", examples=["What is measured"])
    value: typing.Annotated[int | float, SHARED] = Field(description="a number", examples=[3])
    unit: str = Field("", examples=["henkilöä"])
    period: Text | int = Field(description="the period the value covers, as text", examples=[2025])
    source: Text = Field(description="where the figure comes from", examples=["Where the figure comes from"])
    source_url: str = Field(
        "", description="required for real cases; example figures say they are examples", examples=["https://..."]
    )


class Illustration(ContentItem):
    illustration: one_of(ILLUSTRATIONS)
    alt: Text = Field(
        description="what the picture shows, for people who cannot see it",
        examples=["What the picture shows, for people who cannot see it."],
    )
    caption: str = Field("", examples=["Optional caption."])


class CaseFile(page_with_facts(CaseStudyPage, required={"village", "region", "status", "story"}, about=ABOUT_FACTS)):
    """One CaseStudyPage per file. Example cases are marked `example: true`; a real case's figures carry source
    links. Images are drawn by `illustrations.py` and stored once each as Wagtail images."""

    lessons: list[str] = Field([], description="lessons learned, one or two sentences each", examples=[["A lesson."]])
    indicators: list[Indicator] = Field([], description="under the three evaluation perspectives of phase 10")
    images: list[Illustration] = Field([], description="optional; illustrations drawn by the loader")
    municipality: str = Field("", description="not loaded: editors choose a case's municipality in the admin")

    @model_validator(mode="after")
    def real_figures_have_sources(self):
        if not self.example:
            refuse(
                type(self),
                [
                    (
                        ("indicators", index, "source_url"),
                        "a real case's figure needs its https source link",
                        item.source_url,
                    )
                    for index, item in enumerate(self.indicators)
                    if not item.source_url.startswith("https://")
                ],
            )
        return self


class SubmissionPageFile(PageFile):
    """The page with the public form for sending a village's story (`CaseSubmissionPage`), under the home page."""

    intro: str = Field("", description="shown above the form; paragraphs", examples=["Paragraph.\n"])
    thank_you: str = Field("", description="shown after a story is sent; paragraphs", examples=["Paragraph.\n"])


DOCUMENT = SchemaDocument(
    title="Case study content files",
    intro="""
        Finnish is the source language: `fi/`; `sv/` and `en/` hold translations with the same file
        names. `manage.py load_content` loads them into `CaseStudyPage`s under the case study index
        (`index.yaml`). Keys marked "the same in every language" (the facts that are not text, and
        the contact details) must be identical in every language; the loader refuses a translation that differs.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={
        "`fi/index.yaml`": SectionIndexFile,
        "`fi/cases/<slug>.yaml`: one CaseStudyPage per file": CaseFile,
        "`fi/submission.yaml`": SubmissionPageFile,
    },
)
