"""Content as code: versioned YAML files loaded into pages, idempotently and without overwriting edits.

Each app keeps its files in `<app>/content/<language>/` and a `load(run)` function listed in
`settings.CONTENT_LOADERS`. `sync_page` creates or updates one page from one file: unchanged files
change nothing, and a page edited since the loader last published it is reported and skipped
unless the run is forced.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Site

from .models import ContentSource, PartnerType, SiteSettings, StandardPage

SOURCE_LANGUAGE = "fi"
CORE_CONTENT = Path(__file__).resolve().parent / "content"


class ContentError(Exception):
    """A content file is missing, malformed or refers to something that does not exist."""


@dataclass
class ContentRun:
    force: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{path}: {error}") from error
    if data is None:
        raise ContentError(f"{path}: the file is empty")
    return data


def require(data, keys, path):
    missing = [key for key in keys if not data.get(key)]
    if missing:
        raise ContentError(f"{path}: missing {', '.join(missing)}")


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as rich-text HTML."""
    blocks = [" ".join(block.split()) for block in (text or "").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def digest(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def sync_page(run, *, parent, model, key, data, apply):
    """Create or update the `model` page under `parent` from `data`, the file known as `key`.

    `key` names the file independently of where the checkout lies ("handbook/fi/phases/01-….yaml").
    `apply(page, data)` sets the page's fields. Returns the page.
    """
    source = ContentSource.objects.filter(key=key).select_related("page").first()
    page = source.page.specific if source else None
    if page is None:
        page = model.objects.child_of(parent).filter(slug=data["slug"]).first()

    if page is None:
        page = model(locale=parent.locale)
        apply(page, data)
        with transaction.atomic():
            parent.add_child(instance=page)
            _publish(page, key, data)
        run.created.append(key)
        return page

    edited = source is None or page.latest_revision_id != source.revision_id
    if edited and not run.force:
        run.skipped.append(f"{key}: {page.title!r} (/{page.url_path.strip('/')}/) has been edited since it was loaded")
        return page
    if not edited and source.digest == digest(data):
        run.unchanged.append(key)
        return page

    apply(page, data)
    with transaction.atomic():
        _publish(page, key, data)
    run.updated.append(key)
    return page


def _publish(page, key, data):
    revision = page.save_revision(log_action=True)
    revision.publish(log_action=True)
    ContentSource.objects.update_or_create(
        key=key, defaults={"page": page, "digest": digest(data), "revision": revision}
    )


def source_locale():
    return Locale.objects.get(language_code=SOURCE_LANGUAGE)


def home_page():
    """The Finnish home page at the root of the default site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ContentError("No default site: load the home page first.")
    return site.root_page.specific


def ensure_locales(run):
    for code, _name in settings.LANGUAGES:
        _locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            run.created.append(f"locale {code}")


def load_taxonomies(run):
    """Partner types; taxonomy rows an editor has changed are never overwritten."""
    ensure_locales(run)
    path = CORE_CONTENT / SOURCE_LANGUAGE / "partner_types.yaml"
    locale = source_locale()
    for order, item in enumerate(read_yaml(path)):
        require(item, ["slug", "name"], path)
        _type, created = PartnerType.objects.get_or_create(
            locale=locale,
            slug=item["slug"],
            defaults={"name": item["name"], "description": item.get("description", ""), "sort_order": order},
        )
        if created:
            run.created.append(f"partner type {item['slug']}")


def _apply_standard_page(page, data):
    page.title = data["title"]
    page.slug = data["slug"]
    page.summary = data.get("summary", "")
    body = []
    for section in data.get("sections", []):
        if section.get("heading"):
            body.append(("heading", section["heading"]))
        if section.get("text"):
            body.append(("paragraph", paragraphs(section["text"])))
    page.body = body


def load_standard_pages(run):
    """The accessibility statement, the privacy notice and other plain pages, linked from site settings."""
    home = home_page()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    changed_settings = False
    for path in sorted((CORE_CONTENT / SOURCE_LANGUAGE / "pages").glob("*.yaml")):
        data = read_yaml(path)
        require(data, ["title", "slug"], path)
        key = f"core/{path.relative_to(CORE_CONTENT)}"
        page = sync_page(run, parent=home, model=StandardPage, key=key, data=data, apply=_apply_standard_page)
        setting = {"accessibility": "accessibility_page", "privacy": "privacy_page"}.get(data.get("kind"))
        if setting and getattr(site_settings, f"{setting}_id") is None:
            setattr(site_settings, setting, page)
            changed_settings = True
    if changed_settings:
        site_settings.save()


def load_all(force=False):
    from django.utils.module_loading import import_string

    run = ContentRun(force=force)
    for dotted in settings.CONTENT_LOADERS:
        import_string(dotted)(run)
    return run
