"""Marks Finnish terms quoted in Swedish and English text with lang="fi"."""

import re
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.safestring import mark_safe

TERMS_FILE = Path(__file__).resolve().parent / "content" / "finnish_terms.yaml"
TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
SKIPPED_ELEMENTS = ("script", "style", "textarea")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
LANG_ATTRIBUTE = re.compile(r"\slang\s*=")


_locale_ids = {}


def locale_id(language_code):
    """The id of the Locale of `language_code`, or None. Locales are set up once, so each process remembers the ids."""
    if language_code not in _locale_ids:
        from wagtail.models import Locale

        found = Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        if found is None:
            return None
        _locale_ids[language_code] = found
    return _locale_ids[language_code]


@lru_cache(maxsize=1)
def finnish_term_pattern():
    with open(TERMS_FILE, encoding="utf-8") as handle:
        terms = yaml.safe_load(handle)["terms"]
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})[^\W\d_]*", re.IGNORECASE)


def mark_finnish_terms(html):
    """`html` with each Finnish term in its text (never in tags or attributes) wrapped in <span lang="fi">.

    Text already inside an element with a lang attribute, or inside script, style or textarea, is left alone.
    """
    pattern = finnish_term_pattern()
    parts = TAG_OR_TEXT.split(str(html))
    open_elements = []  # for each open element: whether marking is off inside it
    result = []
    for part in parts:
        if part.startswith("<"):
            result.append(part)
            _track(part, open_elements)
        elif part and not any(open_elements):
            result.append(pattern.sub(lambda match: f'<span lang="fi">{match.group(0)}</span>', part))
        else:
            result.append(part)
    return mark_safe("".join(result))


def _track(tag, open_elements):
    match = TAG_NAME.match(tag)
    if not match or tag.startswith("<!"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if name in VOID_ELEMENTS or tag.rstrip().endswith("/>"):
        return
    if closing:
        if open_elements:
            open_elements.pop()
    else:
        open_elements.append(name in SKIPPED_ELEMENTS or bool(LANG_ATTRIBUTE.search(tag)))
