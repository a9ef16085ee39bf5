"""Loads the partner directory and its partners from `hub/partners/content/<language>/`.

Real organisations are listed with their official web address and their role only; anything else is
marked `example: true` and shown as an example.
"""

from pathlib import Path

from hub.core.content import (
    ContentError,
    ContentFolder,
    apply_page_basics,
    paragraphs,
    require,
)
from hub.core.models import PartnerType, Region
from hub.core.phases import source_phases

from .models import PartnerDirectoryPage, PartnerPage

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_partner(page, data):
    apply_page_basics(page, data)
    page.offers = paragraphs(data.get("offers", ""))
    page.is_example = bool(data.get("example", False))
    page.nationwide = bool(data.get("nationwide", False))
    page.languages_served = data.get("languages_served", "")
    page.website = data.get("website", "")
    page.email = data.get("email", "")
    page.phone = data.get("phone", "")
    page.partner_type = PartnerType.objects.get(locale=page.locale, slug=data["partner_type"])
    page.regions = Region.named(page.locale, data.get("regions"))
    page.phases = source_phases(data.get("phases"))


def _validate_partner(data, path, source):
    require(data, ["title", "slug", "partner_type"], path)
    if not PartnerType.objects.filter(slug=data["partner_type"]).exists():
        raise ContentError(f"{path}: unknown partner type {data['partner_type']!r}")
    unknown = set(data.get("regions", [])) - set(Region.objects.values_list("slug", flat=True))
    if unknown:
        raise ContentError(f"{path}: unknown regions {', '.join(sorted(unknown))}")
    if not data.get("example") and not data.get("website", "").startswith("https://"):
        raise ContentError(f"{path}: a real organisation is listed with its official https web address")
    if source is not None:
        for name in ("partner_type", "example", "nationwide", "regions", "phases", "website"):
            if data.get(name) != source.get(name):
                raise ContentError(f"{path}: {name} differs from the Finnish file")
    return data


def load(run):
    ContentFolder("partners", CONTENT).sync_section(
        run,
        index_model=PartnerDirectoryPage,
        child_model=PartnerPage,
        subfolder="partners",
        validate=_validate_partner,
        apply=_apply_partner,
        index_file="directory.yaml",
    )
