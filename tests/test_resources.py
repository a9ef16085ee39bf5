"""Templates: real files generated from sources in the repo, listed with format and size, linked to phases."""

import datetime
import io
import re
import zipfile

import pypdf
import pytest
from django.utils import translation
from django.utils.formats import date_format
from odf import opendocument, table, teletype, text
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from handbook.models import PhasePage
from hub.resources.loader import store_document, with_sources
from hub.resources.models import ResourceIndexPage, ResourcePage
from hub.resources.template_documents import build_ods, build_odt, build_pdf

from .factories import ResourceIndexPageFactory, ResourcePageFactory
from .helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

SOURCE = {
    "title": "Kyläkysely",
    "intro": "Vastaa nimettömänä.\n\nKiitos!",
    "sections": [
        {
            "heading": "Palvelut",
            "text": "Mitä tarvitsette?",
            "items": ["Polttopuut"],
            "checklist": ["Hallitus on päättänyt asiasta"],
            "questions": [
                {"text": "Kuinka usein?", "choices": ["Viikoittain", "Kuukausittain"]},
                {"text": "Mitä muuta?"},
            ],
        },
        {
            "heading": "Hinnat",
            "table": {
                "name": "Hinnasto",
                "columns": ["Palvelu", "Yksikkö", "Hinta"],
                "rows": [["Lumityöt", "tunti"], ["Polttopuut", "m³", 1]],
                "blank_rows": 3,
            },
        },
    ],
}


def odf_text(data):
    document = opendocument.load(io.BytesIO(data))
    return document, "\n".join(teletype.extractText(p) for p in document.getElementsByType(text.P))


def test_odt_is_an_opendocument_text_with_everything_in_the_source():
    data = build_odt(SOURCE, "fi")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    document, content = odf_text(data)
    for expected in (
        "Kyläkysely",
        "Vastaa nimettömänä.",
        "Palvelut",
        "• Polttopuut",
        "☐ Hallitus on päättänyt asiasta",
    ):
        assert expected in content
    assert "1. Kuinka usein?" in content and "☐ Viikoittain    ☐ Kuukausittain" in content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert 'fo:language="fi"' in archive.read("styles.xml").decode(), "spell-checked as Finnish"
    grid = document.getElementsByType(table.Table)[0]
    assert len(grid.getElementsByType(table.TableRow)) == 1 + 2 + 3, "header, filled rows and blank rows"


def test_ods_is_a_spreadsheet_with_a_sheet_per_table():
    data = build_ods(SOURCE, "sv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    document, content = odf_text(data)
    sheets = document.getElementsByType(table.Table)
    assert [sheet.getAttribute("name") for sheet in sheets] == ["Hinnasto"]
    assert "Kyläkysely" in content and "Mitä muuta?" in content, "text sections land above the first table"
    numbers = [
        cell for cell in sheets[0].getElementsByType(table.TableCell) if cell.getAttribute("valuetype") == "float"
    ]
    assert [cell.getAttribute("value") for cell in numbers] == ["1"]


def test_pdf_is_tagged_in_the_right_language_and_holds_the_text():
    reader = pypdf.PdfReader(io.BytesIO(build_pdf(SOURCE, "fi")))
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Kyläkysely"
    content = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Kyläkysely", "Kuinka usein?", "Lumityöt", "Hallitus on päättänyt asiasta"):
        assert expected in content


def test_every_template_ships_an_opendocument_file_and_a_pdf_in_each_language(client, content):
    for language in ("fi", "sv", "en"):
        resources = ResourcePage.objects.live().filter(locale__language_code=language)
        assert resources.count() == 14, language
        for resource in resources:
            documents = [block.value for block in resource.files]
            extensions = sorted(document.file_extension for document in documents)
            assert extensions == sorted(["pdf", "odt" if resource.format == "document" else "ods"]), resource.title
            assert resource.language == language and resource.licence == "CC BY 4.0"
            for document in documents:
                assert document.file_size > 1000, document.title


def test_translations_have_files_in_their_own_language(content):
    finnish = ResourcePage.objects.get(locale__language_code="fi", slug="kylakysely")
    for language in ("sv", "en"):
        translated = finnish.get_translation(Locale.objects.get(language_code=language))
        pdf = next(block.value for block in translated.files if block.value.file_extension == "pdf")
        with pdf.open_file() as handle:
            reader = pypdf.PdfReader(io.BytesIO(handle.read()))
        assert reader.trailer["/Root"]["/Lang"] == language
        assert reader.metadata.title != finnish.title


def test_a_template_downloads_as_the_stored_file(client, content):
    resource = ResourcePage.objects.get(locale__language_code="fi", slug="kylakysely")
    document = next(block.value for block in resource.files if block.value.file_extension == "odt")
    response = client.get(document.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:2] == b"PK" and len(body) == document.file_size


def test_listing_shows_format_size_language_licence_and_phases(client, content):
    index = ResourceIndexPage.objects.get(locale__language_code="fi")
    html = client.get(index.url).content.decode()
    assert re.search(r"Lataa Kyläkysely lähipalvelujen tarpeista \(ODT, [\d,]+\xa0?k?B?t?[^)]*\)", html)
    assert re.search(r"\(PDF, [\d,]+", html)
    assert "Tekstiasiakirja · Suomi · Lisenssi: CC BY 4.0 · Vaiheet 4" in html


def test_listing_filters_by_phase_and_format(client, content):
    index = ResourceIndexPage.objects.get(locale__language_code="fi")
    html = client.get(index.url, {"format": "spreadsheet"}).content.decode()
    found = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    assert len(found) == ResourcePage.objects.filter(locale__language_code="fi", format="spreadsheet").count() == 4
    html = client.get(index.url, {"format": "spreadsheet", "phase": "8"}).content.decode()
    expected = ResourcePage.objects.filter(locale__language_code="fi", format="spreadsheet", phases__number=8)
    assert len(re.findall(r"<h3><a ", html)) == expected.count() == 2
    html = client.get(index.url, {"format": "other"}).content.decode()
    assert "Rajauksia vastaavia pohjia ei löytynyt." in html
    assert client.get(index.url, {"format": "<x>", "phase": "zz"}).status_code == 200


def test_phase_pages_link_their_templates_and_templates_their_phases(client, content):
    swedish = Locale.objects.get(language_code="sv")
    resource = ResourcePage.objects.get(locale__language_code="fi", slug="kylakysely").get_translation(swedish)
    phase = PhasePage.objects.get(locale__language_code="sv", number=4)
    phase_html = client.get(phase.url).content.decode()
    assert f'href="{resource.url}"' in phase_html
    assert re.search(r'href="/documents/\d+/[^"]+\.pdf" download', phase_html)
    assert f'href="{phase.url}"' in client.get(resource.url).content.decode()


def test_reloading_a_changed_source_replaces_the_file_in_place(content, django_capture_on_commit_callbacks):
    first = store_document("Testipohja (ODT)", "testipohja.odt", build_odt(SOURCE, "fi"))
    replaced, storage = first.file.name, first.file.storage
    changed = {**SOURCE, "title": "Kyläkysely 2"}
    with django_capture_on_commit_callbacks() as on_commit:
        second = store_document("Testipohja (ODT)", "testipohja.odt", build_odt(changed, "fi"))
    assert storage.exists(replaced), "the old file stays until the new one is committed"
    for callback in on_commit:
        callback()
    assert not storage.exists(replaced) and storage.exists(second.file.name)
    assert second.pk == first.pk
    with second.open_file() as handle:
        assert "Kyläkysely 2" in odf_text(handle.read())[1]
    assert get_document_model().objects.filter(title="Testipohja (ODT)").count() == 1


def test_index_queries_are_the_same_with_20_and_200_templates(client, content, django_assert_max_num_queries):
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    index = ResourceIndexPageFactory(parent=home)
    document = store_document("Yhteinen pohja (PDF)", "yhteinen.pdf", b"%PDF-1.4 test")
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)

    def add_resources(count):
        for _ in range(count):
            resource = ResourcePageFactory(parent=index, files=[("file", document)])
            resource.phases = [phase]
            resource.save_revision().publish()

    assert_queries_do_not_grow(client, index.url + "?phase=4", add_resources, django_assert_max_num_queries)


def test_index_and_template_tree_rules(home_page):
    assert ResourceIndexPage.can_create_at(home_page)
    index = ResourceIndexPageFactory(parent=home_page)
    assert ResourcePage.can_create_at(index)
    assert not ResourcePage.can_create_at(home_page)


def _date_in(language):
    with translation.override(language):
        return date_format(datetime.date(2026, 12, 3))


@pytest.mark.parametrize(
    ("language", "heading", "checked"),
    [("fi", "Lähteet", "tarkistettu"), ("sv", "Källor", "kontrollerad"), ("en", "Sources", "checked")],
)
def test_a_templates_sources_print_at_its_end_with_their_check_dates(language, heading, checked):
    url = "https://www.finlex.fi/fi/laki/ajantasa/2001/20010055"
    sources = [{"title": "Työsopimuslaki", "url": url, "checked": datetime.date(2026, 12, 3)}]
    document = with_sources(SOURCE, sources, language)
    assert document["sections"][:-1] == SOURCE["sections"]
    assert document["sections"][-1] == {
        "heading": heading,
        "items": [f"Työsopimuslaki: {url} ({checked} {_date_in(language)})"],
    }
    assert with_sources(SOURCE, [], language) is SOURCE


def test_a_template_with_sources_lists_them_on_its_page_and_at_the_end_of_its_pdf(content, client):
    resources = [page for page in ResourcePage.objects.live().filter(locale__language_code="fi") if page.sources]
    assert resources
    for resource in resources:
        html = client.get(resource.url).content.decode()
        pdf = next(
            document
            for document in get_document_model().objects.filter(pk__in=resource.document_ids())
            if document.file.name.endswith(".pdf")
        )
        with pdf.file.open("rb") as handle:
            printed = " ".join(sheet.extract_text() for sheet in pypdf.PdfReader(handle).pages)
        printed = " ".join(printed.split())
        assert "Lähteet" in printed
        for source in resource.sources:
            assert f'href="{source.value["url"]}"' in html
            assert source.value["title"] in printed
