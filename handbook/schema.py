"""What the handbook's content files may contain; written out as `content/SCHEMA.md`."""

import datetime
import typing
from pathlib import Path

from pydantic import Field

from hub.core.content_schema import (
    CHECKED_DESCRIPTION,
    SAME_COUNT,
    SHARED,
    ContentItem,
    PageFile,
    SchemaDocument,
    Source,
    Text,
    one_of,
    term_of,
)
from hub.core.models import Actor, PartnerType, Perspective


class ActorRole(ContentItem):
    actor: one_of(Actor)
    name: Text = Field(description="the actor's name as the canvas shows it", examples=["Kaupunki"])
    role: Text = Field(description="what the actor does and gains, in a sentence or two", examples=["Rahoittaa."])


class CanvasPerspective(ContentItem):
    actor: one_of(Actor)
    name: Text = Field(examples=["Kaupunki"])
    heading: Text = Field(examples=["Mitä kaupunki saa"])
    description: str = ""
    items: list[str] = Field([], examples=[["Työllisyys"]])


class HandbookFile(PageFile):
    """The handbook's front page: the model in brief and its canvas."""

    intro: str = Field("", description="paragraphs separated by a blank line", examples=["Paragraph.\n\nParagraph.\n"])
    idea: str = Field("", description="the idea in brief; paragraphs", examples=["Paragraph.\n"])
    actors: list[ActorRole] = Field([], description="the canvas's actors and their roles")
    perspectives: list[CanvasPerspective] = Field([], description="the canvas's four perspectives")
    loop: str = Field("", description="the loop back from the last phase to the first, one or two sentences")
    checked: typing.Annotated[datetime.date | None, SHARED] = Field(None, description=CHECKED_DESCRIPTION)


class Task(ContentItem):
    actor: one_of(Actor)
    title: Text = Field(examples=["Short imperative title"])
    description: str = Field("", examples=["One to three sentences."])


class Output(ContentItem):
    title: Text = Field(examples=["Output"])
    description: str = Field("", examples=["One sentence."])


class Metric(ContentItem):
    perspective: one_of(Perspective)
    name: Text = Field(examples=["Metric name"])
    how: str = Field("", examples=["How and from what data it is measured."])


class Tip(ContentItem):
    kind: typing.Literal["tip", "pitfall"]
    text: Text = Field(examples=["One or two sentences."])


class PhaseFile(PageFile):
    """One PhasePage per file. The phases' numbers run 1..11 without gaps."""

    number: typing.Annotated[int, SHARED] = Field(ge=1, description="position among the eleven, 1..11", examples=[1])
    title: Text = Field(description="the card's wording", examples=["Määritellään tarve"])
    summary: Text = Field(description="one line, at most 200 characters", examples=["One line."])
    card_text: str = Field(
        "",
        description="the card's sentence for this phase, verbatim",
        examples=["Määritellään tarve: Työttömät työnhakijat alueella, lähipalvelujen tarve."],
    )
    card_items: list[str] = Field(
        [], description="each item the card lists under this phase", examples=[["Työttömät työnhakijat alueella"]]
    )
    why: str = Field(
        "",
        description="why the phase matters; paragraphs separated by a blank line",
        examples=["Paragraph one.\n\nParagraph two.\n"],
    )
    tasks: list[Task] = Field([], description="who does what")
    questions: list[str] = Field([], description="questions to answer in this phase", examples=[["A question?"]])
    checklist: list[str] = Field([], description="concrete, checkable steps", examples=[["A step."]])
    outputs: list[Output] = Field([], description="what the phase produces")
    metrics: list[Metric] = Field([], description="metrics to set in this phase")
    tips: list[Tip] = []
    partner_types: list[term_of(PartnerType)] = Field(
        [], description="slugs from hub/core/content/fi/partner_types.yaml", examples=[["palkkahallinto"]]
    )
    sources: list[Source] = Field([], description="official or authoritative pages; no invented facts")
    checked: typing.Annotated[datetime.date | None, SHARED] = Field(None, description=CHECKED_DESCRIPTION)


class Fact(ContentItem):
    text: Text = Field(
        description="one claim with its figure, duration, threshold, date or legal condition, as the source states it",
        examples=["One sentence stating the fact."],
    )
    source: Source = Field(description="the deep official page that states it, with the date it was checked")


class Ask(ContentItem):
    question: Text = Field(examples=["Does ... apply to ...?"])
    where: Source = Field(description="where to ask: the authority's service or contact page")


class GuideSection(ContentItem):
    heading: Text = Field(examples=["Section heading"])
    text: str = Field("", description="paragraphs, without figures", examples=["Paragraph.\n"])
    facts: typing.Annotated[list[Fact], SAME_COUNT] = Field(
        [], description="claims that carry a figure or a legal condition"
    )
    items: typing.Annotated[list[str], SAME_COUNT] = Field(
        [], description="bullets, without figures", examples=[["Item."]]
    )
    ask: typing.Annotated[list[Ask], SAME_COUNT] = Field(
        [], description="what could not be confirmed, as a question to the authority and where to ask it"
    )


class GuideFile(PageFile):
    """One GuidePage per file: a practical topic that several phases link to."""

    summary: Text = Field(description="one line, at most 200 characters", examples=["One line."])
    phases: typing.Annotated[list[int], SHARED] = Field(
        min_length=1, description="the numbers of the phases that link to it", examples=[[2, 3, 9]]
    )
    intro: str = Field("", description="paragraphs, without figures", examples=["Paragraph.\n"])
    sections: typing.Annotated[list[GuideSection], SAME_COUNT] = Field(min_length=1, description="in order")
    checked: typing.Annotated[datetime.date | None, SHARED] = Field(None, description=CHECKED_DESCRIPTION)


DOCUMENT = SchemaDocument(
    title="Handbook content files",
    intro="""
        Finnish is the source language: `fi/`. `sv/` and `en/` hold translations with the same file
        names. `manage.py load_content` loads them into pages; see `handbook/loader.py`.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={
        "`fi/handbook.yaml`": HandbookFile,
        "`fi/phases/NN-<slug>.yaml`: one PhasePage per file": PhaseFile,
        "`fi/guides/NN-<slug>.yaml`: one GuidePage per file": GuideFile,
    },
)
