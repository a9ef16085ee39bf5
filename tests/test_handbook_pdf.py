"""The whole handbook as one PDF per language: what it holds, that it is tagged, when it is rebuilt and where it is
linked. Each build lays out some sixty pages, so each test builds only what it needs."""

import io
import re
from datetime import date

import pypdf
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from handbook.models import HandbookPage, PhasePage
from hub.handbook_pdf.build import build
from hub.handbook_pdf.models import HandbookDocument
from hub.resources.models import ResourcePage

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CHECKED = date(2026, 11, 30)
CONTENTS = {"fi": "Sisältö", "sv": "Innehåll", "en": "Contents"}


@pytest.fixture(autouse=True)
def rebuild_on_publish(settings):
    """On as on a live site; the rest of the suite turns it off (hub/settings/test.py)."""
    settings.HANDBOOK_PDF_REBUILD_ON_PUBLISH = True


def handbook(language):
    return HandbookPage.objects.get(locale__language_code=language)


def pdf_of(document):
    with document.file.open("rb") as handle:
        return handle.read()


def run_queued_tasks():
    """What `manage.py db_worker --batch` does with each queued task, without the worker's closing of the database
    connection between tasks, which would end the test's transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    for task_result in DBTaskResult.objects.ready():
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)


def flat(text):
    """The text with every run of white space as one space: PDF text breaks lines wherever the layout did."""
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pdf_holds_the_canvas_the_actors_every_phase_the_templates_and_the_check_date(language):
    page = handbook(language)
    HandbookPage.objects.filter(pk=page.pk).update(content_checked=CHECKED)

    document = build(language)

    data = pdf_of(document)
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [flat(pdf_page.extract_text()) for pdf_page in reader.pages]
    text = " ".join(pages)
    assert re.fullmatch(rf"kasikirja/kyla-tyollistaa-kasikirja-{language}(_\w+)?\.pdf", document.file.name)
    assert document.page_count == len(reader.pages) > 40
    assert document.size == len(data)
    assert document.content_checked == CHECKED
    print(f"{language}: {document.page_count} pages, {document.size} bytes")

    phases = list(PhasePage.objects.child_of(page).live().order_by("number"))
    assert len(phases) == 11
    for phase in phases:
        assert flat(phase.title) in text
    for block in page.actors:
        assert flat(block.value["name"]) in text
        assert flat(block.value["role"]) in text
    for block in page.perspectives:
        assert flat(block.value["heading"]) in text
        for item in block.value["items"]:
            assert flat(item) in text
    templates = ResourcePage.objects.live().filter(locale__language_code=language)
    assert templates.exists()
    for resource in templates:
        assert flat(resource.title) in text
    with translation.override(language):
        assert formats.date_format(CHECKED, "DATE_FORMAT") in pages[0]

    contents = pages[1]
    assert contents.startswith(CONTENTS[language]) or CONTENTS[language] in contents
    numbered = re.findall(r"(\d+)\s*:\s*[^.]+?[ .]+(\d+)(?= |$)", contents)
    assert [int(number) for number, _page in numbered] == list(range(1, 12))
    for number, page_number in numbered:
        heading_page = pages[int(page_number) - 1]
        assert flat(phases[int(number) - 1].title) in heading_page, f"phase {number} is not on page {page_number}"

    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] in (True, "true")
    assert root["/Lang"] == language
    assert reader.metadata.title.startswith(page.title)
    assert [item.title for item in reader.outline[0:1]] == [page.title]


def test_unchanged_content_is_not_built_again_and_changed_content_is(django_capture_on_commit_callbacks):
    first = build("fi")
    name, built_at = first.file.name, first.built_at

    again = build("fi")
    assert (again.file.name, again.built_at) == (name, built_at)

    phase = PhasePage.objects.get(locale__language_code="fi", number=3)
    phase.title = "Toimintaympäristö analysoidaan uudella otsikolla"
    phase.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = build("fi")
    assert rebuilt.file.name != name
    assert not rebuilt.file.storage.exists(name)
    assert "Toimintaympäristö analysoidaan uudella otsikolla" in flat(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_of(rebuilt))).pages)
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_unpublishing_a_phase_queues_a_build_that_the_worker_runs_not_the_request(
    admin_client, django_capture_on_commit_callbacks
):
    phase = PhasePage.objects.get(locale__language_code="sv", number=5)
    sv = Locale.objects.get(language_code="sv")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{phase.pk}/unpublish/")

    assert response.status_code == 302
    queued = DBTaskResult.objects.filter(task_path="hub.handbook_pdf.tasks.build_handbook_pdf")
    assert [(task.status, task.args_kwargs["args"]) for task in queued] == [("READY", ["sv"])]
    assert not HandbookDocument.objects.filter(locale=sv).exists()

    run_queued_tasks()

    assert [task.status for task in queued.all()] == ["SUCCESSFUL"]
    document = HandbookDocument.objects.get(locale=sv)
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_of(document))).pages))
    assert flat(PhasePage.objects.get(locale=sv, number=4).title) in text
    assert flat(phase.title) not in text


@override_settings(TASKS=DATABASE_TASKS)
def test_publishing_a_template_queues_a_build_of_its_language_only(django_capture_on_commit_callbacks):
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()

    with django_capture_on_commit_callbacks(execute=True):
        resource.save_revision().publish()

    queued = DBTaskResult.objects.filter(task_path="hub.handbook_pdf.tasks.build_handbook_pdf")
    assert [task.args_kwargs["args"] for task in queued] == [["en"]]
    assert not HandbookDocument.objects.exists()


def test_the_handbook_and_its_phases_say_the_pdf_is_being_prepared_until_it_is_built(client):
    for page in [handbook("fi"), PhasePage.objects.get(locale__language_code="fi", number=2)]:
        html = client.get(page.url).content.decode()
        assert "Koko käsikirjan PDF-tiedostoa kootaan parhaillaan." in html
        assert "/media/kasikirja/" not in html


def test_the_handbook_and_its_phases_link_to_the_built_pdf(client):
    document = build("en")
    with translation.override("en"):
        # The page shows the day in the site's time zone: after 22:00 UTC it is already tomorrow in Helsinki.
        built = formats.date_format(timezone.localtime(document.built_at), "DATE_FORMAT")
    link = (
        f'<a href="{document.file.url}" type="application/pdf" hreflang="en" '
        f'download="kyla-tyollistaa-kasikirja-en.pdf">The whole handbook as a PDF file '
        f"({document.page_count} pages, "
    )
    for page in [handbook("en"), PhasePage.objects.get(locale__language_code="en", number=7)]:
        html = client.get(page.url).content.decode()
        assert link in html
        assert f"compiled {built})</a>" in html
        assert "being prepared" not in html


@pytest.mark.parametrize("built", [False, True])
def test_the_link_costs_a_phase_page_one_query(client, built):
    if built:
        build("fi")
    phase = PhasePage.objects.get(locale__language_code="fi", number=6)
    client.get(phase.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(phase.url).status_code == 200
    assert len([query for query in queries if "handbook_pdf" in query["sql"]]) == 1


def test_without_a_published_handbook_there_is_no_pdf_and_a_built_one_is_removed(django_capture_on_commit_callbacks):
    document = build("sv")
    name, storage = document.file.name, document.file.storage
    handbook("sv").unpublish()

    with django_capture_on_commit_callbacks(execute=True):
        assert build("sv") is None
    assert not HandbookDocument.objects.filter(locale__language_code="sv").exists()
    assert not storage.exists(name)


@override_settings(TASKS=DATABASE_TASKS)
def test_with_rebuilds_off_a_publish_queues_nothing(settings, django_capture_on_commit_callbacks):
    settings.HANDBOOK_PDF_REBUILD_ON_PUBLISH = False
    phase = PhasePage.objects.get(locale__language_code="sv", number=4)
    with django_capture_on_commit_callbacks(execute=True):
        phase.save_revision().publish()
    assert not DBTaskResult.objects.filter(task_path="hub.handbook_pdf.tasks.build_handbook_pdf").exists()
