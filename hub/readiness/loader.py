"""Loads the readiness self-assessment page under the handbook page from
`hub/readiness/content/<language>/assessment.yaml`."""

from pathlib import Path

from handbook.models import HandbookPage
from hub.core.loader import ContentFolder, apply_intro_page, source_page

from .models import ReadinessPage
from .schema import AssessmentFile

CONTENT = Path(__file__).resolve().parent / "content"


def apply_assessment_page(page, data):
    apply_intro_page(page, data)
    page.quick_check = data["quick_check"]


def load(run):
    ContentFolder("readiness", CONTENT).sync(
        run,
        parent=source_page(HandbookPage),
        model=ReadinessPage,
        relative="assessment.yaml",
        validate=AssessmentFile.check,
        apply=apply_assessment_page,
    )
