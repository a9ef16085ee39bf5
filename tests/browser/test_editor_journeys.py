"""Editors, a moderator and an association's contributor do their work in the admin, in Finnish and in Swedish.

The first test schedules an update for the next full minute (the admin's schedule is set in minutes) and the last one
runs `publish_scheduled` once that minute has come, so the wait overlaps the other journeys.
"""

import io
import re
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from handbook.models import PhasePage
from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.core.models import Region
from hub.updates.models import UpdateIndexPage, UpdatePage
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

SCHEDULED_TITLE = "Ajastettu kylätiedote"
IMAGE_TITLE = "Talkoot liiterillä"


@pytest.fixture(scope="module")
def people(django_db_blocker):
    """An editor and a contributor using the admin in Finnish, a moderator using it in Swedish."""
    roles = {
        "editor": ("Editors", "fi"),
        "moderator": ("Moderators", "sv"),
        "contributor": ("Association contributors", "fi"),
    }
    with django_db_blocker.unblock():
        users = {}
        for role, (group, language) in roles.items():
            user = UserFactory(username=f"selain-{role}")
            user.groups.add(Group.objects.get(name=group))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
            users[role] = user
        yield users
        for user in users.values():
            user.delete()


@contextmanager
def signed_in(browser, site, user):
    """A browser tab of `user`, signed in; signing in itself is tested elsewhere."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=site.url, locale="fi-FI", viewport={"width": 1280, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def pause(page):
    """Waits for the admin's background save of the last change, as a person glancing at the form would.

    A click on Publish while that save is creating a new page posts the form a second time as a new page.
    """
    page.wait_for_timeout(700)
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')?.dataset.wAutosaveStateValue !== 'saving'"
    )


def open_more_actions(page):
    page.locator("footer [data-w-dropdown-target=toggle]").click()


def type_date_time(dialog, name, value):
    """Types a date and time into the dialog's field and closes the date picker by clicking the dialog's heading."""
    field = dialog.locator(f"input[name={name}]")
    picker = dialog.page.locator(".xdsoft_datetimepicker:visible")
    field.click()
    picker.wait_for()
    field.fill(f"{value:%Y-%m-%d %H:%M}")
    dialog.locator("h2").first.click()
    expect(picker).to_have_count(0)


def a_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (160, 100), (200, 120, 40)).save(buffer, format="JPEG")
    return {"name": "talkoot.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


@pytest.fixture(scope="module")
def scheduled_update(browser, site, people, django_db_blocker):
    """An editor schedules an update for the next full minute that is at least 15 seconds away."""
    with django_db_blocker.unblock():
        index = UpdateIndexPage.objects.get(locale__language_code="fi")
        soon = timezone.localtime() + timedelta(seconds=15)
        go_live = soon.replace(second=0, microsecond=0) + timedelta(minutes=1)
        try:
            with signed_in(browser, site, people["editor"]) as page:
                page.goto(f"/admin/pages/add/updates/updatepage/{index.pk}/")
                page.locator("#id_title").fill(SCHEDULED_TITLE)
                page.locator("#id_title").blur()
                page.locator("[data-side-panel-toggle=status]").click()
                page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').click()
                dialog = page.locator("#schedule-publishing-dialog")
                type_date_time(dialog, "go_live_at", go_live)
                dialog.locator("button[type=submit]").click()
                page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
                pause(page)
                open_more_actions(page)
                page.locator("button[name=action-publish]").click()
                page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
                message = page.locator(".messages").inner_text()
            yield {"update": UpdatePage.objects.get(title=SCHEDULED_TITLE), "go_live": go_live, "message": message}
        finally:
            UpdatePage.objects.filter(title=SCHEDULED_TITLE).delete()


def test_an_editor_schedules_an_update_and_it_is_not_public_yet(page, scheduled_update):
    update = scheduled_update["update"]
    assert SCHEDULED_TITLE in scheduled_update["message"]
    assert not update.live and update.go_live_at == scheduled_update["go_live"]
    assert page.goto(update.url).status == 404
    page.goto(update.get_parent().url)
    assert page.locator("main").get_by_role("link", name=SCHEDULED_TITLE).count() == 0


def test_an_editor_publishes_an_update_with_an_image(browser, site, people, settings):
    settings.SERVE_MEDIA = True  # the public images, as `make serve` serves them
    index = UpdateIndexPage.objects.get(locale__language_code="fi")
    title, alt = "Liiteri täyttyi talkoilla", "Talkooväki kantaa polttopuita liiteriin."
    try:
        with signed_in(browser, site, people["editor"]) as page:
            page.goto(f"/admin/pages/add/updates/updatepage/{index.pk}/")
            page.locator("#id_title").fill(title)
            page.locator("#id_title").blur()
            body = page.locator("[data-contentpath=body]")
            body.locator(".c-sf-add-button").first.click()
            page.get_by_role("option").filter(has=page.locator('use[href="#icon-image"]')).click()
            body.locator("[data-chooser-action-choose]").click()
            chooser = page.locator(".modal-dialog")
            chooser.locator("#tab-label-upload").click()
            chooser.locator("input[name=image-chooser-upload-title]").fill(IMAGE_TITLE)
            chooser.locator("input[type=file]").set_input_files(a_photo())
            chooser.locator("input[name=image-chooser-upload-description]").fill("Polttopuita liiterissä")
            chooser.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
            chooser.wait_for(state="detached")
            assert body.locator("[data-chooser-title]").inner_text() == IMAGE_TITLE
            body.locator("input[name$='-value-alt_text']").fill(alt)
            pause(page)
            open_more_actions(page)
            page.locator("button[name=action-publish]").click()
            page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
            assert title in page.locator(".messages").inner_text()

            update = UpdatePage.objects.get(title=title)
            page.goto(update.url)
            image = page.locator("main figure img")
            assert image.get_attribute("alt") == alt
            assert image.evaluate("img => img.complete && img.naturalWidth") > 0, "the image itself loads"
            page.goto(index.url)
            assert page.locator("main").get_by_role("link", name=title).is_visible()
    finally:
        UpdatePage.objects.filter(title=title).delete()
        get_image_model().objects.filter(title=IMAGE_TITLE).delete()


@pytest.fixture
def phase_eleven():
    """Phase 11 and its Swedish translation, put back as loaded afterwards."""
    finnish = PhasePage.objects.get(locale__language_code="fi", number=11)
    swedish = finnish.get_translation(Locale.objects.get(language_code="sv")).specific
    source = TranslationSource.objects.get(object_id=finnish.translation_key, locale=finnish.locale)
    original = finnish.summary
    yield finnish, swedish, source
    finnish.refresh_from_db()
    finnish.summary = original
    finnish.save_revision().publish()
    source.update_from_db()
    for translation in Translation.objects.filter(source=source):
        translation.save_target(publish=True)


def test_an_editor_changes_a_finnish_phase_and_translates_just_that_string_into_swedish(
    browser, site, people, phase_eleven
):
    finnish, swedish, source = phase_eleven
    changed = "Toimintamallia kehitetään joka vuosi kyläkokouksessa."
    translated = "Verksamhetsmodellen utvecklas varje år på bystämman."
    try:
        with signed_in(browser, site, people["editor"]) as page:
            page.goto(f"/admin/pages/{finnish.pk}/edit/")
            page.locator("#id_summary").fill(changed)
            pause(page)
            open_more_actions(page)
            page.locator("button[name=action-publish]").click()
            page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

            page.goto(f"/admin/pages/{finnish.pk}/edit/")
            page.locator("header [data-w-dropdown-target=toggle]").first.click()
            page.locator('a[href*="/localize/update/"]').click()  # "Sync translated pages"
            page.locator("main form input[type=submit]").click()
            page.wait_for_url(re.compile(rf"/admin/pages/{finnish.pk}/edit/$"))

            page.goto(f"/admin/pages/{swedish.pk}/edit/")  # the translation editor
            untranslated = page.get_by_role("button", name="Käännä", exact=True)
            assert untranslated.count() == 1, "exactly the changed string waits for its translation"
            segment = page.locator("li").filter(has=page.get_by_text(changed, exact=True)).last
            segment.get_by_role("button", name="Käännä", exact=True).click()
            segment.locator("textarea").fill(translated)
            segment.get_by_role("button").last.click()  # save the translation
            untranslated.first.wait_for(state="detached")
            page.locator("footer button[name=action][value=publish]").click()
            page.wait_for_load_state()
            assert swedish.title in page.locator(".messages").inner_text()

            swedish.refresh_from_db()
            page.goto(swedish.url)
            assert page.locator("main .lead").inner_text() == translated
            page.goto(finnish.url)
            assert page.locator("main .lead").inner_text() == changed
    finally:
        StringTranslation.objects.filter(data=translated).delete()


def test_a_moderator_previews_and_approves_a_contributors_case_study(browser, site, people):
    index = CaseStudyIndexPage.objects.get(locale__language_code="fi")
    title, story = "Kyläkaupan kesätyöt", "Kyläkauppa palkkasi kesäksi kaksi nuorta."
    try:
        with signed_in(browser, site, people["contributor"]) as page:
            page.goto(f"/admin/pages/add/cases/casestudypage/{index.pk}/")
            page.locator("#id_title").fill(title)
            page.locator("#id_title").blur()
            page.locator("#id_village").fill("Koivulahti")
            page.locator("input[name=phases]").first.check()  # a ticked phase once broke every preview
            page.locator("[data-contentpath=story] [contenteditable=true]").click()
            page.keyboard.type(story)
            pause(page)
            open_more_actions(page)
            page.locator("button[name=action-submit]").click()
            page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
        draft = CaseStudyPage.objects.get(title=title)
        assert not draft.live and draft.current_workflow_state is not None

        with signed_in(browser, site, people["moderator"]) as page:
            page.goto("/admin/")
            assert page.locator("html").get_attribute("lang") == "sv"
            pending = page.locator("#pending-stories-content li").filter(has_text=title).inner_text()
            assert pending.endswith(f"{title} (Suomi)"), "a story written in the admin has no reference to show"
            waiting = page.locator("#awaiting-review-content tr").filter(has_text=title)
            waiting.locator("[data-w-dropdown-target=toggle]").click()
            with page.context.expect_page() as opened:
                waiting.locator('a[href*="/workflow/preview/"]').click()
            preview = opened.value
            preview.wait_for_load_state()
            assert preview.locator("h1").inner_text() == title
            assert story in preview.locator("main").inner_text()
            preview.close()

            waiting.locator("[data-w-dropdown-target=toggle]").click()
            with page.expect_navigation():
                page.locator('[data-workflow-action-url*="/approve/"]:not([data-launch-modal])').click()
        draft.refresh_from_db()
        assert draft.live

        with signed_in(browser, site, people["contributor"]) as page:
            page.goto(draft.url)
            assert page.locator("h1").inner_text() == title
            assert story in page.locator("main").inner_text()
    finally:
        CaseStudyPage.objects.filter(title=title).delete()


def test_an_editor_adds_a_region_and_finds_it_on_a_finnish_case_study(browser, site, people):
    case = CaseStudyPage.objects.filter(locale__language_code="fi", live=True, region__isnull=False).first()
    try:
        with signed_in(browser, site, people["editor"]) as page:
            page.goto("/admin/snippets/core/region/")
            page.locator('a[href*="/snippets/core/region/add/"]').first.click()
            page.locator("#id_name").fill("Järvi-Häme")
            page.locator("#id_code").fill("00")  # listed first, by code
            page.locator("footer button[type=submit]").first.click()
            page.locator('.messages a[href*="/snippets/core/region/edit/"]').click()
            assert page.locator("#id_slug").input_value() == "jarvi-hame", "the slug comes from the name"

            page.goto(f"/admin/pages/{case.pk}/edit/")
            page.locator("#id_region-chooser [data-w-dropdown-target=toggle]").click()
            page.locator(".tippy-box [data-chooser-action-choose]").click()
            chooser = page.locator(".modal-dialog")
            chooser.get_by_role("link", name="Järvi-Häme", exact=True).wait_for()
            assert chooser.get_by_role("link", name="Nyland").count() == 0, "only the page's own language's terms"
            chooser.get_by_role("link", name="Järvi-Häme", exact=True).click()
            expect(page.locator("#id_region-title")).to_have_text("Järvi-Häme")
        region = Region.objects.get(name="Järvi-Häme")
        assert region.locale.language_code == "fi" and region.slug == "jarvi-hame"
    finally:
        Region.objects.filter(name="Järvi-Häme").delete()


def test_the_scheduled_update_goes_live_when_publish_scheduled_runs(page, scheduled_update):
    update = scheduled_update["update"]
    time.sleep(max(0, (scheduled_update["go_live"] - timezone.now()).total_seconds() + 1))
    call_command("publish_scheduled")
    update.refresh_from_db()
    assert update.live
    assert page.goto(update.url).status == 200
    assert page.locator("h1").inner_text() == SCHEDULED_TITLE
    page.goto(update.get_parent().url)
    assert page.locator("main").get_by_role("link", name=SCHEDULED_TITLE).is_visible()
