"""Loads the home page from `home/content/fi/home.yaml` and makes it the root of the default site."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from hub.core.content import SOURCE_LANGUAGE, paragraphs, read_yaml, require, sync_page, sync_translation, translations

from .models import HomePage

CONTENT = Path(__file__).resolve().parent / "content"


def _apply(page, data):
    page.title = data["title"]
    page.slug = data.get("slug", "home")
    page.summary = data.get("summary", "")
    page.intro = paragraphs(data.get("intro", ""))
    page.audiences = [
        ("audience", {"title": item["title"], "text": item["text"]}) for item in data.get("audiences", [])
    ]


def _remove_wagtail_welcome_page(root):
    """Wagtail's first migration leaves a placeholder page at the site root; it would block ours."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain_page, slug="home"):
        page.delete()


def load(run):
    path = CONTENT / SOURCE_LANGUAGE / "home.yaml"
    data = read_yaml(path)
    require(data, ["title"], path)
    data.setdefault("slug", "home")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=Locale.get_default()))
    if not HomePage.objects.exists():
        _remove_wagtail_welcome_page(root)
    home = sync_page(run, parent=root, model=HomePage, key="home/fi/home.yaml", data=data, apply=_apply)
    for language, translated_path in translations(CONTENT, "home.yaml"):
        translated = read_yaml(translated_path)
        require(translated, ["title"], translated_path)
        key = f"home/{language}/home.yaml"
        sync_translation(run, original=home, language=language, key=key, data=translated, apply=_apply)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=data["title"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = data["title"]
        site.save()
