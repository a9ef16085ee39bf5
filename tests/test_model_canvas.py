"""The model as a picture: who gains what and the eleven phases as a loop, in SVG, on the home and handbook pages."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handbook.canvas import RAIL_X, TITLE_SIZE, WIDTH, layout, wrap
from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.core.generation import purge_all

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
ACTORS = {"city", "village_association", "village_community", "employee"}
PHASE_LINK = re.compile(r'<a class="model-canvas__phase" href="([^"]*)" aria-label="([^"]*)" data-phase="(\d+)">')
ACTOR_LINK = re.compile(
    r'<a class="model-canvas__actor model-canvas__actor--(\w+)" href="([^"]*)" aria-label="([^"]*)">'
)


def picture(html):
    """The canvas's SVG in a page, exactly once."""
    assert html.count('<svg class="model-canvas__picture"') == 1
    start = html.index('<svg class="model-canvas__picture"')
    return html[start : html.index("</svg>", start) + len("</svg>")]


def handbook_in(language):
    handbook = HandbookPage.objects.get(locale__language_code=language)
    phases = list(PhasePage.objects.child_of(handbook).live().order_by("number"))
    return handbook, phases


def texts_of(language):
    """The phase titles and perspective headings a language's picture shows."""
    handbook, phases = handbook_in(language)
    return {phase.title for phase in phases} | {block.value["heading"] for block in handbook.perspectives}


def assert_picture_of(svg, language, actor_page_url):
    handbook, phases = handbook_in(language)
    assert len(phases) == 11

    links = [(href, unescape(label), int(number)) for href, label, number in PHASE_LINK.findall(svg)]
    assert [number for _, _, number in links] == list(range(1, 12))
    assert [href for href, _, _ in links] == [phase.url for phase in phases]
    for (_, label, number), phase in zip(links, phases, strict=True):
        assert label.endswith(f"{number}: {phase.title}"), label
        assert f"<title>{label}</title>" in unescape(svg)

    assert 'class="model-canvas__loop"' in svg
    assert 'data-from="11" data-to="1"' in svg
    assert 'marker-end="url(#model-canvas-arrow)"' in svg

    actors = {actor: (href, unescape(label)) for actor, href, label in ACTOR_LINK.findall(svg)}
    assert set(actors) == ACTORS
    for block in handbook.perspectives:
        actor = block.value["actor"]
        assert actors[actor] == (f"{actor_page_url}#canvas-{actor}", f"{block.value['name']}: {block.value['heading']}")

    assert re.search(r'role="group" aria-labelledby="model-canvas-title" aria-describedby="model-canvas-desc"', svg)
    assert re.search(r'<title id="model-canvas-title">[^<]+</title>', svg)
    assert re.search(r'<desc id="model-canvas-desc">[^<]*\b11\b[^<]*</desc>', svg)

    text = unescape(svg)
    for other in LANGUAGES:
        if other != language:
            leaked = {words for words in texts_of(other) - texts_of(language) if words in text}
            assert leaked == set(), f"{language} shows {other}: {leaked}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handbook_page_pictures_its_phases_and_actors_linking_to_its_own_sections(client, content, language):
    handbook, _ = handbook_in(language)
    html = client.get(handbook.url).content.decode()
    svg = picture(html)

    assert_picture_of(svg, language, actor_page_url="")
    for actor in ACTORS:
        assert html.count(f'id="canvas-{actor}"') == 1, "each actor links to its perspective's section"
    assert html.index("model-canvas__picture") < html.index('id="phases-heading"'), "the picture is above the list"
    assert 'href="#canvas-heading"' in html and 'href="#phases-heading"' in html, "the picture's text equivalent"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_pictures_the_model_linking_to_the_handbook(client, content, language):
    home = HomePage.objects.get(locale__language_code=language)
    handbook, phases = handbook_in(language)
    html = client.get(home.url).content.decode()

    assert_picture_of(picture(html), language, actor_page_url=handbook.url)
    text_version = html[html.index('<details class="model-canvas__text">') :]
    text_version = unescape(text_version[: text_version.index("</details>")])
    listed = re.findall(r'<li value="(\d+)"><a href="([^"]*)">([^<]*)</a></li>', text_version)
    assert listed == [(str(phase.number), phase.url, phase.title) for phase in phases]
    for block in handbook.perspectives:
        expected = f'<a href="{handbook.url}#canvas-{block.value["actor"]}">{block.value["name"]}: '
        assert expected + f"{block.value['heading']}</a>" in text_version


def test_the_picture_costs_the_home_page_at_most_two_queries(client, content):
    home = HomePage.objects.get(locale__language_code="fi")

    def queries():
        purge_all()
        client.get(home.url)  # what the site remembers, as a running server has it
        with CaptureQueriesContext(connection) as captured:
            response = client.get(home.url)
        assert response.status_code == 200
        return len(captured), response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(HomePage, "handbook_and_phases", lambda self: {"handbook": None, "handbook_phases": []})
        without, response = queries()
        assert "model-canvas" not in response.content.decode()

    with_canvas, response = queries()
    assert with_canvas <= without + 2
    assert len(PHASE_LINK.findall(response.content.decode())) == 11


def test_the_handbook_page_draws_the_phases_it_lists_without_querying_them_again(client, content):
    handbook, _ = handbook_in("fi")
    client.get(handbook.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(handbook.url)
    phase_queries = [query for query in captured if 'FROM "handbook_phasepage"' in query["sql"]]
    assert len(phase_queries) == 1


def test_a_handbook_with_few_phases_and_one_perspective_is_still_a_loop(client, handbook_with_phases):
    handbook, phases = handbook_with_phases
    svg = picture(client.get(handbook.url).content.decode())

    assert [int(number) for _, _, number in PHASE_LINK.findall(svg)] == [1, 2, 3]
    assert 'data-from="3" data-to="1"' in svg
    assert [actor for actor, _, _ in ACTOR_LINK.findall(svg)] == ["employee"]


def test_a_home_page_without_a_handbook_shows_no_picture(client, home_page):
    html = client.get(home_page.url).content.decode()
    assert "model-canvas" not in html


def test_long_titles_wrap_within_the_loop_and_end_in_an_ellipsis_when_too_long():
    lines = wrap("Suunnitellaan ja kehitetään toimintaa yhdessä kohderyhmien kanssa", 180, 15, 3)
    assert lines == ["Suunnitellaan ja", "kehitetään toimintaa", "yhdessä kohderyhmien…"]
    assert wrap("Lyhyt", 180, 15, 3) == ["Lyhyt"]
    assert wrap("Yhdyssanapitkäaikaistyöttömyys", 100, 15, 3) == ["Yhdyssanap-", "itkäaikais-", "työttömyys"]


def test_the_layout_keeps_phases_in_order_inside_the_picture():
    class Phase:
        def __init__(self, number):
            self.number = number
            self.title = "Pitkä vaiheen nimi " * number

    perspectives = [{"actor": actor, "name": actor, "heading": "Mitä saa?"} for actor in sorted(ACTORS)]
    canvas = layout(perspectives, [Phase(n) for n in range(1, 12)], lambda p: f"/{p.number}/", lambda a: a, "takaisin")

    ys = [phase.cy for phase in canvas.phases]
    assert ys == sorted(ys) and len(set(ys)) == 11
    for earlier, later in zip(canvas.phases, canvas.phases[1:], strict=False):
        assert earlier.hit_y + earlier.hit_height <= later.hit_y, "rows do not overlap"
    for phase in canvas.phases:
        assert 1 <= len(phase.lines) <= 3
        for line in phase.lines:
            assert line.x + len(line.text) * TITLE_SIZE * 0.56 <= RAIL_X
    assert all(tile.x >= 0 and tile.x + tile.width <= WIDTH for tile in canvas.actors)
    assert max(tile.y + tile.height for tile in canvas.actors) < canvas.phases[0].cy
    assert canvas.phases[-1].cy < canvas.loop_label.y < canvas.height
