"""The model card's canvas as a picture: who takes part and what each gains, and the eleven phases as a loop.

Pure geometry for a server-rendered SVG (templates/handbook/includes/model_canvas.html). The picture is laid out
for a phone's width: its viewBox is narrow, so that scaled down to 390 px its text stays legible, and on a wide
screen the stylesheet caps its width. Text widths are estimated from the number of characters, generously.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

WIDTH = 400
MARGIN = 8
CHAR_WIDTH = 0.56  # of the font size: an average glyph of a sans-serif, rounded up

LABEL_SIZE = 13  # the card's own headings above each part
TILE_GAP = 8
TILE_PADDING = 10
TILE_NAME_SIZE = 15
TILE_TEXT_SIZE = 14
TILE_LINE = 18

NODE_RADIUS = 16
NODE_X = MARGIN + 6 + NODE_RADIUS
RAIL_X = WIDTH - MARGIN - 10  # where the loop from the last phase runs back up to the first
TITLE_X = NODE_X + NODE_RADIUS + 10
TITLE_SIZE = 15
TITLE_LINE = 18
TITLE_MAX_LINES = 3
ROW_GAP = 10
LOOP_BEND = 14  # the loop's corner radius


@dataclass
class Line:
    x: float
    y: float
    text: str


@dataclass
class ActorTile:
    actor: str
    name: str
    heading: str
    href: str
    x: float
    y: float
    width: float
    height: float
    name_lines: list = field(default_factory=list)
    heading_lines: list = field(default_factory=list)


@dataclass
class PhaseNode:
    number: int
    title: str
    href: str
    cx: float
    cy: float
    r: float
    hit_y: float
    hit_height: float
    lines: list = field(default_factory=list)
    hit_x: float = MARGIN
    hit_width: float = RAIL_X - 6 - MARGIN


@dataclass
class Canvas:
    width: float
    height: float
    who_label: Line
    how_label: Line
    actors: list
    phases: list
    spine: str  # the path joining the phases in order
    loop: str  # the path from the last phase back to the first
    loop_label: Line
    loop_label_box: tuple  # x, y, width, height behind the label, so that the loop does not cross the text
    sizes: dict = field(
        default_factory=lambda: {
            "label": LABEL_SIZE,
            "name": TILE_NAME_SIZE,
            "text": TILE_TEXT_SIZE,
            "title": TITLE_SIZE,
            "number": TITLE_SIZE,
        }
    )

    @property
    def first(self):
        return self.phases[0] if self.phases else None

    @property
    def last(self):
        return self.phases[-1] if self.phases else None


def _r(value):
    """A coordinate as the SVG gets it: to a tenth, and without a trailing ".0"."""
    value = round(value, 1)
    return int(value) if value == int(value) else value


def wrap(text, width, size, max_lines):
    """The lines of `text` that fit `width` at font `size`; what does not fit in `max_lines` ends in an ellipsis."""
    per_line = max(4, int(width / (size * CHAR_WIDTH)))
    lines, current = [], ""
    for word in text.split():
        while len(word) > per_line:  # a word longer than a line is cut
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: per_line - 1] + "-")
            word = word[per_line - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last if len(last) < per_line else last[: per_line - 1].rstrip()) + "…"
    return lines


def _actor_tiles(perspectives, actor_href, top):
    width = (WIDTH - 2 * MARGIN - TILE_GAP) / 2
    text_width = width - 2 * TILE_PADDING
    tiles = []
    y = top
    for row_start in range(0, len(perspectives), 2):
        row = perspectives[row_start : row_start + 2]
        wrapped = [
            (
                wrap(block["name"], text_width, TILE_NAME_SIZE, 2),
                wrap(block["heading"], text_width, TILE_TEXT_SIZE, 3),
            )
            for block in row
        ]
        height = max(len(name) + len(heading) for name, heading in wrapped) * TILE_LINE + 2 * TILE_PADDING
        for column, (block, (name_lines, heading_lines)) in enumerate(zip(row, wrapped, strict=True)):
            x = MARGIN + column * (width + TILE_GAP)
            baseline = y + TILE_PADDING + TILE_LINE - 4
            lines = []
            for text in name_lines + heading_lines:
                lines.append(Line(_r(x + TILE_PADDING), _r(baseline), text))
                baseline += TILE_LINE
            tiles.append(
                ActorTile(
                    actor=block["actor"],
                    name=block["name"],
                    heading=block["heading"],
                    href=actor_href(block["actor"]),
                    x=_r(x),
                    y=_r(y),
                    width=_r(width),
                    height=_r(height),
                    name_lines=lines[: len(name_lines)],
                    heading_lines=lines[len(name_lines) :],
                )
            )
        y += height + TILE_GAP
    return tiles, y


def _phase_nodes(phases, phase_href, top):
    nodes = []
    y = top
    for phase in phases:
        lines = wrap(phase.title, RAIL_X - 10 - TITLE_X, TITLE_SIZE, TITLE_MAX_LINES)
        height = max(2 * NODE_RADIUS, len(lines) * TITLE_LINE) + ROW_GAP
        cy = y + height / 2
        first_baseline = cy - (len(lines) - 1) * TITLE_LINE / 2 + TITLE_SIZE * 0.35
        nodes.append(
            PhaseNode(
                number=phase.number,
                title=phase.title,
                href=phase_href(phase),
                cx=NODE_X,
                cy=_r(cy),
                r=NODE_RADIUS,
                hit_y=_r(y + 1),
                hit_height=_r(height - 2),
                lines=[Line(TITLE_X, _r(first_baseline + i * TITLE_LINE), text) for i, text in enumerate(lines)],
            )
        )
        y += height
    return nodes, y


def _loop_path(first, last, top, bottom):
    """From below the last phase down, right, up the rail, left and down into the first phase."""
    b = LOOP_BEND
    top, bottom = _r(top), _r(bottom)
    return (
        f"M{last.cx},{_r(last.cy + last.r)} V{_r(bottom - b)} Q{last.cx},{bottom} {last.cx + b},{bottom} "
        f"H{RAIL_X - b} Q{RAIL_X},{bottom} {RAIL_X},{_r(bottom - b)} V{_r(top + b)} Q{RAIL_X},{top} {RAIL_X - b},{top} "
        f"H{first.cx + b} Q{first.cx},{top} {first.cx},{_r(top + b)} V{_r(first.cy - first.r - 3)}"
    )


def layout(perspectives, phases, phase_href, actor_href, loop_text):
    """The picture of `perspectives` (dicts: actor, name, heading) and `phases` (objects: number, title).

    `phase_href(phase)` and `actor_href(actor)` give the links; `loop_text` is the label on the way back from the
    last phase to the first.
    """
    who_label = Line(MARGIN, MARGIN + LABEL_SIZE, "")
    actors, y = _actor_tiles(perspectives, actor_href, who_label.y + 8)
    how_label = Line(MARGIN, _r(y + 8 + LABEL_SIZE), "")
    loop_top = how_label.y + 12
    nodes, y = _phase_nodes(phases, phase_href, loop_top + LOOP_BEND)
    loop_bottom = y + LOOP_BEND + 4
    spine = loop = ""
    if nodes:
        spine = f"M{NODE_X},{nodes[0].cy} V{nodes[-1].cy}"
        loop = _loop_path(nodes[0], nodes[-1], loop_top, loop_bottom)
    label_width = len(loop_text) * LABEL_SIZE * CHAR_WIDTH + 12
    label_x = (NODE_X + RAIL_X) / 2
    loop_label = Line(_r(label_x), _r(loop_bottom + LABEL_SIZE * 0.35), loop_text)
    box = (label_x - label_width / 2, loop_bottom - LABEL_SIZE * 0.8, label_width, LABEL_SIZE * 1.6)
    return Canvas(
        width=WIDTH,
        height=round(loop_bottom + LABEL_SIZE + MARGIN),
        who_label=who_label,
        how_label=how_label,
        actors=actors,
        phases=nodes,
        spine=spine,
        loop=loop,
        loop_label=loop_label,
        loop_label_box=tuple(_r(value) for value in box),
    )


def handbook_canvas(handbook, phases, request=None, actor_page_url=""):
    """The picture of `handbook` (a HandbookPage) and its live `phases` in order, in the handbook's language.

    Each phase links to its page; each actor to its perspective on the handbook page: `#canvas-<actor>` there,
    `actor_page_url` (the handbook's URL) before it elsewhere.
    """
    phases = list(phases)
    perspectives = [
        {"actor": block.value["actor"], "name": block.value["name"], "heading": block.value["heading"]}
        for block in handbook.perspectives
    ]
    loop_text = ""
    if phases:
        loop_text = gettext("From phase %(last)s back to phase %(first)s") % {
            "last": phases[-1].number,
            "first": phases[0].number,
        }
    return layout(
        perspectives,
        phases,
        phase_href=lambda phase: phase.get_url(request),
        actor_href=lambda actor: f"{actor_page_url}#canvas-{actor}",
        loop_text=loop_text,
    )
