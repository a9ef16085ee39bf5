"""Loads the case study index and its case studies from `hub/cases/content/<language>/`.

See `content/SCHEMA.md`. Example cases are marked `example: true`; a real case's figures carry source links.
Images are drawn by `illustrations.py` and stored once each as Wagtail images.
"""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from wagtail.images import get_image_model

from hub.core.content import (
    ContentError,
    ContentFolder,
    apply_page_basics,
    home_page,
    paragraphs,
    require,
    requires,
)
from hub.core.models import EmploymentForm, FundingSource, Perspective, Region, ServiceType
from hub.core.phases import source_phases

from .illustrations import ILLUSTRATIONS, draw_png
from .images import store_image
from .models import CaseOrigin, CaseStatus, CaseStudyIndexPage, CaseStudyPage, CaseSubmissionPage
from .roles import ensure_case_rights

CONTENT = Path(__file__).resolve().parent / "content"
TERMS = {"services": ServiceType, "employment_forms": EmploymentForm, "funding_sources": FundingSource}
SHARED_FIELDS = (
    "example",
    "origin",
    "region",
    "status",
    "year_started",
    "year_ended",
    "people_employed",
    "services",
    "employment_forms",
    "funding_sources",
    "phases",
)


def illustration(name, alt):
    """The Wagtail image of illustration `name`, created with `alt` as its alt text the first time."""
    title = f"Kuvitus: {name}"
    image = get_image_model().objects.filter(title=title).first()
    if image is None:
        image = store_image(title, alt, draw_png(name), f"kuvitus-{name.replace('_', '-')}.png")
    return image


def _apply_case(page, data):
    apply_page_basics(page, data)
    page.is_example = bool(data.get("example", False))
    page.origin = data.get("origin", CaseOrigin.EDITOR)
    page.village = data["village"]
    page.region = Region.objects.filter(locale=page.locale, slug=data["region"]).first()
    page.status = data["status"]
    page.year_started = data.get("year_started")
    page.year_ended = data.get("year_ended")
    page.people_employed = data.get("people_employed")
    for name, model in TERMS.items():
        setattr(page, name, model.named(page.locale, data.get(name)))
    page.phases = source_phases(data.get("phases"))
    page.story = paragraphs(data["story"])
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
    page.contact_name = data.get("contact_name", "")
    page.contact_email = data.get("contact_email", "")
    page.website = data.get("website", "")


def _validate_case(data, path, source):
    require(data, ["title", "slug", "village", "region", "status", "story"], path)
    if not Region.objects.filter(slug=data["region"]).exists():
        raise ContentError(f"{path}: unknown region {data['region']!r}")
    if data["status"] not in CaseStatus.values:
        raise ContentError(f"{path}: status is one of {', '.join(CaseStatus.values)}")
    if data.get("origin", CaseOrigin.EDITOR) not in CaseOrigin.values:
        raise ContentError(f"{path}: origin is one of {', '.join(CaseOrigin.values)}")
    for name, model in TERMS.items():
        unknown = set(data.get(name) or []) - set(model.objects.values_list("slug", flat=True))
        if unknown:
            raise ContentError(f"{path}: unknown {name} {', '.join(sorted(unknown))}")
    for item in data.get("indicators", []):
        require(item, ["perspective", "indicator", "period", "source"], path)
        if item["perspective"] not in Perspective.values:
            raise ContentError(f"{path}: an indicator's perspective is one of {', '.join(Perspective.values)}")
        try:
            Decimal(str(item.get("value")))
        except InvalidOperation as error:
            raise ContentError(f"{path}: indicator {item['indicator']!r} has no numeric value") from error
        if not data.get("example") and not str(item.get("source_url", "")).startswith("https://"):
            raise ContentError(f"{path}: a real case's figure {item['indicator']!r} needs its source link")
    for item in data.get("images", []):
        require(item, ["illustration", "alt"], path)
        if item["illustration"] not in ILLUSTRATIONS:
            raise ContentError(f"{path}: unknown illustration {item['illustration']!r}")
    if source is not None:
        for name in SHARED_FIELDS:
            if data.get(name) != source.get(name):
                raise ContentError(f"{path}: {name} differs from the Finnish file")
        shared_numbers = [(i["perspective"], str(i["value"])) for i in data.get("indicators", [])]
        if shared_numbers != [(i["perspective"], str(i["value"])) for i in source.get("indicators", [])]:
            raise ContentError(f"{path}: indicators differ from the Finnish file")
    return data


def _apply_submission_page(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.thank_you_text = paragraphs(data.get("thank_you", ""))


def load(run):
    content = ContentFolder("cases", CONTENT)
    index = content.sync_section(
        run,
        index_model=CaseStudyIndexPage,
        child_model=CaseStudyPage,
        subfolder="cases",
        validate=_validate_case,
        apply=_apply_case,
    )
    for version in index.get_translations(inclusive=True):
        ensure_case_rights(version, run)
    content.sync(
        run,
        parent=home_page(),
        model=CaseSubmissionPage,
        relative="submission.yaml",
        validate=requires("title", "slug"),
        apply=_apply_submission_page,
    )
