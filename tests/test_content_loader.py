"""Content as code: loading is idempotent and never silently overwrites an editor's change."""

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from handbook import loader as handbook_loader
from handbook.models import GuidePage, HandbookPage, PhasePage
from home.models import HomePage
from hub.core.loader import ContentError, load_all
from hub.core.models import ContentSource, PartnerType, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "latest": dict(Page.objects.values_list("pk", "latest_revision_id")),
        "partner_types": PartnerType.objects.count(),
    }


# Home, two standard pages, the handbook, eleven phases, three guides and the savings calculator, the updates
# index and one update, the partner directory and thirteen partners, the template index and fourteen templates,
# the case index, five cases and the impact across them, two forms and the case-story form.
PAGE_FILES_PER_LANGUAGE = 61


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_first_load_builds_the_site_in_each_language(content, language):
    pages = Page.objects.live().filter(locale__language_code=language)
    assert pages.type(HomePage).count() == 1
    assert pages.type(HandbookPage).count() == 1
    assert pages.type(PhasePage).count() == 11
    assert pages.type(GuidePage).count() == 3
    assert pages.type(StandardPage).count() == 2
    assert PartnerType.objects.filter(locale__language_code=language).count() == 10
    assert ContentSource.objects.filter(key__contains=f"/{language}/").count() == PAGE_FILES_PER_LANGUAGE


def test_all_three_locales_exist(content):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fi", "sv", "en"}


def test_loading_twice_changes_nothing(content):
    before = snapshot()
    second = load_all()
    assert second.created == [] and second.updated == [] and second.skipped == []
    assert len(second.unchanged) == 3 * PAGE_FILES_PER_LANGUAGE
    assert snapshot() == before


def test_an_edited_page_is_reported_and_skipped(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=3)
    phase.summary = "Toimittajan oma tiivistelmä."
    phase.save_revision().publish()

    run = load_all()

    assert len(run.skipped) == 1 and "analysoidaan-toimintaymparisto" in run.skipped[0]
    assert PhasePage.objects.get(locale__language_code="fi", number=3).summary == "Toimittajan oma tiivistelmä."


def test_an_unpublished_draft_also_counts_as_an_edit(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)
    phase.title = "Luonnos"
    phase.save_revision()
    assert load_all().skipped


def test_force_overwrites_an_edited_page(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=3)
    original = phase.summary
    phase.summary = "Toimittajan oma tiivistelmä."
    phase.save_revision().publish()

    run = load_all(force=True)

    assert run.skipped == []
    assert PhasePage.objects.get(locale__language_code="fi", number=3).summary == original
    assert load_all().skipped == []


def copy_handbook_content(tmp_path):
    """A copy of the handbook's content folder, standing in for a checkout where the files have changed."""
    for path in handbook_loader.CONTENT.rglob("*.yaml"):
        target = tmp_path / path.relative_to(handbook_loader.CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_a_changed_file_updates_its_page_with_a_new_revision(content, tmp_path, monkeypatch):
    folder = copy_handbook_content(tmp_path)
    phase_file = next((folder / "fi" / "phases").glob("02-*.yaml"))
    data = yaml.safe_load(phase_file.read_text(encoding="utf-8"))
    data["summary"] = "Päivitetty tiivistelmä."
    phase_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(handbook_loader, "CONTENT", folder)
    revisions_before = Revision.objects.count()

    run = load_all()

    assert run.updated == [f"handbook/fi/phases/{phase_file.name}"]
    assert Revision.objects.count() == revisions_before + 1
    phase = PhasePage.objects.get(locale__language_code="fi", number=2)
    assert phase.summary == "Päivitetty tiivistelmä."
    assert phase.live and not phase.has_unpublished_changes


def test_malformed_content_is_refused_with_the_file_named(content, tmp_path, monkeypatch):
    folder = tmp_path / "fi"
    (folder / "phases").mkdir(parents=True)
    (folder / "handbook.yaml").write_text("title: Käsikirja\nslug: kasikirja\n", encoding="utf-8")
    (folder / "phases" / "01-x.yaml").write_text(
        "number: 1\ntitle: X\nslug: x\nsummary: S\ntasks:\n  - actor: mayor\n    title: T\n", encoding="utf-8"
    )
    monkeypatch.setattr(handbook_loader, "CONTENT", tmp_path)
    with pytest.raises(ContentError, match=r"01-x\.yaml:6: tasks\[0\]\.actor: 'mayor' is not one of 'city'"):
        load_all()
    with pytest.raises(CommandError, match="actor: 'mayor' is not one of"):
        call_command("load_content")


def test_site_settings_point_to_the_accessibility_statement_and_privacy_notice(content):
    site_settings = SiteSettings.objects.get()
    assert site_settings.accessibility_page.slug == "saavutettavuusseloste"
    assert site_settings.privacy_page.slug == "tietosuojaseloste"


def test_load_content_command_reports_what_it_did(content, capsys):
    call_command("load_content")
    assert f"0 created, 0 updated, {3 * PAGE_FILES_PER_LANGUAGE} unchanged, 0 skipped" in capsys.readouterr().out


def test_phase_numbers_must_run_without_gaps(content, tmp_path, monkeypatch):
    folder = tmp_path / "fi"
    (folder / "phases").mkdir(parents=True)
    (folder / "handbook.yaml").write_text("title: Käsikirja\nslug: kasikirja\n", encoding="utf-8")
    for number in (1, 3):
        (folder / "phases" / f"0{number}.yaml").write_text(
            f"number: {number}\ntitle: V{number}\nslug: v{number}\nsummary: S\n", encoding="utf-8"
        )
    monkeypatch.setattr(handbook_loader, "CONTENT", tmp_path)
    with pytest.raises(ContentError, match="phase numbers must run 1..2"):
        load_all()


def test_a_skipped_page_is_reported_by_its_public_address_and_phases_stay_in_number_order(content, capsys):
    phase = PhasePage.objects.get(locale__language_code="fi", number=3)
    phase.save_revision().publish()
    english = HandbookPage.objects.get(locale__language_code="en")
    PhasePage.objects.child_of(english).get(number=2).move(english, pos="last-child")  # as a late translation lands

    call_command("load_content")

    output = capsys.readouterr().out
    assert "(/fi/kasikirja/analysoidaan-toimintaymparisto/) has been edited" in output
    assert phase.url_path not in output
    for handbook in HandbookPage.objects.all():
        numbers = list(PhasePage.objects.child_of(handbook).order_by("path").values_list("number", flat=True))
        assert numbers == list(range(1, 12)), handbook.locale
