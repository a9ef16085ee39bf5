"""Builds a template's downloadable files from its source in the repository.

The source is the `document` of a resource content file (see `content/SCHEMA.md`): a title, an intro and
sections of text, bullet items, checklists, questions and tables. From it come an OpenDocument text
(`.odt`) or spreadsheet (`.ods`) to fill in and adapt, and a tagged PDF to print.
"""

import hashlib
import io
import json
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template, render_to_string
from odf import table, text
from odf.dc import Language, Title
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import (
    DefaultStyle,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TextProperties,
)

from hub.core.content import split_paragraphs

BOX = "\u2610"
DEFAULT_LINES = 2
FONT = "DejaVu Sans"
PDF_TEMPLATE = "resources/template_document.html"


def questions(section):
    """The section's questions with their number of writing lines filled in."""
    return [
        {**question, "lines": question.get("lines", 0 if question.get("choices") else DEFAULT_LINES)}
        for question in section.get("questions", [])
    ]


def _style(document, name, family, *properties, automatic=True):
    style = Style(name=name, family=family)
    for prop in properties:
        style.addElement(prop)
    (document.automaticstyles if automatic else document.styles).addElement(style)
    return style


class _OdfStyles:
    def __init__(self, document):
        self.title = _style(
            document, "Title", "paragraph", TextProperties(fontsize="18pt", fontweight="bold", fontname=FONT)
        )
        self.heading = _style(
            document,
            "SectionHeading",
            "paragraph",
            TextProperties(fontsize="13pt", fontweight="bold", fontname=FONT),
            ParagraphProperties(margintop="0.4cm", marginbottom="0.15cm", keepwithnext="always"),
        )
        self.body = _style(
            document,
            "Body",
            "paragraph",
            TextProperties(fontsize="10.5pt", fontname=FONT),
            ParagraphProperties(marginbottom="0.15cm"),
        )
        self.strong = _style(
            document,
            "Question",
            "paragraph",
            TextProperties(fontsize="10.5pt", fontweight="bold", fontname=FONT),
            ParagraphProperties(margintop="0.2cm", keepwithnext="always"),
        )
        self.line = _style(
            document,
            "WritingLine",
            "paragraph",
            TextProperties(fontsize="10.5pt", fontname=FONT),
            ParagraphProperties(borderbottom="0.5pt solid #777777", margintop="0.35cm"),
        )
        self.cell = _style(
            document,
            "Cell",
            "table-cell",
            TableCellProperties(border="0.5pt solid #777777", padding="0.1cm"),
        )
        self.header_cell = _style(
            document,
            "HeaderCell",
            "table-cell",
            TableCellProperties(border="0.5pt solid #777777", padding="0.1cm", backgroundcolor="#e8eef2"),
        )


def _cell(value, style, paragraph_style=None):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = table.TableCell(valuetype="float", value=value, stylename=style)
    else:
        cell = table.TableCell(valuetype="string", stylename=style)
    if value not in (None, ""):
        cell.addElement(
            text.P(text=str(value), stylename=paragraph_style) if paragraph_style else text.P(text=str(value))
        )
    return cell


def _table(spec, name, styles, paragraph_style=None, column_width=None):
    columns = spec["columns"]
    grid = table.Table(name=name)
    for _column in columns:
        if column_width is not None:
            grid.addElement(table.TableColumn(stylename=column_width))
        else:
            grid.addElement(table.TableColumn())
    header = table.TableRow()
    for heading in columns:
        header.addElement(_cell(heading, styles.header_cell, paragraph_style))
    grid.addElement(header)
    for row in spec.get("rows", []):
        cells = list(row) + [""] * (len(columns) - len(row))
        line = table.TableRow()
        for value in cells[: len(columns)]:
            line.addElement(_cell(value, styles.cell, paragraph_style))
        grid.addElement(line)
    for _blank in range(spec.get("blank_rows", 0)):
        line = table.TableRow()
        for _column in columns:
            line.addElement(_cell("", styles.cell, paragraph_style))
        grid.addElement(line)
    return grid


def _text_elements(section, styles):
    """The section's paragraphs, items, checklist and questions as ODF paragraphs."""
    elements = []
    if section.get("heading"):
        elements.append(text.P(text=section["heading"], stylename=styles.heading))
    elements += [text.P(text=paragraph, stylename=styles.body) for paragraph in split_paragraphs(section.get("text"))]
    elements += [text.P(text=f"\u2022 {item}", stylename=styles.body) for item in section.get("items", [])]
    elements += [text.P(text=f"{BOX} {item}", stylename=styles.body) for item in section.get("checklist", [])]
    for number, question in enumerate(questions(section), start=1):
        elements.append(text.P(text=f"{number}. {question['text']}", stylename=styles.strong))
        if question.get("choices"):
            choices = "    ".join(f"{BOX} {choice}" for choice in question["choices"])
            elements.append(text.P(text=choices, stylename=styles.body))
        elements += [text.P(text="", stylename=styles.line) for _line in range(question["lines"])]
    return elements


def _save(document):
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def build_odt(source, language):
    document = OpenDocumentText()
    styles = _OdfStyles(document)
    _describe(document, source, language)
    body = document.text
    body.addElement(text.P(text=source["title"], stylename=styles.title))
    for paragraph in split_paragraphs(source.get("intro")):
        body.addElement(text.P(text=paragraph, stylename=styles.body))
    for number, section in enumerate(source.get("sections", []), start=1):
        for element in _text_elements(section, styles):
            body.addElement(element)
        if section.get("table"):
            body.addElement(_table(section["table"], f"Taulukko{number}", styles, styles.body))
    return _save(document)


def build_ods(source, language):
    """A spreadsheet: each table is a sheet, with its section's text above it; the title and intro open the first."""
    document = OpenDocumentSpreadsheet()
    styles = _OdfStyles(document)
    _describe(document, source, language)
    wide = _style(document, "WideColumn", "table-column", TableColumnProperties(columnwidth="4.5cm"))
    pending = [{"heading": source["title"], "text": source.get("intro", "")}]
    sheets = []
    for section in source.get("sections", []):
        if not section.get("table"):
            pending.append(section)
            continue
        spec = section["table"]
        sheet = table.Table(name=(spec.get("name") or section.get("heading") or source["title"])[:31])
        for _column in spec["columns"]:
            sheet.addElement(table.TableColumn(stylename=wide))
        pending.append({key: value for key, value in section.items() if key != "table"})
        _add_note_rows(sheet, pending, styles)
        pending = []
        grid = _table(spec, "", styles)
        for row in grid.getElementsByType(table.TableRow):
            sheet.addElement(row)
        sheets.append(sheet)
    if sheets:
        _add_note_rows(sheets[-1], pending, styles)
    for sheet in sheets:
        document.spreadsheet.addElement(sheet)
    return _save(document)


def _add_note_rows(sheet, sections, styles):
    """The sections' text, a paragraph per row in the first column."""
    for section in sections:
        for element in _text_elements(section, styles):
            cell = table.TableCell(valuetype="string")
            cell.addElement(element)
            row = table.TableRow()
            row.addElement(cell)
            sheet.addElement(row)


def build_pdf(source, language):
    from weasyprint import HTML

    html = render_to_string(
        PDF_TEMPLATE,
        {
            "source": source,
            "language": language,
            "intro": split_paragraphs(source.get("intro")),
            "sections": [
                {
                    **section,
                    "paragraphs": split_paragraphs(section.get("text")),
                    "questions": [
                        {**question, "line_range": range(question["lines"])} for question in questions(section)
                    ],
                    "blank_range": range((section.get("table") or {}).get("blank_rows", 0)),
                }
                for section in source.get("sections", [])
            ],
        },
    )
    return HTML(string=html).write_pdf(pdf_tags=True)


COUNTRIES = {"fi": "FI", "sv": "FI", "en": "GB"}


def _describe(document, source, language):
    """The document's title and language, in its metadata and as the default for its text (spelling, hyphenation)."""
    document.meta.addElement(Title(text=source["title"]))
    document.meta.addElement(Language(text=language))
    default = DefaultStyle(family="paragraph")
    default.addElement(TextProperties(language=language, country=COUNTRIES.get(language, "FI")))
    document.styles.addElement(default)


BUILDERS = {"document": ("odt", build_odt), "spreadsheet": ("ods", build_ods)}


def build_files(source, file_format, language):
    """[(extension, bytes)] for a template: its OpenDocument file, then its PDF.

    A PDF takes about a second to lay out, so files are cached by the digest of their source and of the
    code and template that build them.
    """
    extension, build = BUILDERS[file_format]
    return [
        (extension, _cached(extension, source, language, build)),
        ("pdf", _cached("pdf", source, language, build_pdf)),
    ]


@lru_cache(maxsize=1)
def _builder_code():
    """The code and template the files are built with: a change to either makes every cached file stale."""
    return Path(__file__).read_bytes() + Path(get_template(PDF_TEMPLATE).origin.name).read_bytes()


def _cached(extension, source, language, build):
    key = hashlib.sha256(
        _builder_code() + json.dumps([source, language], sort_keys=True, default=str).encode()
    ).hexdigest()
    path = Path(settings.GENERATED_FILES_CACHE) / f"{key}.{extension}"
    if path.exists():
        return path.read_bytes()
    data = build(source, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return data
