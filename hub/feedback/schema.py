"""What the seeded forms' content files may contain; written out as `content/SCHEMA.md`."""

import typing
from pathlib import Path

from pydantic import Field, StringConstraints, model_validator

from hub.core.content_schema import SAME_COUNT, SHARED, ContentItem, PageFile, SchemaDocument, Text, one_of, refuse

from .models import CHOICE_FIELD_TYPES

FIELD_TYPES = ("singleline", "multiline", "email", "number", "url", "checkbox", *CHOICE_FIELD_TYPES, "date")
FieldName = typing.Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]


class FormField(ContentItem):
    name: typing.Annotated[FieldName, SHARED] = Field(
        description="the stored name: ASCII, lower case, underscores; never changes", examples=["palvelut"]
    )
    label: Text = Field(examples=["Mitä palveluja kotitaloutenne tarvitsisi?"])
    type: typing.Annotated[one_of(FIELD_TYPES), SHARED] = Field(examples=["checkboxes"])
    required: typing.Annotated[bool, SHARED] = Field(False, examples=[True])
    help_text: str = Field("", description="optional", examples=["Valitse kaikki sopivat."])
    choices: typing.Annotated[list[str], SAME_COUNT] = Field(
        [],
        description=f"for {', '.join(CHOICE_FIELD_TYPES)} only; matched by position across languages",
        examples=[["Piha- ja puutarhatyöt"]],
    )
    personal: typing.Annotated[bool, SHARED] = Field(
        False,
        description="true for fields that can identify a person (name, email, phone, address): they are removed "
        "after the retention period",
    )

    @model_validator(mode="after")
    def choices_with_choice_types(self):
        if (self.type in CHOICE_FIELD_TYPES) != bool(self.choices):
            refuse(type(self), [(("choices",), "choices go with (and only with) choice types", self.choices)])
        return self


class FormFile(PageFile):
    """One FeedbackFormPage per file (a form editors can later change in the admin), under the home page."""

    intro: str = Field(
        "", description="shown above the form; paragraphs separated by a blank line", examples=["Paragraph.\n"]
    )
    thank_you: str = Field("", description="shown after a successful submission; paragraphs", examples=["Paragraph.\n"])
    submit_label: str = Field("", description="the button text", examples=["Lähetä vastaukset"])
    phases: typing.Annotated[list[int], SHARED] = Field(
        [], description="the phases of the model (1..11) the form serves; may be empty", examples=[[4]]
    )
    keep_contact_apart: typing.Annotated[bool, SHARED] = Field(
        True,
        description="answers to `personal` fields are stored as a separate contact request, not linked to the "
        "answers; false only when the contact details must go with the answer (e.g. to reply to feedback)",
    )
    fields: list[FormField] = Field(min_length=1)


DOCUMENT = SchemaDocument(
    title="Form content files",
    intro="""
        Each file in `fi/forms/` is a `FeedbackFormPage` (a form editors can later change in the admin)
        under the home page; `sv/forms/` and `en/forms/` hold translations with the same file names.
        Submitted answers are stored under each field's `name`, which is the same in every language, so
        answers from all three languages can be counted together. `name`, `type`, `required`, `personal`
        and the number of `choices` must be identical in every language; choices are matched by position.
        An optional `dropdown` or `radio` gets a "no answer" choice of its own (stored as blank, not counted
        as any choice): don't write one into `choices`. Fields are matched by their stored name, so
        reloading a changed file keeps the fields (and the answers stored under their names).
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"`fi/forms/<slug>.yaml`: one FeedbackFormPage per file": FormFile},
)
