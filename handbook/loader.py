"""Loads the handbook page, its eleven phases and its guides from `handbook/content/`."""

from pathlib import Path

from hub.core.loader import (
    SOURCE_LANGUAGE,
    ContentError,
    ContentFolder,
    apply_page_basics,
    home_page,
    paragraphs,
    source_link,
)
from hub.core.models import PartnerType

from .models import GuidePage, HandbookPage, PhasePage
from .phases import source_phases
from .schema import GuideFile, HandbookFile, PhaseFile

CONTENT = Path(__file__).resolve().parent / "content"


def _apply_handbook(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.idea = paragraphs(data.get("idea", ""))
    page.actors = [("actor", item) for item in data.get("actors", [])]
    page.perspectives = [("perspective", item) for item in data.get("perspectives", [])]
    page.loop_text = data.get("loop", "")
    page.content_checked = data.get("checked")
    page.show_in_menus = True


def _apply_phase(page, data):
    page.number = data["number"]
    apply_page_basics(page, data)
    page.card_text = " ".join(data.get("card_text", "").split())
    page.card_items = [("item", item) for item in data.get("card_items", [])]
    page.why = paragraphs(data.get("why", ""))
    page.tasks = [("task", task) for task in data.get("tasks", [])]
    page.questions = [("question", question) for question in data.get("questions", [])]
    page.checklist = [("item", item) for item in data.get("checklist", [])]
    page.outputs = [("output", output) for output in data.get("outputs", [])]
    page.metrics = [("metric", metric) for metric in data.get("metrics", [])]
    page.tips = [("tip", tip) for tip in data.get("tips", [])]
    page.sources = [("link", source_link(link)) for link in data.get("sources", [])]
    page.content_checked = data.get("checked")
    page.partner_types = list(PartnerType.objects.filter(locale=page.locale, slug__in=data.get("partner_types", [])))


def _section(section):
    return {
        "heading": section["heading"],
        "text": paragraphs(section.get("text", "")),
        "facts": [{**fact, "source": source_link(fact["source"])} for fact in section.get("facts", [])],
        "items": section.get("items", []),
        "ask": [{**ask, "where": source_link(ask["where"])} for ask in section.get("ask", [])],
    }


def _apply_guide(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.sections = [("section", _section(section)) for section in data["sections"]]
    page.phases = source_phases(data["phases"])
    page.content_checked = data.get("checked")


def load(run):
    content = ContentFolder("handbook", CONTENT)
    handbook = content.sync(
        run,
        parent=home_page(),
        model=HandbookPage,
        relative="handbook.yaml",
        validate=HandbookFile.check,
        apply=_apply_handbook,
    )
    folder = CONTENT / SOURCE_LANGUAGE
    relatives = [path.relative_to(folder) for path in sorted((folder / "phases").glob("*.yaml"))]
    phases = {relative: content.read(relative, PhaseFile.check) for relative in relatives}
    numbers = sorted(phase["number"] for phase in phases.values())
    if numbers != list(range(1, len(numbers) + 1)):
        raise ContentError(f"{folder / 'phases'}: phase numbers must run 1..{len(numbers)}, found {numbers}")
    for relative, phase in sorted(phases.items(), key=lambda item: item[1]["number"]):
        content.sync(
            run,
            parent=handbook,
            model=PhasePage,
            relative=relative,
            validate=PhaseFile.check,
            apply=_apply_phase,
            data=phase,
        )
    content.sync_children(
        run, parent=handbook, model=GuidePage, subfolder="guides", validate=GuideFile.check, apply=_apply_guide
    )
    for translation in [handbook, *handbook.get_translations()]:
        translation.specific.put_phases_in_order()
