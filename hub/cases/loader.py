"""Loads the case study index and its case studies from `hub/cases/content/<language>/`.

See `content/SCHEMA.md`. Example cases are marked `example: true`; a real case's figures carry source links.
Images are drawn by `illustrations.py` and stored once each as Wagtail images.
"""

from decimal import Decimal
from pathlib import Path

from wagtail.images import get_image_model

from hub.core.facts import fill, loaded_facts
from hub.core.loader import (
    ContentFolder,
    apply_page_basics,
    home_page,
    paragraphs,
)

from .illustrations import draw_png
from .images import store_image
from .models import CaseStudyIndexPage, CaseStudyPage, CaseSubmissionPage
from .schema import CaseFile, SubmissionPageFile

CONTENT = Path(__file__).resolve().parent / "content"


def illustration(name, alt):
    """The Wagtail image of illustration `name`, created with `alt` as its alt text the first time."""
    title = f"Kuvitus: {name}"
    image = get_image_model().objects.filter(title=title).first()
    if image is None:
        image = store_image(title, alt, draw_png(name), f"kuvitus-{name.replace('_', '-')}.png")
    return image


def _apply_case(page, data):
    apply_page_basics(page, data)
    fill(page, data, loaded_facts(CaseStudyPage))
    page.lessons = [("lesson", lesson) for lesson in data.get("lessons", [])]
    page.indicators = [
        (
            "indicator",
            {
                "perspective": item["perspective"],
                "indicator": item["indicator"],
                "value": Decimal(str(item["value"])),
                "unit": item.get("unit", ""),
                "period": str(item["period"]),
                "source": item["source"],
                "source_url": item.get("source_url", ""),
            },
        )
        for item in data.get("indicators", [])
    ]
    page.images = [
        (
            "image",
            {
                "image": illustration(item["illustration"], item["alt"]),
                "alt": item["alt"],
                "caption": item.get("caption", ""),
            },
        )
        for item in data.get("images", [])
    ]


def _apply_submission_page(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.thank_you_text = paragraphs(data.get("thank_you", ""))


def load(run):
    content = ContentFolder("cases", CONTENT)
    content.sync_section(
        run,
        index_model=CaseStudyIndexPage,
        child_model=CaseStudyPage,
        subfolder="cases",
        validate=CaseFile.check,
        apply=_apply_case,
    )
    content.sync(
        run,
        parent=home_page(),
        model=CaseSubmissionPage,
        relative="submission.yaml",
        validate=SubmissionPageFile.check,
        apply=_apply_submission_page,
    )
