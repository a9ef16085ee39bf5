"""Loads the template index and the templates from `hub/resources/content/<language>/`, generating their files.

See `content/SCHEMA.md`. Each language's files are generated from that language's source and stored as
Wagtail documents; reloading a changed source replaces the files in place, so their addresses stay.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from handbook.phases import source_phases
from hub.core.loader import ContentFolder, apply_page_basics, paragraphs, source_link

from .models import ResourceIndexPage, ResourcePage
from .schema import ResourceFile
from .template_documents import build_files, builder_version

CONTENT = Path(__file__).resolve().parent / "content"
LICENCES = {"CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/"}


def store_document(title, filename, data):
    """The document titled `title`, created or with its file replaced by `data`.

    A replaced file is deleted only once the new one is committed, so that a load that fails or is rolled back
    leaves the document with a file.
    """
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first() or document_model(title=title)
    replaced = document.file.name if document.pk and document.file else None
    content = ContentFile(data)
    # The size and hash Wagtail's upload form records, taken from the bytes in hand rather than read back.
    document.file_size = content.size
    document.file_hash = hash_filelike(content)
    document.file.save(filename, content, save=False)
    if replaced:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    document.save()
    return document


def with_sources(document, sources, language):
    """The template's text with its sources as a last section, so that the printed and the editable file name them."""
    if not sources:
        return document
    with translation.override(language):
        items = [
            f"{source['title']}: {source['url']}"
            + (f" ({gettext('checked')} {date_format(source['checked'])})" if source.get("checked") else "")
            for source in sources
        ]
        section = {"heading": gettext("Sources"), "items": items}
    return {**document, "sections": [*document["sections"], section]}


def _apply_resource(page, data):
    apply_page_basics(page, data)
    page.description = paragraphs(data.get("description", ""))
    page.format = data["format"]
    page.phases = source_phases(data.get("phases"))
    language = page.locale.language_code
    page.language = language
    page.licence = data["licence"]
    page.licence_url = LICENCES.get(data["licence"], "")
    page.content_checked = data.get("checked")
    page.sources = [("link", source_link(source)) for source in data.get("sources", [])]
    document = with_sources(data["document"], data.get("sources"), language)
    page.files = [
        ("file", store_document(f"{data['title']} ({extension.upper()})", f"{data['file_name']}.{extension}", content))
        for extension, content in build_files(document, data["format"], language)
    ]


def _validate_resource(data, path, source):
    ResourceFile.check(data, path, source)
    # The page is reloaded, and its files rebuilt, when the code that builds them changes, not only its source.
    return {**data, "builder": builder_version()}


def load(run):
    ContentFolder("resources", CONTENT).sync_section(
        run,
        index_model=ResourceIndexPage,
        child_model=ResourcePage,
        subfolder="resources",
        validate=_validate_resource,
        apply=_apply_resource,
    )
