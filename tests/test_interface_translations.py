"""Every interface string in the templates has a Finnish, Swedish and English translation."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")


def template_strings():
    strings = set()
    for folder in [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]:
        for path in folder.rglob("*.html"):
            strings |= {match.group(2) for match in TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8"))}
    return strings


def catalogue(language):
    return polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_templates_use_translated_strings():
    assert len(template_strings()) >= 20


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_template_string_is_in_the_catalogue(language):
    missing = template_strings() - {entry.msgid for entry in catalogue(language)}
    assert missing == set(), f"run `make messages` and translate: {sorted(missing)}"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_catalogue_entry_is_translated(language):
    po = catalogue(language)
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
