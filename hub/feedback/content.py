"""Loads the seeded forms from `hub/feedback/content/<language>/forms/`; see `content/SCHEMA.md`.

Fields are matched by their stored name, so reloading a changed file keeps the fields (and the answers
stored under their names) and a translation's fields stay linked to the Finnish ones.
"""

from pathlib import Path

from hub.core.content import ContentError, ContentFolder, apply_page_basics, home_page, paragraphs, require
from hub.core.phases import source_phases

from .models import CHOICE_FIELD_TYPES, FeedbackFormField, FeedbackFormPage

CONTENT = Path(__file__).resolve().parent / "content"
FIELD_TYPES = {"singleline", "multiline", "email", "number", "url", "checkbox", "date", *CHOICE_FIELD_TYPES}
SHARED_FIELD_KEYS = ("name", "type", "required", "personal")


def _apply_form(page, data):
    apply_page_basics(page, data)
    page.intro = paragraphs(data.get("intro", ""))
    page.thank_you_text = paragraphs(data.get("thank_you", ""))
    page.submit_label = data.get("submit_label", "")
    page.phases = source_phases(data.get("phases"))
    page.keep_contact_apart = bool(data.get("keep_contact_apart", True))
    existing = {field.clean_name: field for field in page.form_fields.all()}
    fields = []
    for order, item in enumerate(data["fields"]):
        field = existing.get(item["name"]) or FeedbackFormField(clean_name=item["name"], locale=page.locale)
        field.sort_order = order
        field.label = item["label"]
        field.field_type = item["type"]
        field.required = bool(item.get("required", False))
        field.help_text = item.get("help_text", "")
        field.choices = "\n".join(item.get("choices", []))
        field.personal = bool(item.get("personal", False))
        fields.append(field)
    page.form_fields = fields


def _validate_form(data, path, source):
    require(data, ["title", "slug", "fields"], path)
    for item in data["fields"]:
        require(item, ["name", "label", "type"], path)
        if item["type"] not in FIELD_TYPES:
            raise ContentError(f"{path}: field {item['name']!r} has an unknown type {item['type']!r}")
        if (item["type"] in CHOICE_FIELD_TYPES) != bool(item.get("choices")):
            raise ContentError(f"{path}: field {item['name']!r}: choices go with (and only with) choice types")
    if source is not None:
        shape = [
            [item.get(key) for key in SHARED_FIELD_KEYS] + [len(item.get("choices", []))] for item in data["fields"]
        ]
        original = [
            [item.get(key) for key in SHARED_FIELD_KEYS] + [len(item.get("choices", []))] for item in source["fields"]
        ]
        page_keys = ("phases", "keep_contact_apart")
        if shape != original or any(data.get(key) != source.get(key) for key in page_keys):
            raise ContentError(
                f"{path}: fields (names, types, numbers of choices), phases or keep_contact_apart differ from the "
                "Finnish file"
            )
    return data


def load(run):
    ContentFolder("feedback", CONTENT).sync_children(
        run, parent=home_page(), model=FeedbackFormPage, subfolder="forms", validate=_validate_form, apply=_apply_form
    )
