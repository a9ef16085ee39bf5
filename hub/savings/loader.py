"""Loads the savings calculator page under the handbook page from `hub/savings/content/<language>/calculator.yaml`."""

from pathlib import Path

from handbook.models import HandbookPage
from hub.core.loader import ContentFolder, apply_intro_page, source_page

from .models import SavingsCalculatorPage
from .schema import CalculatorFile

CONTENT = Path(__file__).resolve().parent / "content"


def load(run):
    ContentFolder("savings", CONTENT).sync(
        run,
        parent=source_page(HandbookPage),
        model=SavingsCalculatorPage,
        relative="calculator.yaml",
        validate=CalculatorFile.check,
        apply=apply_intro_page,
    )
