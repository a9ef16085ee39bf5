"""Loads the impact page under the case study index from `hub/impact/content/<language>/impact.yaml`."""

from pathlib import Path

from hub.cases.models import CaseStudyIndexPage
from hub.core.loader import ContentFolder, apply_intro_page, source_page

from .models import ImpactPage
from .schema import ImpactFile

CONTENT = Path(__file__).resolve().parent / "content"


def load(run):
    ContentFolder("impact", CONTENT).sync(
        run,
        parent=source_page(CaseStudyIndexPage),
        model=ImpactPage,
        relative="impact.yaml",
        validate=ImpactFile.check,
        apply=apply_intro_page,
    )
