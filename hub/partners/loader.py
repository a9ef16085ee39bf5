"""Loads the partner directory and its partners from `hub/partners/content/<language>/`.

Real organisations are listed with their official web address and their role only; anything else is
marked `example: true` and shown as an example.
"""

from pathlib import Path

from hub.core.facts import fill, loaded_facts
from hub.core.loader import ContentFolder, apply_page_basics

from .models import PartnerDirectoryPage, PartnerPage
from .schema import PartnerFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_partner(page, data):
    apply_page_basics(page, data)
    fill(page, data, loaded_facts(PartnerPage))


def load(run):
    ContentFolder("partners", CONTENT).sync_section(
        run,
        index_model=PartnerDirectoryPage,
        child_model=PartnerPage,
        subfolder="partners",
        validate=PartnerFile.check,
        apply=_apply_partner,
        index_file="directory.yaml",
    )
