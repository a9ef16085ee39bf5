"""Content as code: versioned YAML files loaded into pages, idempotently and without overwriting edits.

Each app keeps its files in `<app>/content/<language>/` and a `load(run)` function listed in
`settings.CONTENT_LOADERS`. `sync_page` creates or updates one page from one file: unchanged files
change nothing, and a page edited since the loader last published it is reported and skipped
unless the run is forced.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.models import Collection, Locale, Site

from .content_schema import TAXONOMY_FILES, ContentError, SectionIndexFile
from .loading import content_loading
from .localize_records import record_translation, stable_block_ids
from .models import ContentSource, Region, SiteSettings, StandardPage
from .schema import StandardPageFile, TaxonomyFile

SOURCE_LANGUAGE = "fi"
CORE_CONTENT = Path(__file__).resolve().parent / "content"
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass
class ContentRun:
    force: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)

    def was_skipped(self, key):
        return any(entry.startswith(f"{key}: ") for entry in self.skipped)


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{path}: {error}") from error
    if data is None:
        raise ContentError(f"{path}: the file is empty")
    return data


def split_paragraphs(text):
    """Plain text with blank lines between paragraphs, as a list of one-line paragraphs; any line-break style."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = [" ".join(block.split()) for block in BLANK_LINE.split(text)]
    return [block for block in blocks if block]


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as rich-text HTML."""
    return "".join(f"<p>{escape(block)}</p>" for block in split_paragraphs(text))


def source_link(link):
    """A content file's source link as a link block's value: every text set, as the translation tools require."""
    return {"description": "", **link}


def apply_page_basics(page, data):
    """The fields every content file sets: title, slug and summary."""
    page.title = data["title"]
    page.slug = data["slug"]
    page.summary = data.get("summary", "")


def apply_intro_page(page, data):
    """Title, slug, summary and introduction: a page whose content is computed or a form, not written."""
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))


def apply_section_index(page, data):
    """Title, slug, summary and introduction of a section's index page, which shows in the main menu."""
    apply_intro_page(page, data)
    page.show_in_menus = True


def digest(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def sync_page(run, *, parent, model, key, data, apply):
    """Create or update the source-language `model` page under `parent` from `data`, the file known as `key`.

    `key` names the file independently of where the checkout lies ("handbook/fi/phases/01-….yaml").
    `apply(page, data)` sets the page's fields. Returns the page.
    """

    def create():
        page = model(locale=parent.locale)
        apply(page, data)
        return parent.add_child(instance=page)

    def find():
        return model.objects.child_of(parent).filter(slug=data["slug"]).first()

    return _sync(run, key=key, data=data, apply=apply, find=find, create=create)


def sync_translation(run, *, original, language, key, data, apply):
    """Create or update the `language` translation of `original` (same translation key) from `data`."""
    locale = Locale.objects.get(language_code=language)

    def create():
        try:
            translation = original.copy_for_translation(locale).specific
        except ParentNotTranslatedError as error:
            raise ContentError(f"{key}: translate the parent page into {language} first") from error
        apply(translation, data)
        return translation

    return _sync(
        run, key=key, data=data, apply=apply, find=lambda: original.get_translation_or_none(locale), create=create
    )


def _sync(run, *, key, data, apply, find, create):
    """`create()` makes the page with `data` applied; `find()` looks for it when no content source names it."""
    source = ContentSource.objects.filter(key=key).select_related("page").first()
    page = source.page.specific if source else find()

    if page is None:
        with transaction.atomic():
            page = create()
            _publish(page, key, data)
        run.created.append(key)
        return page

    edited = source is None or page.latest_revision_id != source.revision_id
    if edited and not run.force:
        run.skipped.append(
            f"{key}: {page.title!r} ({page.get_url() or page.url_path}) has been edited since it was loaded"
        )
        return page
    if not edited and source.digest == digest(data):
        run.unchanged.append(key)
        return page

    apply(page, data)
    with transaction.atomic():
        _publish(page, key, data)
    run.updated.append(key)
    return page


@dataclass
class ContentFolder:
    """An app's content folder: `<folder>/<language>/<relative path>`, known in keys as `<app>/<language>/...`."""

    app: str
    folder: Path

    def key(self, path):
        return f"{self.app}/{Path(path).relative_to(self.folder)}"

    def read(self, relative, validate):
        path = self.folder / SOURCE_LANGUAGE / relative
        return validate(read_yaml(path), path, None)

    def sync(self, run, *, parent, model, relative, validate, apply, data=None):
        """Loads the Finnish file `relative` under `parent`, then each translation of it; returns the Finnish page.

        `validate(data, path, source)` checks a file and returns its data; `source` is the Finnish data
        when checking a translation. `data` may be passed when the Finnish file has been read already.
        """
        path = self.folder / SOURCE_LANGUAGE / relative
        if data is None:
            data = self.read(relative, validate)
        page = sync_page(run, parent=parent, model=model, key=self.key(path), data=data, apply=apply)
        for language, translated_path in translations(self.folder, relative):
            translated = validate(read_yaml(translated_path), translated_path, data)
            key = self.key(translated_path)
            translation = sync_translation(run, original=page, language=language, key=key, data=translated, apply=apply)
            if run.was_skipped(key):
                continue
            if not record_translation(
                page,
                translation,
                refresh_source=not run.was_skipped(self.key(path)),
                record_strings=key in run.created or key in run.updated,
            ):
                run.unmatched.append(key)
        return page

    def sync_children(self, run, *, parent, model, subfolder, validate, apply):
        """Loads every file of the Finnish `subfolder`, in file-name order, as a `model` page under `parent`."""
        source = self.folder / SOURCE_LANGUAGE
        for path in sorted((source / subfolder).glob("*.yaml")):
            self.sync(
                run, parent=parent, model=model, relative=path.relative_to(source), validate=validate, apply=apply
            )

    def sync_section(self, run, *, index_model, child_model, subfolder, validate, apply, index_file="index.yaml"):
        """A section of the site: its index page from `index_file` under the home page, then its child pages."""
        index = self.sync(
            run,
            parent=home_page(),
            model=index_model,
            relative=index_file,
            validate=SectionIndexFile.check,
            apply=apply_section_index,
        )
        self.sync_children(run, parent=index, model=child_model, subfolder=subfolder, validate=validate, apply=apply)
        return index


def translations(folder, relative_path):
    """(language, path) for each translation of the source file `folder/fi/relative_path` that exists."""
    for code, _name in settings.LANGUAGES:
        path = Path(folder) / code / relative_path
        if code != SOURCE_LANGUAGE and path.exists():
            yield code, path


def _publish(page, key, data):
    stable_block_ids(page)
    revision = page.save_revision(log_action=True)
    revision.publish(log_action=True)
    ContentSource.objects.update_or_create(
        key=key, defaults={"page": page, "digest": digest(data), "revision": revision}
    )


def source_locale():
    return Locale.objects.get(language_code=SOURCE_LANGUAGE)


def source_page(model):
    """The source-language page of `model` that another app's page is loaded under; its app loads first."""
    page = model.objects.filter(locale=source_locale()).first()
    if page is None:
        raise ContentError(f"No {model.__name__} in the source language: load its content first.")
    return page


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


TAXONOMY_EXTRA_FIELDS = {Region: ["code"]}


def ensure_root_collection(run):
    """Images and documents live in collections; a flushed database has lost the one the migrations made."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
        run.created.append("root collection")


def load_taxonomies(run):
    """The taxonomies and their translations; a term an editor has changed is never overwritten."""
    ensure_locales(run)
    ensure_root_collection(run)
    for filename, model in TAXONOMY_FILES:
        load_taxonomy(run, model, filename)


def _taxonomy_items(path):
    return TaxonomyFile.check(read_yaml(path), path)["items"]


def load_taxonomy(run, model, filename):
    path = CORE_CONTENT / SOURCE_LANGUAGE / filename
    label = model._meta.model_name
    extra_fields = TAXONOMY_EXTRA_FIELDS.get(model, [])
    originals = {}
    for order, item in enumerate(_taxonomy_items(path)):
        defaults = {"name": item["name"], "description": item.get("description", ""), "sort_order": order}
        defaults.update({name: item[name] for name in extra_fields if name in item})
        originals[item["slug"]], created = model.objects.get_or_create(
            locale=source_locale(), slug=item["slug"], defaults=defaults
        )
        if created:
            run.created.append(f"{label} {item['slug']}")
    for language, translated_path in translations(CORE_CONTENT, filename):
        target = Locale.objects.get(language_code=language)
        for item in _taxonomy_items(translated_path):
            if item["slug"] not in originals:
                raise ContentError(f"{translated_path}: {item['slug']!r} is not in {path.name}")
            original = originals[item["slug"]]
            if original.get_translation_or_none(target) is None:
                translation = original.copy_for_translation(target)
                translation.name = item["name"]
                translation.description = item.get("description", "")
                translation.save()
                run.created.append(f"{label} {item['slug']} ({language})")


def _apply_standard_page(page, data):
    apply_page_basics(page, data)
    body = []
    for section in data.get("sections", []):
        if section.get("heading"):
            body.append(("heading", section["heading"]))
        if section.get("text"):
            body.append(("paragraph", paragraphs(section["text"])))
        for link in section.get("links", []):
            body.append(("link", {key: link.get(key, "") for key in ("title", "url", "description")}))
    page.body = body


def load_standard_pages(run):
    """The accessibility statement, the privacy notice and other plain pages, linked from site settings."""
    home = home_page()
    content = ContentFolder("core", CORE_CONTENT)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    changed_settings = False
    for path in sorted((CORE_CONTENT / SOURCE_LANGUAGE / "pages").glob("*.yaml")):
        relative = path.relative_to(CORE_CONTENT / SOURCE_LANGUAGE)
        data = content.read(relative, StandardPageFile.check)
        page = content.sync(
            run,
            parent=home,
            model=StandardPage,
            relative=relative,
            validate=StandardPageFile.check,
            apply=_apply_standard_page,
            data=data,
        )
        setting = {"accessibility": "accessibility_page", "privacy": "privacy_page"}.get(data.get("kind"))
        if setting and getattr(site_settings, f"{setting}_id") is None:
            setattr(site_settings, setting, page)
            changed_settings = True
    if changed_settings:
        site_settings.save()


def load_all(force=False):
    from django.utils.module_loading import import_string

    run = ContentRun(force=force)
    loading = content_loading.set(True)
    try:
        for dotted in settings.CONTENT_LOADERS:
            import_string(dotted)(run)
    finally:
        content_loading.reset(loading)
    return run
