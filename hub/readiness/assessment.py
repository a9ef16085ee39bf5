"""A person's ticks against the phases' checklists, and the plan they give: what is missing, in phase order, with
the templates, partner types and guides that help.

An item is known by its checklist block's id, which is the same in every language and stays when the text is
edited; anything else sent as a tick is ignored.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import F
from django.utils.http import urlencode

from handbook.phases import phases_in
from hub.core.visibility import public_pages

# The phase that answers "can our association start as an employer?"
EMPLOYER_PHASE = 3


@dataclass
class Item:
    id: str
    text: str
    done: bool


@dataclass
class PhaseChecklist:
    phase: object
    items: list
    resources: list = field(default_factory=list)
    guides: list = field(default_factory=list)
    partner_types: list = field(default_factory=list)  # [(partner type, directory link or "")]

    @property
    def done_count(self):
        return sum(item.done for item in self.items)

    @property
    def total(self):
        return len(self.items)

    @property
    def missing(self):
        return [item for item in self.items if not item.done]

    @property
    def is_complete(self):
        return self.done_count == self.total


@dataclass
class Assessment:
    checklists: list  # [PhaseChecklist] in phase order

    @classmethod
    def build(cls, locale_id, done_ids=(), phase_number=None):
        """The live phases of the locale that have a checklist (only `phase_number` when given), ticked by
        `done_ids`."""
        phases = phases_in(locale_id).prefetch_related("partner_types")
        if phase_number is not None:
            phases = phases.filter(number=phase_number)
        done = set(done_ids)
        checklists = []
        for phase in phases:
            items = [Item(block.id, str(block.value), block.id in done) for block in phase.checklist if block.id]
            if items:
                checklists.append(PhaseChecklist(phase, items))
        return cls(checklists)

    def tick(self, done_ids):
        """Marks the items of `done_ids` done and every other item not done."""
        done = set(done_ids)
        for checklist in self.checklists:
            for item in checklist.items:
                item.done = item.id in done

    @property
    def item_ids(self):
        return [item.id for checklist in self.checklists for item in checklist.items]

    def known(self, values):
        """The values that are items of this assessment, each once, in checklist order."""
        given = set(values)
        return [item_id for item_id in self.item_ids if item_id in given]

    @property
    def done_ids(self):
        return [item.id for checklist in self.checklists for item in checklist.items if item.done]

    @property
    def done_count(self):
        return sum(checklist.done_count for checklist in self.checklists)

    @property
    def total(self):
        return sum(checklist.total for checklist in self.checklists)

    @property
    def incomplete(self):
        return [checklist for checklist in self.checklists if not checklist.is_complete]

    @property
    def complete(self):
        return [checklist for checklist in self.checklists if checklist.is_complete]

    def attach_help(self):
        """Sets the templates, guides and partner types of every incomplete phase, in a fixed number of queries."""
        incomplete = self.incomplete
        if not incomplete:
            return
        phases = [checklist.phase for checklist in incomplete]
        resources = pages_by_phase("resources.ResourcePage", phases)
        guides = pages_by_phase("handbook.GuidePage", phases)
        directories = apps.get_model("partners.PartnerDirectoryPage").objects.live()
        directory = directories.filter(public_pages(), locale_id=phases[0].locale_id).order_by("path").first()
        for checklist in incomplete:
            number = checklist.phase.number
            checklist.resources = resources.get(number, [])
            checklist.guides = guides.get(number, [])
            checklist.partner_types = [
                (partner_type, f"{directory.full_url}?{urlencode({'type': partner_type.slug})}" if directory else "")
                for partner_type in checklist.phase.partner_types.all()
            ]


def pages_by_phase(model_label, phases):
    """{phase number: [page]}: the live public `model_label` pages in the phases' language that relate to each of
    `phases`, in tree order, in one query for all. A page's phases are a synchronised field, so a translated page
    names the same phases as its Finnish page, as `pages_for_phase` finds them."""
    model = apps.get_model(model_label)
    number_of = {phase.translation_key: phase.number for phase in phases}
    pages = (
        model.objects.live()
        .filter(public_pages(), locale_id=phases[0].locale_id, phases__translation_key__in=number_of)
        .annotate(phase_key=F("phases__translation_key"))
        .order_by("path")
    )
    by_number = {}
    for page in pages:
        by_number.setdefault(number_of[page.phase_key], []).append(page)
    return by_number
