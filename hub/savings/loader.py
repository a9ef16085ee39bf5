"""Loads the savings calculator page under the handbook page from `hub/savings/content/<language>/calculator.yaml`."""

from pathlib import Path

from handbook.models import HandbookPage
from hub.core.loader import ContentError, ContentFolder, apply_page_basics, paragraphs, source_locale

from .models import SavingsCalculatorPage
from .schema import CalculatorFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_calculator(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))


def load(run):
    handbook = HandbookPage.objects.filter(locale=source_locale()).first()
    if handbook is None:
        raise ContentError("No handbook page: load the handbook before the savings calculator.")
    ContentFolder("savings", CONTENT).sync(
        run,
        parent=handbook,
        model=SavingsCalculatorPage,
        relative="calculator.yaml",
        validate=CalculatorFile.check,
        apply=_apply_calculator,
    )
