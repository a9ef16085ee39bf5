"""Swedish and English pages loaded from files are wagtail-localize translations of the Finnish pages."""

import pytest
import yaml
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from handbook import loader as handbook_loader
from handbook.models import PhasePage
from hub.core.loader import load_all
from hub.core.translation_status import OUT_OF_DATE, UP_TO_DATE, translation_status

from .test_content_loader import copy_handbook_content

pytestmark = pytest.mark.django_db


def translation_of(page, language):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return Translation.objects.get(source=source, target_locale__language_code=language)


def statuses(page):
    _languages, rows = translation_status()
    return next(
        {cell.language: (cell.status, cell.untranslated) for cell in cells} for row, cells in rows if row.pk == page.pk
    )


def test_every_loaded_translation_has_its_source_translation_and_every_string(content):
    originals = Page.objects.filter(locale__language_code="fi", depth__gt=1)
    assert originals.count() >= 39
    for original in originals:
        for language in ("sv", "en"):
            translated = original.get_translation(Locale.objects.get(language_code=language))
            translation = translation_of(original, language)
            total, done = translation.get_progress()
            assert total > 0 and done == total, f"{translated.url}: {done}/{total} strings translated"
            assert translation.get_target_instance().pk == translated.pk


def test_the_loaded_strings_are_the_translated_pages_own_words(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)
    swedish = phase.get_translation(Locale.objects.get(language_code="sv"))
    strings = StringTranslation.objects.filter(locale__language_code="sv", context__object_id=phase.translation_key)
    by_finnish = dict(strings.values_list("translation_of__data", "data"))
    assert by_finnish[phase.title] == swedish.title
    assert by_finnish[phase.summary] == swedish.summary


def test_a_finnish_edit_leaves_exactly_the_changed_string_untranslated(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=2)
    total, _done = translation_of(phase, "sv").get_progress()
    phase.summary = "Tiivistelmä, jota ei ole vielä käännetty."
    phase.save_revision().publish()
    assert statuses(phase)["sv"][0] == OUT_OF_DATE, "published since the last sync"

    TranslationSource.objects.get(object_id=phase.translation_key, locale=phase.locale).update_from_db()

    assert translation_of(phase, "sv").get_progress() == (total, total - 1)
    assert translation_of(phase, "en").get_progress() == (total, total - 1)
    assert statuses(phase) == {"sv": (OUT_OF_DATE, 1), "en": (OUT_OF_DATE, 1)}


def test_republishing_a_translation_without_translating_keeps_it_out_of_date(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=3)
    phase.summary = "Uusi suomenkielinen tiivistelmä."
    phase.save_revision().publish()
    TranslationSource.objects.get(object_id=phase.translation_key, locale=phase.locale).update_from_db()

    english = phase.get_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()

    assert statuses(phase)["en"] == (OUT_OF_DATE, 1)
    assert statuses(PhasePage.objects.get(locale__language_code="fi", number=5))["en"] == (UP_TO_DATE, 0)


def test_reloading_changed_files_keeps_the_translations_in_step(content, tmp_path, monkeypatch):
    folder = copy_handbook_content(tmp_path)

    def change(language, summary):
        path = next((folder / language / "phases").glob("06-*.yaml"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["summary"] = summary
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    monkeypatch.setattr(handbook_loader, "CONTENT", folder)
    phase = PhasePage.objects.get(locale__language_code="fi", number=6)
    total, _done = translation_of(phase, "sv").get_progress()

    change("fi", "Uusi tiivistelmä kumppaneista.")
    load_all()
    assert translation_of(phase, "sv").get_progress() == (total, total - 1), "the Swedish file is not updated yet"

    change("sv", "En ny sammanfattning om samarbetspartnerna.")
    assert load_all().unmatched == []
    assert translation_of(phase, "sv").get_progress() == (total, total)
    assert StringTranslation.objects.get(
        locale__language_code="sv", translation_of__data="Uusi tiivistelmä kumppaneista."
    ).data == ("En ny sammanfattning om samarbetspartnerna.")
    assert translation_of(phase, "en").get_progress() == (total, total - 1)


def test_editors_get_the_translation_editor_and_the_sync_action_for_loaded_pages(admin_client, content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)
    swedish = phase.get_translation(Locale.objects.get(language_code="sv"))
    source = TranslationSource.objects.get(object_id=phase.translation_key, locale=phase.locale)

    editor = admin_client.get(f"/admin/pages/{swedish.pk}/edit/")
    assert "wagtail_localize/admin/edit_translation.html" in [template.name for template in editor.templates]
    finnish = admin_client.get(f"/admin/pages/{phase.pk}/edit/").content.decode()
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in finnish
