"""Counts per choice for a form's choice fields, over the answers sent in every language."""

from dataclasses import dataclass, field

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
