"""Loads the seeded forms from `hub/feedback/content/<language>/forms/`; see `content/SCHEMA.md`.

Fields are matched by their stored name, so reloading a changed file keeps the fields (and the answers
stored under their names) and a translation's fields stay linked to the Finnish ones.
"""

from pathlib import Path

from handbook.phases import source_phases
from hub.core.loader import ContentFolder, apply_page_basics, home_page, paragraphs

from .models import FeedbackFormField, FeedbackFormPage
from .schema import FormFile

CONTENT = Path(__file__).resolve().parent / "content"


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


def load(run):
    ContentFolder("feedback", CONTENT).sync_children(
        run, parent=home_page(), model=FeedbackFormPage, subfolder="forms", validate=FormFile.check, apply=_apply_form
    )
