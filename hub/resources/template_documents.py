"""Builds a template's downloadable files from its source in the repository.

The source is the `document` of a resource content file (see `content/SCHEMA.md`): a title, an intro and
sections of text, bullet items, checklists, questions and tables. From it come an OpenDocument text
(`.odt`) or spreadsheet (`.ods`) to fill in and adapt, and a tagged PDF to print.
"""

import hashlib
import io
import itertools
import json
import math
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template, render_to_string
from odf import table, teletype, text
from odf.dc import Language, Title
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import (
    DefaultStyle,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)

from hub.core.loader import split_paragraphs

BOX = "\u2610"
DEFAULT_LINES = 2
FONT = "DejaVu Sans"
PDF_TEMPLATE = "resources/template_document.html"
# Table widths are worked out in average characters of the table's font (DejaVu Sans, about 0.55 em wide):
# a portrait A4 table in 9 pt holds about 100 of them, a landscape one in 8.5 pt about 160.
PORTRAIT_COLUMNS = 6
PORTRAIT_LINE_CHARACTERS = 96
LANDSCAPE_LINE_CHARACTERS = 158
BOLD_WIDTH = 1.25
CELL_PADDING_CHARACTERS = 2.5
WRITING_ROOM_CHARACTERS = 8
LONG_TEXT_CHARACTERS = 50
ODT_TEXT_WIDTH_CM = 17
WRITING_ROW_HEIGHT = "0.9cm"
# A spreadsheet's default 10 pt font takes about 0.2 cm a character.
SPREADSHEET_CHARACTER_CM = 0.2
SPREADSHEET_PADDING_CM = 0.3
SPREADSHEET_MIN_WIDTH_CM = 3.0
SPREADSHEET_MAX_WIDTH_CM = 8.0
SPREADSHEET_WRAP_CHARACTERS = 38
# The text above a sheet's table spans as many of its first columns as fit in this width, so it reads on screen.
SPREADSHEET_NOTE_WIDTH_CM = 24
# The height of a line of text, and the room above and below it, in each paragraph style, in centimetres.
SPREADSHEET_LINES_CM = {"Title": (0.8, 0.3), "SectionHeading": (0.6, 0.65), "Question": (0.45, 0.5)}
SPREADSHEET_BODY_LINE_CM = (0.45, 0.35)


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
            TableCellProperties(border="0.5pt solid #777777", padding="0.1cm", wrapoption="wrap", verticalalign="top"),
        )
        self.header_cell = _style(
            document,
            "HeaderCell",
            "table-cell",
            TableCellProperties(
                border="0.5pt solid #777777",
                padding="0.1cm",
                backgroundcolor="#e8eef2",
                wrapoption="wrap",
                verticalalign="top",
            ),
        )
        self.note_cell = _style(
            document, "NoteCell", "table-cell", TableCellProperties(wrapoption="wrap", verticalalign="top")
        )
        self.writing_row = _style(
            document, "WritingRow", "table-row", TableRowProperties(minrowheight=WRITING_ROW_HEIGHT)
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


def _table(spec, name, styles, paragraph_style=None, column_styles=(), row_style=None):
    """The table with a header row, its filled rows and its blank rows, each body row at least `row_style` high."""
    columns = spec["columns"]
    grid = table.Table(name=name)
    for index, _column in enumerate(columns):
        if index < len(column_styles):
            grid.addElement(table.TableColumn(stylename=column_styles[index]))
        else:
            grid.addElement(table.TableColumn())
    header = table.TableRow()
    for heading in columns:
        header.addElement(_cell(heading, styles.header_cell, paragraph_style))
    grid.addElement(header)
    body_rows = [list(row) for row in spec.get("rows", [])] + [[]] * spec.get("blank_rows", 0)
    for row in body_rows:
        cells = row + [""] * (len(columns) - len(row))
        line = table.TableRow(stylename=row_style) if row_style else table.TableRow()
        for value in cells[: len(columns)]:
            line.addElement(_cell(value, styles.cell, paragraph_style))
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
            spec = section["table"]
            name = f"Taulukko{number}"
            shares = column_shares(spec, PORTRAIT_LINE_CHARACTERS)
            _style(document, name, "table", TableProperties(width=f"{ODT_TEXT_WIDTH_CM}cm", align="margins"))
            column_styles = [
                _style(
                    document,
                    f"{name}.{index}",
                    "table-column",
                    TableColumnProperties(
                        columnwidth=f"{share * ODT_TEXT_WIDTH_CM:.2f}cm", relcolumnwidth=f"{round(share * 10000)}*"
                    ),
                )
                for index, share in enumerate(shares)
            ]
            grid = _table(spec, name, styles, styles.body, column_styles, styles.writing_row)
            grid.setAttribute("stylename", name)
            body.addElement(grid)
    return _save(document)


def build_ods(source, language):
    """A spreadsheet: each table is a sheet, with its section's text above it; the title and intro open the first.

    Columns are as wide as their texts need, up to a limit past which the text wraps; the text above a table
    spans its first columns.
    """
    document = OpenDocumentSpreadsheet()
    styles = _OdfStyles(document)
    _describe(document, source, language)
    pending = [{"heading": source["title"], "text": source.get("intro", "")}]
    sheets = []
    row_styles = {}
    for number, section in enumerate(source.get("sections", []), start=1):
        if not section.get("table"):
            pending.append(section)
            continue
        spec = section["table"]
        sheet = table.Table(name=(spec.get("name") or section.get("heading") or source["title"])[:31])
        widths = spreadsheet_column_widths(spec)
        for index, width in enumerate(widths):
            column = _style(
                document, f"Column{number}.{index}", "table-column", TableColumnProperties(columnwidth=f"{width:.2f}cm")
            )
            sheet.addElement(table.TableColumn(stylename=column))
        pending.append({key: value for key, value in section.items() if key != "table"})
        _add_note_rows(document, sheet, widths, pending, styles, row_styles)
        pending = []
        grid = _table(spec, "", styles)
        for row in grid.getElementsByType(table.TableRow):
            sheet.addElement(row)
        sheets.append((sheet, widths))
    if sheets:
        sheet, widths = sheets[-1]
        _add_note_rows(document, sheet, widths, pending, styles, row_styles)
    for sheet, _widths in sheets:
        document.spreadsheet.addElement(sheet)
    return _save(document)


def spreadsheet_column_widths(spec):
    """Each column's width in centimetres: room for its longest text, within limits; longer texts wrap."""
    return [
        min(
            SPREADSHEET_MAX_WIDTH_CM,
            max(
                SPREADSHEET_MIN_WIDTH_CM,
                max(column.least, min(column.longest, SPREADSHEET_WRAP_CHARACTERS)) * SPREADSHEET_CHARACTER_CM
                + SPREADSHEET_PADDING_CM,
            ),
        )
        for column in table_columns(spec)
    ]


def _add_note_rows(document, sheet, widths, sections, styles, row_styles):
    """The sections' text, a paragraph per row spanning the first columns, each row high enough to show it.

    Spreadsheet programs do not fit a row's height to a wrapped cell that spans columns, so it is set here;
    `row_styles` holds the row styles made so far, by height.
    """
    span = max(1, sum(1 for total in itertools.accumulate(widths) if total <= SPREADSHEET_NOTE_WIDTH_CM))
    characters_per_line = max(1, int(sum(widths[:span]) / SPREADSHEET_CHARACTER_CM))
    for section in sections:
        for element in _text_elements(section, styles):
            line, room = SPREADSHEET_LINES_CM.get(element.getAttribute("stylename"), SPREADSHEET_BODY_LINE_CM)
            lines = max(1, math.ceil(len(teletype.extractText(element)) / characters_per_line))
            height = f"{lines * line + room:.2f}cm"
            if height not in row_styles:
                row_styles[height] = _style(
                    document,
                    f"NoteRow{len(row_styles) + 1}",
                    "table-row",
                    TableRowProperties(rowheight=height, useoptimalrowheight="false"),
                )
            cell = table.TableCell(valuetype="string", stylename=styles.note_cell, numbercolumnsspanned=span)
            cell.addElement(element)
            row = table.TableRow(stylename=row_styles[height])
            row.addElement(cell)
            for _covered in range(span - 1):
                row.addElement(table.CoveredTableCell())
            sheet.addElement(row)


class _Column:
    """How much room a table column needs, in characters of its font: `least` keeps every word whole,
    `wanted` also keeps long texts from growing very tall, `longest` is its longest text."""

    def __init__(self, heading, cells):
        words = [len(word) for cell in cells for word in cell.split()]
        heading_word = max((len(word) for word in str(heading).split()), default=0)
        self.least = max(WRITING_ROOM_CHARACTERS, BOLD_WIDTH * heading_word, max(words, default=0))
        self.longest = max((len(cell) for cell in cells), default=0)
        self.wanted = max(self.least, min(self.longest, 2 * LONG_TEXT_CHARACTERS) / 2)


def table_columns(spec):
    return [
        _Column(heading, [str(row[index]) for row in spec.get("rows", []) if index < len(row)])
        for index, heading in enumerate(spec["columns"])
    ]


def column_shares(spec, characters_per_line):
    """Each column's share of a table's width (summing to 1) on a line that holds `characters_per_line`.

    Every column first gets room for its longest word and for writing; what is left goes to the columns
    with long texts. If even the words do not fit, words break (the PDF's style allows it) rather than the
    table running off the page.
    """
    columns = table_columns(spec)
    least = [column.least + CELL_PADDING_CHARACTERS for column in columns]
    wanted = [column.wanted + CELL_PADDING_CHARACTERS for column in columns]
    spare = characters_per_line - sum(least)
    if spare <= 0:
        widths = least
    elif sum(wanted) - sum(least) >= spare:
        grow = spare / (sum(wanted) - sum(least))
        widths = [low + (high - low) * grow for low, high in zip(least, wanted, strict=True)]
    else:
        widths = [width * characters_per_line / sum(wanted) for width in wanted]
    return [width / sum(widths) for width in widths]


def _pdf_table(spec):
    columns = spec["columns"]
    wide = len(columns) > PORTRAIT_COLUMNS
    shares = column_shares(spec, LANDSCAPE_LINE_CHARACTERS if wide else PORTRAIT_LINE_CHARACTERS)
    return {
        "columns": columns,
        "widths": [f"{100 * share:.2f}%" for share in shares],
        "rows": [(list(row) + [""] * len(columns))[: len(columns)] for row in spec.get("rows", [])],
        "blank_rows": range(spec.get("blank_rows", 0)),
        "wide": wide,
    }


def _pdf_section(section):
    """Everything the PDF template shows of a section, under names that a dict's own methods cannot shadow."""
    return {
        "heading": section.get("heading", ""),
        "paragraphs": split_paragraphs(section.get("text")),
        "bullets": section.get("items", []),
        "checklist": section.get("checklist", []),
        "questions": [{**question, "line_range": range(question["lines"])} for question in questions(section)],
        "table": _pdf_table(section["table"]) if section.get("table") else None,
    }


def render_pdf(source, language):
    """The laid-out WeasyPrint document of a template, before it is written as a PDF."""
    from weasyprint import HTML

    html = render_to_string(
        PDF_TEMPLATE,
        {
            "title": source["title"],
            "language": language,
            "intro": split_paragraphs(source.get("intro")),
            "sections": [_pdf_section(section) for section in source.get("sections", [])],
        },
    )
    return HTML(string=html).render(pdf_tags=True)


def build_pdf(source, language):
    return render_pdf(source, language).write_pdf(pdf_tags=True)


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


def builder_version():
    """A digest of the code and template the files are built with, to tell when built files are stale."""
    return hashlib.sha256(_builder_code()).hexdigest()


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
