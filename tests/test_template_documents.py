"""Every template's generated files, built from the real sources: complete, readable and printable to fill in."""

import io
import re
from functools import cache
from pathlib import Path

import pypdf
import pytest
import yaml
from odf import opendocument, table, teletype, text
from odf.namespaces import FONS, STYLENS, TABLENS
from weasyprint.formatting_structure import boxes

from hub.core.loader import load_all
from hub.resources import loader as resource_loader
from hub.resources.template_documents import build_ods, build_odt, render_pdf

CONTENT = Path(__file__).resolve().parent.parent / "hub" / "resources" / "content"
SOURCES = sorted(CONTENT.glob("*/resources/*.yaml"))
PYTHON_DATA = ("('", "range(", "{'", "[{", "dict_items")
WRITING_ROOM_MM = 6


def source_id(path):
    return f"{path.parent.parent.name}-{path.stem}"


def read_source(path):
    return path.parent.parent.name, yaml.safe_load(path.read_text())


def flat(value):
    """The text on one line; a line break after a hyphen in a compound word (FO-nummer) joins it again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", value)).strip()


def printed_texts(document):
    """The texts a person must find in a template: headings, bullet and checklist items, questions and choices."""
    texts = [document["title"]]
    for section in document["sections"]:
        texts += [section.get("heading", "")] + section.get("items", []) + section.get("checklist", [])
        for question in section.get("questions", []):
            texts += [question["text"]] + question.get("choices", [])
    return [flat(str(value)) for value in texts if value]


@cache
def laid_out(path):
    language, data = read_source(path)
    return render_pdf(data["document"], language)


def walk(box):
    yield box
    for child in getattr(box, "children", []):
        yield from walk(child)


def right_edge(box):
    return box.position_x + box.margin_width()


def overflows(document):
    """Tables and text that reach past the page's content box, and text that reaches past its table cell."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        page_right = page_box.content_box_x() + page_box.width
        for box in walk(page_box):
            if isinstance(box, (boxes.TableBox, boxes.TextBox)) and right_edge(box) > page_right + 0.5:
                found.append(f"page {number}: {type(box).__name__} {getattr(box, 'text', '')[:40]!r}")
            if isinstance(box, boxes.TableCellBox):
                cell_right = box.border_box_x() + box.border_width()
                for inner in walk(box):
                    if isinstance(inner, boxes.TextBox) and right_edge(inner) > cell_right + 0.5:
                        found.append(f"page {number}: past its cell {inner.text[:40]!r}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=source_id)
def test_pdf_prints_every_heading_item_and_question_and_no_python_data(path):
    _language, data = read_source(path)
    reader = pypdf.PdfReader(io.BytesIO(laid_out(path).write_pdf(pdf_tags=True)))
    content = flat(" ".join(page.extract_text() for page in reader.pages))
    missing = [expected for expected in printed_texts(data["document"]) if expected not in content]
    assert not missing
    assert not [marker for marker in PYTHON_DATA if marker in content]


def test_all_fourteen_templates_are_checked_in_three_languages():
    assert len(SOURCES) == 42
    assert {path.parent.parent.name for path in SOURCES} == {"fi", "sv", "en"}


@pytest.mark.parametrize("path", SOURCES, ids=source_id)
def test_pdf_tables_and_text_stay_inside_the_page(path):
    assert overflows(laid_out(path)) == []


def test_a_long_word_in_a_table_wraps_inside_its_cell():
    word = "Työllisyydenhoitokokeiluneuvottelukunnanvarapuheenjohtajaehdokasasettelu" * 2
    source = {
        "title": "Pitkät sanat",
        "sections": [
            {"heading": "Taulukko", "table": {"columns": ["Lyhyt", word, "Kolmas", "Neljäs"], "rows": [[word, word]]}},
            {"heading": "Leveä", "table": {"columns": [f"{word}{n}" for n in range(9)], "rows": [[word] * 9]}},
        ],
    }
    document = render_pdf(source, "fi")
    assert overflows(document) == []
    cells = [box for page in document.pages for box in walk(page._page_box) if isinstance(box, boxes.TableCellBox)]
    assert len(cells) == 4 + 4 + 9 + 9


def test_wide_tables_are_printed_on_landscape_pages_and_questions_get_writing_lines():
    path = CONTENT / "fi" / "resources" / "06-mittaristo.yaml"
    document = laid_out(path)
    landscape = [page for page in document.pages if page.width > page.height]
    tables = [box for page in landscape for box in walk(page._page_box) if isinstance(box, boxes.TableBox)]
    assert landscape and tables, "the eight-column metrics table gets landscape pages"
    assert any(page.width < page.height for page in document.pages), "the text around it stays portrait"

    survey = laid_out(CONTENT / "fi" / "resources" / "01-kylakysely.yaml")
    lines = [
        box
        for page in survey.pages
        for box in walk(page._page_box)
        if isinstance(box, boxes.BlockBox) and box.element_tag == "div" and box.element.get("class") == "line"
    ]
    _language, data = read_source(path.parent / "01-kylakysely.yaml")
    expected = sum(
        question.get("lines", 0 if question.get("choices") else 2)
        for section in data["document"]["sections"]
        for question in section.get("questions", [])
    )
    assert len(lines) == expected > 0
    assert all(box.height >= WRITING_ROOM_MM * 96 / 25.4 for box in lines), "room to write by hand"


def column_widths_cm(document, sheet):
    styles = {
        style.getAttribute("name"): style
        for style in document.automaticstyles.childNodes
        if style.qname == (STYLENS, "style")
    }
    widths = []
    for column in sheet.getElementsByType(table.TableColumn):
        properties = styles[column.getAttribute("stylename")].childNodes[0]
        widths.append(float(properties.attributes[(STYLENS, "column-width")].removesuffix("cm")))
    return widths


SPREADSHEETS = [path for path in SOURCES if read_source(path)[1]["format"] == "spreadsheet"]


@pytest.mark.parametrize("path", SPREADSHEETS, ids=source_id)
def test_spreadsheet_columns_fit_their_content_and_text_wraps(path):
    language, data = read_source(path)
    document = opendocument.load(io.BytesIO(build_ods(data["document"], language)))
    specs = [section["table"] for section in data["document"]["sections"] if section.get("table")]
    sheets = document.getElementsByType(table.Table)
    assert len(sheets) == len(specs)
    for sheet, spec in zip(sheets, specs, strict=True):
        widths = column_widths_cm(document, sheet)
        assert len(widths) == len(spec["columns"])
        for index, width in enumerate(widths):
            cells = [str(row[index]) for row in spec.get("rows", []) if index < len(row)]
            texts = [str(spec["columns"][index]), *cells]
            longest_word = max(len(word) for value in texts for word in value.split() or [""])
            assert 0.2 * longest_word <= width <= 8, (spec["columns"][index], width)
            if max((len(value) for value in cells), default=0) > 30:
                assert width >= 6, f"{spec['columns'][index]} holds long texts and is {width} cm wide"
        assert len(set(widths)) > 1 or not spec.get("rows"), "columns differ with their content"
    wrapped = [
        style.getAttribute("name")
        for style in document.automaticstyles.childNodes
        if style.qname == (STYLENS, "style")
        and style.getAttribute("family") == "table-cell"
        and any(child.attributes.get((FONS, "wrap-option")) == "wrap" for child in style.childNodes)
    ]
    assert {"Cell", "HeaderCell"} <= set(wrapped)
    notes = [cell for cell in sheets[0].getElementsByType(table.TableCell) if cell.getAttribute("numbercolumnsspanned")]
    assert notes and all(int(cell.attributes[(TABLENS, "number-columns-spanned")]) > 1 for cell in notes), (
        "the text above a table spans its width"
    )


@pytest.mark.parametrize("path", [path for path in SOURCES if path not in SPREADSHEETS], ids=source_id)
def test_odt_holds_every_heading_item_and_question_with_room_to_write(path):
    language, data = read_source(path)
    document = opendocument.load(io.BytesIO(build_odt(data["document"], language)))
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(text.P)]
    content = flat(" ".join(paragraphs))
    assert not [expected for expected in printed_texts(data["document"]) if expected not in content]
    assert not [marker for marker in PYTHON_DATA if marker in content]
    writing_lines = [p for p in document.getElementsByType(text.P) if p.getAttribute("stylename") == "WritingLine"]
    expected_lines = sum(
        question.get("lines", 0 if question.get("choices") else 2)
        for section in data["document"]["sections"]
        for question in section.get("questions", [])
    )
    assert len(writing_lines) == expected_lines
    for grid in document.getElementsByType(table.Table):
        body_rows = grid.getElementsByType(table.TableRow)[1:]
        assert body_rows and all(row.getAttribute("stylename") == "WritingRow" for row in body_rows)
    if document.getElementsByType(table.Table):
        row_style = next(
            style
            for style in document.automaticstyles.childNodes
            if style.qname == (STYLENS, "style") and style.getAttribute("name") == "WritingRow"
        )
        assert row_style.childNodes[0].attributes[(STYLENS, "min-row-height")] == "0.9cm"


@pytest.mark.django_db
def test_a_change_to_the_file_builder_reloads_the_templates_and_nothing_else(content, monkeypatch):
    assert load_all().updated == []
    monkeypatch.setattr(resource_loader, "builder_version", lambda: "a changed builder")
    run = load_all()
    assert sorted(run.updated) == sorted(
        f"resources/{source_id(path).replace('-', '/resources/', 1)}.yaml" for path in SOURCES
    )
    assert run.skipped == [] and run.created == []
