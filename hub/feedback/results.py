"""Counts per choice for a form's choice fields, over the answers sent in every language."""

import textwrap
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission

from .models import CHOICE_FIELD_TYPES, ContactRequest, FeedbackFormPage


@dataclass
class ChoiceCount:
    label: str
    count: int = 0
    share: int = 0


@dataclass
class FieldSummary:
    label: str
    multiple: bool
    boolean: bool
    choices: list = field(default_factory=list)
    answered: int = 0
    unanswered: int = 0


def summarise(page):
    """(number of answers, [FieldSummary]) for `page` and its translations.

    Answers are stored under the field's name, which is the same in every language; a choice is stored by
    its label in the answerer's language, so labels are matched to the page's own labels by position.
    A single checkbox counts the answers that ticked it. A question left blank ("no answer") is not counted as any
    choice nor in the shares: it is counted as unanswered.
    """
    versions = list(
        FeedbackFormPage.objects.filter(translation_key=page.translation_key).prefetch_related("form_fields")
    )
    positions = {  # (page pk, field name) -> {label in that page's language: position}
        (version.pk, form_field.clean_name): {label: index for index, label in enumerate(form_field.choice_list())}
        for version in versions
        for form_field in version.form_fields.all()
    }
    summaries = {}
    for form_field in page.form_fields.all():
        if form_field.field_type == "checkbox":
            summaries[form_field.clean_name] = FieldSummary(form_field.label, False, True, [ChoiceCount(_("Ticked"))])
        elif form_field.field_type in CHOICE_FIELD_TYPES:
            multiple = form_field.field_type in ("checkboxes", "multiselect")
            choices = [ChoiceCount(label) for label in form_field.choice_list()]
            summaries[form_field.clean_name] = FieldSummary(form_field.label, multiple, False, choices)
    total = 0
    answers = FormSubmission.objects.filter(page__in=[version.pk for version in versions])
    for page_id, data in answers.values_list("page_id", "form_data").iterator():
        total += 1
        for name, summary in summaries.items():
            value = data.get(name)
            if summary.boolean:
                summary.answered += isinstance(value, bool)
                summary.choices[0].count += value is True
                continue
            if value in (None, "", []):
                continue
            summary.answered += 1
            lookup = positions.get((page_id, name), {})
            for item in value if isinstance(value, list) else [value]:
                index = lookup.get(item)
                if index is not None and index < len(summary.choices):
                    summary.choices[index].count += 1
    for summary in summaries.values():
        if not summary.boolean:
            summary.unanswered = total - summary.answered
        for choice in summary.choices:
            choice.share = round(100 * choice.count / summary.answered) if summary.answered else 0
    return total, list(summaries.values())


def contact_requests(page):
    """([labels of the personal fields], [(date sent, [values])]) for `page` and its translations, newest first."""
    personal = [form_field for form_field in page.form_fields.all() if form_field.personal]
    requests = ContactRequest.objects.filter(page__translation_key=page.translation_key)
    rows = [(request.sent_on, [request.contact_data.get(f.clean_name, "") for f in personal]) for request in requests]
    return [form_field.label for form_field in personal], rows


@dataclass
class Tally:
    """The answers of one group (all languages, or one language) to one question: counts per choice."""

    choices: int
    answered: int = 0
    counts: list = field(default_factory=list)

    def __post_init__(self):
        self.counts = self.counts or [0] * self.choices

    @property
    def shares(self):
        """Whole per cents, halves rounded up as people round them (1 of 8 is 13 %)."""
        return [(200 * count + self.answered) // (2 * self.answered) if self.answered else 0 for count in self.counts]


@dataclass
class QuestionResult:
    """One choice question's answers, in total and per language of the answer, with labels in one language."""

    name: str
    label: str
    choices: list
    multiple: bool
    boolean: bool
    total: Tally
    languages: dict = field(default_factory=dict)  # language code -> Tally


def versions_of(form):
    """Every language version of `form`, with its fields, in two queries."""
    versions = FeedbackFormPage.objects.filter(translation_key=form.translation_key)
    return list(versions.select_related("locale").prefetch_related("form_fields"))


def aggregate(form, locale_id, versions=None):
    """[QuestionResult] for the choice questions and single checkboxes of `form` over its answers in every language.

    Labels come from the form's version in the locale `locale_id` (else `form`'s own). Free-text questions are left out
    entirely. One query reads the answers in one pass, so the number of queries does not grow with the answers.
    A blank answer is not counted; a single checkbox counts as yes or no.
    """
    versions = versions if versions is not None else versions_of(form)
    shown = next((version for version in versions if version.locale_id == locale_id), form)
    positions = {
        (version.pk, form_field.clean_name): {label: index for index, label in enumerate(form_field.choice_list())}
        for version in versions
        for form_field in version.form_fields.all()
    }
    languages = {version.pk: version.locale.language_code for version in versions}
    questions = {}
    for form_field in shown.form_fields.all():
        if form_field.field_type == "checkbox":
            questions[form_field.clean_name] = QuestionResult(
                form_field.clean_name, form_field.label, [_("Yes"), _("No")], False, True, Tally(2)
            )
        elif form_field.field_type in CHOICE_FIELD_TYPES and form_field.choice_list():
            choices = form_field.choice_list()
            multiple = form_field.field_type in ("checkboxes", "multiselect")
            questions[form_field.clean_name] = QuestionResult(
                form_field.clean_name, form_field.label, choices, multiple, False, Tally(len(choices))
            )
    if not questions:
        return []
    answers = FormSubmission.objects.filter(page__in=list(languages)).values_list("page_id", "form_data")
    for page_id, data in answers.iterator():
        language = languages[page_id]
        for name, question in questions.items():
            indexes = _chosen(question, data.get(name), positions.get((page_id, name), {}))
            if indexes is None:
                continue
            by_language = question.languages.setdefault(language, Tally(len(question.choices)))
            for tally in (question.total, by_language):
                tally.answered += 1
                for index in indexes:
                    tally.counts[index] += 1
    return list(questions.values())


def _chosen(question, value, lookup):
    """The positions of the choices an answer chose; None when it is no answer to the question."""
    if question.boolean:
        return [0 if value else 1] if isinstance(value, bool) else None
    if value in (None, "", []) or isinstance(value, bool):
        return None
    items = value if isinstance(value, list) else [value]
    indexes = [lookup[item] for item in items if lookup.get(item, len(question.choices)) < len(question.choices)]
    return indexes or None


@dataclass
class Column:
    """One group's numbers in a published question: its heading, answers and (count, share) per choice."""

    heading: str
    answered: int
    cells: list


@dataclass
class ChartRow:
    label_lines: list
    label_y: int
    bar_y: int
    width: float  # per cent of the chart's width
    count: int
    share: int


@dataclass
class PublishedQuestion:
    """A question as the public results page shows it: numbers only when enough people answered it."""

    label: str
    multiple: bool
    answered: int
    enough: bool
    columns: list = field(default_factory=list)
    by_language_withheld: bool = False
    rows: list = field(default_factory=list)  # (choice label, [(count, share) per column])
    chart_rows: list = field(default_factory=list)
    chart_height: int = 0


CHART_LABEL_CHARACTERS = 34
CHART_LINE = 20
CHART_BAR = 22
CHART_GAP = 18
CHART_BAR_SPACE = 70  # per cent of the width the longest possible bar takes; its number goes after it


def chart(labels, counts, shares):
    """Rows of a horizontal bar chart drawn in SVG with widths in per cent, so that text keeps its size."""
    rows, y = [], 0
    for label, count, share in zip(labels, counts, shares, strict=True):
        lines = textwrap.wrap(str(label), CHART_LABEL_CHARACTERS) or [""]
        label_y = y + CHART_LINE - 5
        bar_y = y + len(lines) * CHART_LINE + 4
        rows.append(ChartRow(lines, label_y, bar_y, share * CHART_BAR_SPACE / 100, count, share))
        y = bar_y + CHART_BAR + CHART_GAP
    return rows, max(y - CHART_GAP + 2, 0)


def language_name(code):
    return capfirst(get_language_info(code)["name_translated"])


def column(heading, tally):
    return Column(heading, tally.answered, list(zip(tally.counts, tally.shares, strict=True)))


def publish(questions, minimum):
    """[PublishedQuestion] of `questions` (from `aggregate`) with the numbers a results page may show.

    A question with fewer than `minimum` answers shows no numbers. Numbers by language are shown only when every
    language with answers to the question has at least `minimum` of them: otherwise the total less the others would
    give away the few answers of one language.
    """
    published = []
    for question in questions:
        total = question.total
        item = PublishedQuestion(question.label, question.multiple, total.answered, total.answered >= minimum)
        if item.enough:
            item.columns.append(column(_("All languages"), total))
            languages = [
                (code, question.languages[code]) for code, _name in settings.LANGUAGES if code in question.languages
            ]
            if all(tally.answered >= minimum for _code, tally in languages):
                if len(languages) > 1:
                    item.columns += [column(language_name(code), tally) for code, tally in languages]
            else:
                item.by_language_withheld = True
            item.chart_rows, item.chart_height = chart(question.choices, total.counts, total.shares)
            item.rows = [
                (label, [group.cells[index] for group in item.columns]) for index, label in enumerate(question.choices)
            ]
        published.append(item)
    return published
