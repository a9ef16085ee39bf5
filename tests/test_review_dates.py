"""Handbook pages and templates show when a person last checked their content; a report lists what is due."""

import datetime
import re
from html import unescape

import pytest
import yaml
from bs4 import BeautifulSoup
from django.utils import timezone

from handbook import loader as handbook_loader
from handbook.models import GuidePage, HandbookPage, PhasePage
from handbook.schema import PhaseFile
from hub.core.loader import ContentError, load_all
from hub.core.review import checked_pages, checked_sources, due_before
from hub.resources.models import ResourcePage

from .factories import UserFactory
from .test_content_loader import copy_handbook_content

pytestmark = pytest.mark.django_db

CHECKED = datetime.date(2026, 11, 20)


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def set_checked(page, date):
    page.content_checked = date
    page.save_revision().publish()
    return page


def test_a_check_date_in_the_content_files_reaches_the_page_in_every_language(content, client, tmp_path, monkeypatch):
    folder = copy_handbook_content(tmp_path)
    for language in ("fi", "sv", "en"):
        phase_file = next((folder / language / "phases").glob("02-*.yaml"))
        data = yaml.safe_load(phase_file.read_text(encoding="utf-8"))
        data["checked"] = CHECKED
        data["sources"][0]["checked"] = CHECKED
        phase_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(handbook_loader, "CONTENT", folder)

    load_all()

    shown = {
        "fi": ("Sisältö tarkistettu 20. marraskuuta 2026", "(tarkistettu 20. marraskuuta 2026"),
        "sv": ("Innehållet kontrollerat 20 november 2026", "(kontrollerad 20 november 2026"),
        "en": ("Content checked Nov. 20, 2026", "(checked Nov. 20, 2026"),
    }
    for language, (page_date, source_date) in shown.items():
        phase = PhasePage.objects.get(locale__language_code=language, number=2)
        assert phase.content_checked == CHECKED
        text = page_text(client, phase)
        assert page_date in text, language
        assert source_date in text, language


def test_a_translation_keeps_the_finnish_check_date():
    finnish = yaml.safe_load(next((handbook_loader.CONTENT / "fi" / "phases").glob("02-*.yaml")).read_text())
    swedish = yaml.safe_load(next((handbook_loader.CONTENT / "sv" / "phases").glob("02-*.yaml")).read_text())
    with pytest.raises(ContentError, match="checked: differs from the Finnish file"):
        PhaseFile.check({**swedish, "checked": CHECKED}, "sv.yaml", {**finnish, "checked": None})


def test_a_page_without_a_check_date_shows_none(content, client):
    phase = set_checked(PhasePage.objects.get(locale__language_code="fi", number=3), None)
    assert 'class="content-checked"' not in client.get(phase.url).content.decode()


@pytest.mark.parametrize("model", [HandbookPage, PhasePage, ResourcePage])
def test_handbook_pages_and_templates_show_their_check_date(content, client, model):
    page = set_checked(model.objects.filter(locale__language_code="fi").first(), CHECKED)
    assert "Sisältö tarkistettu 20. marraskuuta 2026" in page_text(client, page)


def test_a_check_is_due_for_review_after_twelve_months():
    assert due_before(datetime.date(2026, 12, 3)) == datetime.date(2025, 12, 3)
    assert due_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_the_report_lists_pages_by_check_date_and_marks_what_is_due(content):
    today = timezone.localdate()
    recent = set_checked(PhasePage.objects.get(locale__language_code="fi", number=1), today)
    old = set_checked(PhasePage.objects.get(locale__language_code="fi", number=2), today - datetime.timedelta(days=400))

    rows = checked_pages(due_before(today))

    checked_models = {HandbookPage, PhasePage, GuidePage, ResourcePage}
    assert {type(row.page) for row in rows} == checked_models
    assert len(rows) == sum(model.objects.live().count() for model in checked_models)
    by_page = {row.page.pk: row for row in rows}
    assert not by_page[recent.pk].due and by_page[old.pk].due
    assert all(row.due for row in rows if row.checked is None)
    order = [row.page.pk for row in rows]
    assert order.index(old.pk) < order.index(recent.pk)
    assert rows[-1].checked == today, "the most recently checked come last"


def test_the_report_lists_every_source_link_with_its_check_date(content):
    rows = checked_sources(due_before(timezone.localdate()))
    links = [(phase.pk, source.value["url"]) for phase in PhasePage.objects.live() for source in phase.sources]
    assert sorted((row.page.pk, row.url) for row in rows if isinstance(row.page, PhasePage)) == sorted(links)
    assert all(row.due for row in rows if row.checked is None)


@pytest.mark.parametrize(
    ("language", "due"), [("fi", "Tarkistettava"), ("sv", "Ska granskas"), ("en", "Due for review")]
)
def test_the_report_speaks_the_admins_language(client, content, language, due):
    from wagtail.users.models import UserProfile

    editor = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": language})
    client.force_login(editor)
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)

    response = client.get("/admin/review-dates/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    pages, sources = soup.select("table.listing")
    row = next(row for row in pages.select("tbody tr") if row.th.get_text(strip=True) == phase.title)
    assert due in row.get_text()
    assert len(sources.select("tbody tr")) == len(checked_sources(due_before(timezone.localdate())))
