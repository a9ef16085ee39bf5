"""Loads the home page from `home/content/fi/home.yaml` and makes it the root of the default site."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from hub.core.loader import ContentFolder, apply_page_basics, paragraphs

from .models import HomePage
from .schema import HomeFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.audiences = [
        ("audience", {"title": item["title"], "text": item["text"]}) for item in data.get("audiences", [])
    ]


def _remove_wagtail_welcome_page(root):
    """Wagtail's first migration leaves a placeholder page at the site root; it would block ours."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain_page, slug="home"):
        page.delete()


def _validate(data, path, source):
    HomeFile.check(data, path, source)
    data.setdefault("slug", "home")
    return data


def load(run):
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=Locale.get_default()))
    if not HomePage.objects.exists():
        _remove_wagtail_welcome_page(root)
    home = ContentFolder("home", CONTENT).sync(
        run, parent=root, model=HomePage, relative="home.yaml", validate=_validate, apply=_apply
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=home.title)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = home.title
        site.save()
