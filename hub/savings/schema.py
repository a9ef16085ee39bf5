"""What the calculator page's content files may contain; written out as `content/SCHEMA.md`.

The page carries no figures: the legal figures the calculator uses are editor-managed settings with their sources.
"""

from pathlib import Path

from hub.core.content_schema import IntroPageFile, SchemaDocument


class CalculatorFile(IntroPageFile):
    """The savings calculator page, under the handbook page. No money amounts or percentages."""


DOCUMENT = SchemaDocument(
    title="Savings calculator content",
    intro="""
        `hub/savings/content/<language>/calculator.yaml`: the savings calculator page, Finnish first, then its
        Swedish and English translations. The municipality's shares by duration are not content: editors keep
        them in the admin's settings, each with its source and the date it was checked.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"fi/calculator.yaml": CalculatorFile},
)
