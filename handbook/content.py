"""Loads the handbook page and its eleven phases from `handbook/content/fi/`."""

from pathlib import Path

from hub.core.content import (
    SOURCE_LANGUAGE,
    ContentError,
    home_page,
    paragraphs,
    read_yaml,
    require,
    sync_page,
    sync_translation,
    translations,
)
from hub.core.models import Actor, PartnerType, Perspective

from .models import HandbookPage, PhasePage

CONTENT = Path(__file__).resolve().parent / "content"
ACTORS = set(Actor.values)
PERSPECTIVES = set(Perspective.values)


def _key(path):
    return f"handbook/{path.relative_to(CONTENT)}"


def _check_choice(value, allowed, what, path):
    if value not in allowed:
        raise ContentError(f"{path}: {what} {value!r} is not one of {', '.join(sorted(allowed))}")
    return value


def _apply_handbook(page, data):
    page.title = data["title"]
    page.slug = data["slug"]
    page.summary = data.get("summary", "")
    page.intro = paragraphs(data.get("intro", ""))
    page.idea = paragraphs(data.get("idea", ""))
    page.actors = [("actor", item) for item in data.get("actors", [])]
    page.perspectives = [("perspective", item) for item in data.get("perspectives", [])]
    page.loop_text = data.get("loop", "")
    page.show_in_menus = True


def _apply_phase(page, data):
    page.number = data["number"]
    page.title = data["title"]
    page.slug = data["slug"]
    page.summary = data.get("summary", "")
    page.card_text = " ".join(data.get("card_text", "").split())
    page.card_items = [("item", item) for item in data.get("card_items", [])]
    page.why = paragraphs(data.get("why", ""))
    page.tasks = [("task", task) for task in data.get("tasks", [])]
    page.questions = [("question", question) for question in data.get("questions", [])]
    page.checklist = [("item", item) for item in data.get("checklist", [])]
    page.outputs = [("output", output) for output in data.get("outputs", [])]
    page.metrics = [("metric", metric) for metric in data.get("metrics", [])]
    page.tips = [("tip", tip) for tip in data.get("tips", [])]
    page.sources = [("link", link) for link in data.get("sources", [])]
    page.partner_types = list(PartnerType.objects.filter(locale=page.locale, slug__in=data.get("partner_types", [])))


def _validate_phase(data, path):
    require(data, ["number", "title", "slug", "summary"], path)
    for task in data.get("tasks", []):
        _check_choice(task.get("actor"), ACTORS, "actor", path)
    for metric in data.get("metrics", []):
        _check_choice(metric.get("perspective"), PERSPECTIVES, "perspective", path)
    known = set(PartnerType.objects.filter(slug__in=data.get("partner_types", [])).values_list("slug", flat=True))
    unknown = set(data.get("partner_types", [])) - known
    if unknown:
        raise ContentError(f"{path}: unknown partner types {', '.join(sorted(unknown))}")


def _read_handbook(path):
    data = read_yaml(path)
    require(data, ["title", "slug"], path)
    for item in data.get("actors", []) + data.get("perspectives", []):
        _check_choice(item.get("actor"), ACTORS, "actor", path)
    return data


def _load_translations(run, original, relative, validate, apply):
    """Loads each translation of the source file `relative` as a translation of the page `original`."""
    for language, path in translations(CONTENT, relative):
        data = read_yaml(path)
        validate(data, path)
        sync_translation(run, original=original, language=language, key=_key(path), data=data, apply=apply)


def load(run):
    folder = CONTENT / SOURCE_LANGUAGE
    path = folder / "handbook.yaml"
    data = _read_handbook(path)
    handbook = sync_page(run, parent=home_page(), model=HandbookPage, key=_key(path), data=data, apply=_apply_handbook)
    _load_translations(run, handbook, "handbook.yaml", lambda data, path: _read_handbook(path), _apply_handbook)

    phase_files = sorted((folder / "phases").glob("*.yaml"))
    phases = [(phase_path, read_yaml(phase_path)) for phase_path in phase_files]
    for phase_path, phase in phases:
        _validate_phase(phase, phase_path)
    numbers = [phase["number"] for _path, phase in phases]
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise ContentError(f"{folder / 'phases'}: phase numbers must run 1..{len(numbers)}, found {sorted(numbers)}")
    for phase_path, phase in sorted(phases, key=lambda item: item[1]["number"]):
        page = sync_page(run, parent=handbook, model=PhasePage, key=_key(phase_path), data=phase, apply=_apply_phase)

        def validate_translation(data, path, number=phase["number"]):
            _validate_phase(data, path)
            if data["number"] != number:
                raise ContentError(f"{path}: number {data['number']} differs from the Finnish phase's {number}")

        _load_translations(run, page, phase_path.relative_to(folder), validate_translation, _apply_phase)
