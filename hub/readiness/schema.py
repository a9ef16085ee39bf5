"""What the readiness self-assessment page's content files may contain; written out as `content/SCHEMA.md`.

The checklist items are not content of this page: they are the phases' checklists in the handbook.
"""

from pathlib import Path

from pydantic import Field

from hub.core.content_schema import IntroPageFile, SchemaDocument, Text


class AssessmentFile(IntroPageFile):
    """The readiness self-assessment page, under the handbook page."""

    quick_check: Text = Field(
        description="the link that narrows the form to phase 3: can the association start as an employer?",
        examples=["Can our association start as an employer? Check phase 3 only."],
    )


DOCUMENT = SchemaDocument(
    title="Readiness self-assessment content",
    intro="""
        `hub/readiness/content/<language>/assessment.yaml`: the readiness self-assessment page, Finnish first,
        then its Swedish and English translations. The items a person ticks are the phases' checklists, written in
        the handbook's phase files.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"fi/assessment.yaml": AssessmentFile},
)
