"""The handbook as `make setup` loads it holds everything on the model card, in the card's order."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from handbook.models import HandbookPage, PhasePage
from hub.core.models import Actor, Perspective

from .model_card import ACTOR_NAMES, CANVAS, PHASE_ITEMS, PHASE_TITLES

pytestmark = pytest.mark.django_db


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_handbook_lives_at_fi_kasikirja(content, client):
    handbook = HandbookPage.objects.get(locale__language_code="fi")
    assert handbook.url == "/fi/kasikirja/"
    assert client.get("/fi/kasikirja/").status_code == 200


def test_eleven_phases_carry_the_card_titles_in_order(content):
    phases = PhasePage.objects.live().filter(locale__language_code="fi").order_by("path")
    assert [phase.title for phase in phases] == PHASE_TITLES
    assert [phase.number for phase in phases] == list(range(1, 12))


@pytest.mark.parametrize("number", range(1, 12))
def test_every_item_the_card_lists_under_a_phase_appears_on_its_page(content, client, number):
    phase = PhasePage.objects.get(locale__language_code="fi", number=number)
    text = page_text(client, phase)
    for item in PHASE_ITEMS[number]:
        assert item in text, f"phase {number} lacks {item!r}"
    assert [block.value for block in phase.card_items] == PHASE_ITEMS[number]


@pytest.mark.parametrize("number", range(1, 12))
def test_every_phase_carries_guidance_in_every_part(content, number):
    phase = PhasePage.objects.get(locale__language_code="fi", number=number)
    assert phase.summary and phase.why and phase.card_text
    for part in ("tasks", "questions", "checklist", "outputs", "metrics", "tips"):
        assert len(getattr(phase, part)) >= 1, f"phase {number} has no {part}"
    assert {task.value["actor"] for task in phase.tasks} <= set(Actor.values)
    assert len({task.value["actor"] for task in phase.tasks}) >= 2, "tasks name at least two responsible actors"
    assert {metric.value["perspective"] for metric in phase.metrics} <= set(Perspective.values)
    assert any(tip.value["kind"] == "pitfall" for tip in phase.tips)
    assert phase.partner_types.exists()


def test_phase_six_names_every_partner_type_of_the_card(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=6)
    slugs = set(phase.partner_types.values_list("slug", flat=True))
    assert {
        "palkkahallinto",
        "te-palvelut",
        "tyotoiminnan-ohjaaja",
        "tyoterveys",
        "lahikylat",
        "yhdistykset-ja-seurat",
        "yritykset",
        "vapaaehtoiset",
    } <= slugs


def test_evaluation_phase_measures_from_all_three_perspectives(content):
    for number in (8, 10):
        perspectives = {
            metric.value["perspective"]
            for metric in PhasePage.objects.get(locale__language_code="fi", number=number).metrics
        }
        assert perspectives == set(Perspective.values)


def test_canvas_shows_four_perspectives_with_every_item_and_the_three_actors(content, client):
    handbook = HandbookPage.objects.get(locale__language_code="fi")
    by_actor = {block.value["actor"]: list(block.value["items"]) for block in handbook.perspectives}
    assert by_actor == CANVAS
    text = page_text(client, handbook)
    for items in CANVAS.values():
        for item in items:
            assert item in text
    for name in ACTOR_NAMES:
        assert name in text
    assert [block.value["actor"] for block in handbook.actors] == ["city", "village_community", "village_association"]


def test_handbook_lists_the_phases_in_order_with_links(content, client):
    response = client.get("/fi/kasikirja/")
    html = response.content.decode()
    positions = [html.index(f">{number}</span> {title}<") for number, title in enumerate(PHASE_TITLES, start=1)]
    assert positions == sorted(positions)
    for phase in PhasePage.objects.filter(locale__language_code="fi"):
        assert f'href="{phase.url}"' in html


FIGURE = re.compile(r"\d[\d\s,.]*\s*(%|€|euroa|prosentti)", re.IGNORECASE)


def is_sourced_fact(data):
    """A guide's fact: a claim that stands with the official page stating it and the date that was checked."""
    source = data.get("source")
    return isinstance(source, dict) and str(source.get("url", "")).startswith("https://") and source.get("checked")


def unsourced_figures(data):
    """The money amounts and percentages in a content file's data outside a sourced fact."""
    if isinstance(data, dict):
        if is_sourced_fact(data):
            return
        for value in data.values():
            yield from unsourced_figures(value)
    elif isinstance(data, list):
        for item in data:
            yield from unsourced_figures(item)
    elif isinstance(data, str):
        yield from (match.group(0) for match in FIGURE.finditer(data))


def test_content_files_state_no_figures_without_a_source():
    """Guards the no-invented-figures rule: money amounts and percentages stand only in a fact with its source."""
    base = Path(settings.BASE_DIR)
    paths = [*base.glob("*/content/**/*.yaml"), *base.glob("hub/*/content/**/*.yaml")]
    assert len(paths) >= 15
    offenders = [
        f"{path.name}: {figure}"
        for path in paths
        for figure in unsourced_figures(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_a_figure_is_accepted_only_in_a_fact_with_a_dated_source():
    source = {"title": "Vero", "url": "https://www.vero.fi/x", "checked": datetime.date(2026, 12, 3)}
    assert list(unsourced_figures({"facts": [{"text": "Raja on 20 000 euroa.", "source": source}]})) == []
    undated = {**source, "checked": None}
    assert list(unsourced_figures({"facts": [{"text": "Raja on 20 000 euroa.", "source": undated}]})) != []
    assert list(unsourced_figures({"text": "Tuki on 50 % palkasta."})) == ["50 %"]


def test_source_links_are_https(content):
    for phase in PhasePage.objects.all():
        for source in phase.sources:
            assert source.value["url"].startswith("https://"), source.value["url"]
