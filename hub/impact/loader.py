"""Loads the impact page under the case study index from `hub/impact/content/<language>/impact.yaml`."""

from pathlib import Path

from hub.cases.models import CaseStudyIndexPage
from hub.core.loader import ContentError, ContentFolder, apply_page_basics, paragraphs, source_locale

from .models import ImpactPage
from .schema import ImpactFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_impact(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))


def load(run):
    index = CaseStudyIndexPage.objects.filter(locale=source_locale()).first()
    if index is None:
        raise ContentError("No case study index: load the case studies before the impact page.")
    ContentFolder("impact", CONTENT).sync(
        run,
        parent=index,
        model=ImpactPage,
        relative="impact.yaml",
        validate=ImpactFile.check,
        apply=_apply_impact,
    )
