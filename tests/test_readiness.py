"""The readiness self-assessment: a person ticks what is done of each phase's checklist and gets a plan of what is
missing, in phase order, with the templates, partner types and guides that help, as a page and a PDF. Nothing is
stored unless they ask for a link, which expires after 90 days and can be erased at once."""

import html
import io
import re
from datetime import timedelta
from urllib.parse import urlencode

import pypdf
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext

from handbook.models import GuidePage, HandbookPage, PhasePage
from hub.core.models import StandardPage
from hub.core.protection import RATE_LIMIT_MESSAGE
from hub.partners.models import PartnerDirectoryPage
from hub.readiness.models import KEEP_FOR, ReadinessPage, SavedAssessment
from hub.resources.models import ResourcePage

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def ui(language, message):
    with translation.override(language):
        return gettext(message)


def progress(language, done, total):
    return ui(language, "%(done)s of %(total)s done") % {"done": done, "total": total}


def text_of(response):
    return html.unescape(response.content.decode())


def assessment_url(language="fi"):
    return ReadinessPage.objects.get(locale__language_code=language).url


def phases(language="fi"):
    return list(PhasePage.objects.live().filter(locale__language_code=language).order_by("number"))


def items(phase):
    return [(block.id, block.value) for block in phase.checklist]


def plan_of(body):
    """The plan section of a page, without the form below it (whose labels name every item)."""
    match = re.search(r'<section class="readiness-plan".*?<p class="readiness-print-hint">', body, re.S)
    assert match, "the page has no plan"
    return match.group(0)


def phase_sections(plan):
    """{phase number: the HTML of its section in the plan}."""
    return {
        int(number): section
        for number, section in re.findall(
            r'<section class="readiness-plan-phase" aria-labelledby="plan-phase-(\d+)">(.*?)</section>', plan, re.S
        )
    }


def post(client, url, done=(), action="plan", **fields):
    return client.post(url, {"done": list(done), "action": action, **fields})


def table_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the introspection
            counts[table] = cursor.fetchone()[0]
        return counts


# --- The page -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_loaded_under_the_handbook_in_each_language(content, client, language):
    page = ReadinessPage.objects.get(locale__language_code=language)
    assert isinstance(page.get_parent().specific, HandbookPage)
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.templates[0].name == "readiness/readiness_page.html"
    body = text_of(response)
    assert f"<h1>{page.title}</h1>" in body
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert "readiness-plan" not in body and "readiness-saved" not in body
    assert "no-store" in response["Cache-Control"], "the form carries a CSRF token"
    assert ReadinessPage.objects.get(locale__language_code="fi").slug == "valmiusarvio"


def test_the_page_can_be_created_only_under_the_handbook(content):
    handbook = HandbookPage.objects.first()
    assert ReadinessPage.can_create_at(handbook) is False  # one per handbook, and it is there
    assert "readiness.ReadinessPage" in HandbookPage.subpage_types
    assert ReadinessPage.parent_page_types == ["handbook.HandbookPage"]
    assert ReadinessPage.subpage_types == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_phase_is_a_fieldset_of_its_checklist_in_order(content, client, language):
    body = text_of(client.get(assessment_url(language)))
    legends = re.findall(r"<legend>(.*?)</legend>", body)
    assert legends == [f"{phase.number}. {phase.title}" for phase in phases(language)]
    boxes = re.findall(r'<input type="checkbox" name="done" value="([^"]+)" id="item-\1"> <label for="item-\1">', body)
    assert boxes == [item_id for phase in phases(language) for item_id, _text in items(phase)]
    total = len(boxes)
    assert total > 11
    assert f'data-progress="all" role="status">{progress(language, 0, total)}' in body


def test_the_item_ids_are_the_same_in_every_language(content):
    assert [[i for i, _t in items(phase)] for phase in phases("fi")] == [
        [i for i, _t in items(phase)] for phase in phases("sv")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_intro_links_to_phase_3_alone_and_that_shows_only_phase_3(content, client, language):
    page = ReadinessPage.objects.get(locale__language_code=language)
    assert f'<a href="?phase=3#form-heading">{page.quick_check}</a>' in text_of(client.get(page.url))
    body = text_of(client.get(page.url, {"phase": "3"}))
    third = phases(language)[2]
    assert re.findall(r"<legend>(.*?)</legend>", body) == [f"3. {third.title}"]
    assert body.count('name="done"') == len(items(third))
    assert f'action="{page.url}?phase=3#plan"' in body
    assert f'<a href="{page.url}#form-heading">{ui(language, "Assess every phase")}</a>' in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_phase_page_links_to_the_assessment(client, content, language):
    page = ReadinessPage.objects.get(locale__language_code=language)
    for phase in phases(language):
        assert f'href="{page.url}"' in client.get(phase.url).content.decode(), phase.number


# --- The plan -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_lists_what_is_missing_in_phase_order_with_the_help_for_each_phase(content, client, language):
    all_phases = phases(language)
    first, third = all_phases[0], all_phases[2]
    ticked = [item_id for item_id, _text in items(first)] + [item_id for item_id, _text in items(third)[:2]]
    response = post(client, assessment_url(language), ticked)
    assert response.status_code == 200
    body = text_of(response)
    plan = plan_of(body)
    total = sum(len(items(phase)) for phase in all_phases)
    summary = progress(language, len(ticked), total)
    assert f'<p class="readiness-summary">{summary}</p>' in plan

    sections = phase_sections(plan)
    assert list(sections) == [phase.number for phase in all_phases[1:]], "phase 1 is done, the rest in order"
    for phase in all_phases[1:]:
        section = sections[phase.number]
        missing = [text for item_id, text in items(phase) if item_id not in ticked]
        assert re.findall(r"<li>(.*?)</li>", section.split('<ul class="readiness-missing">')[1].split("</ul>")[0]) == (
            missing
        )
        assert f'href="{phase.full_url}#checklist-heading"' in section
        for resource in ResourcePage.for_phase(phase):
            assert f'<a href="{resource.full_url}">{resource.title}</a>' in section
        for guide in GuidePage.for_phase(phase):
            assert f'<a href="{guide.full_url}">{guide.title}</a>' in section
        directory = PartnerDirectoryPage.objects.get(locale__language_code=language)
        for partner_type in phase.partner_types.all():
            link = f"{directory.full_url}?{urlencode({'type': partner_type.slug})}"
            assert f'<a href="{html.escape(link)}">{partner_type.name}</a>'.replace("&amp;", "&") in section
    assert any(ResourcePage.for_phase(phase) for phase in all_phases[1:]), "the test shows some templates"
    assert any(GuidePage.for_phase(phase) for phase in all_phases[1:]), "the test shows some guides"
    assert any(phase.partner_types.exists() for phase in all_phases[1:]), "the test shows some partner types"

    for _item_id, text in items(first) + items(third)[:2]:
        assert text not in plan, "a ticked item is not missing"
    done = re.search(r'<section class="readiness-plan-done".*?</section>', plan, re.S).group(0)
    assert f"<li>1. {first.title}</li>" in done and f"3. {third.title}" not in done
    # The form comes back with the ticks kept.
    for item_id in ticked:
        assert f'value="{item_id}" id="item-{item_id}" checked>' in body
    assert body.count(" checked>") == len(ticked)


def test_the_partner_type_links_filter_the_partner_directory(content, client):
    third = phases("fi")[2]
    partner_type = third.partner_types.first()
    plan = plan_of(text_of(post(client, assessment_url("fi"), [])))
    link = re.search(rf'<a href="([^"]+)">{re.escape(partner_type.name)}</a>', phase_sections(plan)[3]).group(1)
    listing = text_of(client.get(link))
    assert "result__meta" in listing
    metas = re.findall(r'<p class="result__meta">([^<·]+)', listing)
    assert metas and {meta.strip() for meta in metas} == {partner_type.name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_no_ticks_the_page_has_no_plan_and_the_plan_lists_every_phase(content, client, language):
    assert "readiness-plan" not in text_of(client.get(assessment_url(language)))
    plan = plan_of(text_of(post(client, assessment_url(language))))
    assert list(phase_sections(plan)) == [phase.number for phase in phases(language)]
    assert "readiness-plan-done" not in plan


def test_with_every_item_ticked_the_plan_says_all_is_done(content, client):
    every = [item_id for phase in phases() for item_id, _text in items(phase)]
    plan = plan_of(text_of(post(client, assessment_url(), every)))
    assert phase_sections(plan) == {}
    assert ui("fi", "Everything on these checklists is done.") in plan
    assert len(re.findall(r"<li>\d+\. ", plan)) == len(phases())


def test_the_plan_of_phase_3_alone_covers_only_phase_3(content, client):
    third = phases()[2]
    ticked = [items(third)[0][0]]
    plan = plan_of(text_of(post(client, assessment_url() + "?phase=3", ticked)))
    assert list(phase_sections(plan)) == [3]
    summary = progress("fi", 1, len(items(third)))
    assert f'<p class="readiness-summary">{summary}</p>' in plan


# --- Nothing stored unless asked ------------------------------------------------------------------------------------


def test_nothing_is_stored_for_a_plan_or_its_pdf(content, client):
    ticked = [items(phases()[0])[0][0]]
    before = table_counts()
    assert post(client, assessment_url(), ticked).status_code == 200
    assert post(client, assessment_url(), ticked, action="pdf").status_code == 200
    assert client.get(assessment_url(), {"phase": "3"}).status_code == 200
    assert table_counts() == before
    assert SavedAssessment.objects.count() == 0


def test_a_plan_and_a_saved_link_are_never_cached(content, client):
    for response in (
        post(client, assessment_url()),
        post(client, assessment_url(), action="pdf"),
        post(client, assessment_url(), action="save"),
        client.get(assessment_url(), {"saved": SavedAssessment.objects.get().token}),
        client.get(assessment_url(), {"saved": "x"}),
    ):
        assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_saved_link_restores_the_ticks_and_the_plan_until_it_is_erased(content, client, language):
    url = assessment_url(language)
    phase = phases(language)[1]
    ticked = [item_id for item_id, _text in items(phase)[:3]]
    response = post(client, url, ticked, action="save")
    assert response.status_code == 200
    saved = SavedAssessment.objects.get()
    assert len(saved.token) == 43 and saved.language == language and saved.done == ticked
    assert abs(saved.expires - (timezone.now() + KEEP_FOR)) < timedelta(minutes=1)
    assert {field.name for field in SavedAssessment._meta.fields} == {
        "id",
        "token",
        "language",
        "done",
        "created",
        "updated",
        "expires",
    }
    body = text_of(response)
    link = f"http://testserver{ReadinessPage.objects.get(locale__language_code=language).url}?saved={saved.token}"
    assert f'<a href="{link}">{link}</a>' in body
    assert saved.expires.strftime("%Y") in body
    assert ui(language, "Your ticks are saved. Keep the link below to come back to them.") in body
    assert "readiness-plan" in body

    restored = client.get(url, {"saved": saved.token})
    assert restored.status_code == 200
    body = text_of(restored)
    for item_id in ticked:
        assert f'value="{item_id}" id="item-{item_id}" checked>' in body
    assert body.count(" checked>") == len(ticked)
    assert [text for item_id, text in items(phase) if item_id not in ticked] == re.findall(
        r"<li>(.*?)</li>",
        phase_sections(plan_of(body))[phase.number].split('<ul class="readiness-missing">')[1].split("</ul>")[0],
    )
    assert f'<input type="hidden" name="saved" value="{saved.token}">' in body
    assert f'form="readiness-form" name="action" value="erase">{ui(language, "Erase this saved assessment")}' in body

    erased = post(client, url, ticked, action="erase", saved=saved.token)
    assert erased.status_code == 200
    assert not SavedAssessment.objects.exists()
    body = text_of(erased)
    erased_message = (
        "The saved assessment is erased. Your ticks are still in the form below, but the site no longer keeps them."
    )
    assert ui(language, erased_message) in body
    assert "readiness-saved" not in body and 'name="saved"' not in body
    assert body.count(" checked>") == len(ticked), "the ticks stay in the form"

    gone = client.get(url, {"saved": saved.token})
    assert gone.status_code == 404
    assert ui(language, "This saved assessment is not available") in text_of(gone)
    assert "readiness-plan" not in text_of(gone)


def test_saving_again_keeps_the_link_and_starts_the_90_days_again(content, client):
    url = assessment_url()
    first, third = phases()[0], phases()[2]
    post(client, url, [items(first)[0][0]], action="save")
    saved = SavedAssessment.objects.get()
    SavedAssessment.objects.filter(pk=saved.pk).update(expires=timezone.now() + timedelta(days=5))
    post(client, url + "?phase=3", [items(third)[0][0]], action="save", saved=saved.token)
    again = SavedAssessment.objects.get()
    assert again.token == saved.token
    assert again.done == [items(first)[0][0], items(third)[0][0]], "ticks outside phase 3 are kept"
    assert again.expires > timezone.now() + KEEP_FOR - timedelta(minutes=1)


def test_an_expired_link_gives_a_clear_message_and_the_daily_cleanup_deletes_it(content, client):
    now = timezone.now()
    old = SavedAssessment.keep(["x"], "fi", now=now - KEEP_FOR - timedelta(minutes=1))
    live = SavedAssessment.keep(["y"], "fi", now=now - KEEP_FOR + timedelta(hours=1))
    response = client.get(assessment_url(), {"saved": old.token})
    assert response.status_code == 404
    assert ui("fi", "This saved assessment is not available") in text_of(response)
    assert client.get(assessment_url(), {"saved": live.token}).status_code == 200

    call_command("remove_personal_data", "--dry-run", stdout=io.StringIO())
    assert SavedAssessment.objects.count() == 2
    out = io.StringIO()
    call_command("remove_personal_data", stdout=out)
    assert "hub.readiness.retention.remove_personal_data: changed 1" in out.getvalue()
    assert list(SavedAssessment.objects.values_list("token", flat=True)) == [live.token]


def test_saving_is_limited_like_the_other_public_forms(content, client, settings):
    settings.FORM_RATE_LIMIT = 2
    url = assessment_url()
    assert post(client, url, action="save").status_code == 200
    assert post(client, url, action="save").status_code == 200
    refused = post(client, url, [items(phases()[0])[0][0]], action="save")
    assert refused.status_code == 429
    body = text_of(refused)
    with translation.override("fi"):
        assert str(RATE_LIMIT_MESSAGE) in body
    assert body.count(" checked>") == 1, "the ticks are kept"
    assert SavedAssessment.objects.count() == 2


# --- Hostile input --------------------------------------------------------------------------------------------------


def test_unknown_values_are_ignored(content, client):
    first = phases()[0]
    response = post(client, assessment_url(), [items(first)[0][0], "x", "<script>alert(1)</script>", "", "1" * 500])
    assert response.status_code == 200
    body = text_of(response)
    assert "<script>alert(1)</script>" not in response.content.decode()
    total = sum(len(items(phase)) for phase in phases())
    assert f'<p class="readiness-summary">{progress("fi", 1, total)}</p>' in body


@pytest.mark.parametrize(
    "query",
    [
        {"saved": ""},
        {"saved": "x"},
        {"saved": "<script>alert(1)</script>"},
        {"saved": "A" * 43},
        {"saved": "A" * 5000},
        {"saved": "ä" * 43},
        {"phase": "abc"},
        {"phase": "99"},
        {"phase": "-1"},
        {"phase": "9" * 100},
        {"phase": "0"},
    ],
)
def test_bad_queries_never_give_an_error_page(content, client, query):
    response = client.get(assessment_url(), query)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert body.count("<legend>") == len(phases()), "the whole form is there"
    if "saved" in query:
        assert response.status_code == 404
        assert ui("fi", "This saved assessment is not available") in html.unescape(body)


def test_hostile_posts_never_give_an_error_page(content, client):
    url = assessment_url()
    assert post(client, url, action="what").status_code == 200
    assert post(client, url, action="erase").status_code == 200
    assert post(client, url, action="erase", saved="x" * 10_000).status_code == 200
    assert post(client, url, action="save", saved="<script>").status_code == 200
    assert client.post(url, {"done": ["x"] * 10_000}).status_code == 400, "too many fields is a bad request"
    assert client.post(url, "not a form", content_type="application/json").status_code == 200
    assert client.post(url, {"done": "x" * 100_000}).status_code in (200, 413)
    for method in (client.put, client.delete, client.patch):
        assert method(url).status_code == 405
    assert SavedAssessment.objects.count() == 1, "only the one save with a bad token made a new link"


def test_a_post_without_the_csrf_token_is_refused(content):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(assessment_url(), {"action": "plan"})
    assert response.status_code == 403


# --- The PDF --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_has_the_missing_items_and_not_the_done_ones(content, client, language):
    all_phases = phases(language)
    ticked_items = items(all_phases[0]) + items(all_phases[2])[:4]
    response = post(client, assessment_url(language), [item_id for item_id, _text in ticked_items], action="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    page = ReadinessPage.objects.get(locale__language_code=language)
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == page.title
    text = re.sub(r"\s+", " ", " ".join(pdf_page.extract_text() for pdf_page in reader.pages))
    assert page.title in text
    for phase in all_phases[1:]:
        assert f"{phase.number}. {phase.title}" in text
        for item_id, item_text in items(phase):
            if (item_id, item_text) not in ticked_items:
                assert item_text in text
    for _item_id, item_text in ticked_items:
        assert item_text not in text
    assert f"1. {all_phases[0].title}" in text, "listed as done"
    assert ui(language, "The site did not store the ticks.") in text
    assert SavedAssessment.objects.count() == 0


# --- Queries and privacy --------------------------------------------------------------------------------------------


def test_the_plan_takes_few_queries_however_many_phases_are_missing(content, client, django_assert_max_num_queries):
    url = assessment_url()
    post(client, url)  # warm caches shared by every page
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    # The page's own 15, then for all the phases together the view restrictions, the templates, the guides and the
    # partner directory.
    with django_assert_max_num_queries(20):
        assert post(client, url).status_code == 200
    every_but_one = [item_id for phase in phases() for item_id, _text in items(phase)][1:]
    with django_assert_max_num_queries(20):
        assert post(client, url, every_but_one).status_code == 200


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "Valmiusarvio"), ("sv", "bedömningen av beredskapen"), ("en", "readiness self-assessment")],
)
def test_the_privacy_notice_says_what_a_saved_assessment_keeps(content, client, language, words):
    slugs = ["tietosuojaseloste", "dataskyddsbeskrivning", "privacy-notice"]
    notice = StandardPage.objects.get(locale__language_code=language, slug__in=slugs)
    body = text_of(client.get(notice.url))
    assert words in body and "90" in body
