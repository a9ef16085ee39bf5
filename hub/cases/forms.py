"""The public case-story form: the case-study fields an association can fill in, indicators, images and consent.

Indicators and images are formsets. Images are checked from their headers (size, format, pixels, and the
pixels of all of them together) and decoded only once everything else is valid. An image that passed the checks
is held across a failed submit, so the sender need not choose it again (see hub.core.uploads).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.core.facts import asked_facts
from hub.core.models import Perspective
from hub.core.protection import ProtectedForm
from hub.core.uploads import check_image, decode_image, held_image, hold_image, release_held_image

from .models import CaseStudyPage

MAX_IMAGES = 3
MAX_INDICATORS = 3
INDICATOR_PARTS = ("perspective", "indicator", "value", "unit", "period", "source", "source_url")
INDICATOR_REQUIRED = ("perspective", "indicator", "value", "period", "source")
SECTIONS = (
    ("association", _("Your village and association"), None),
    ("story", _("The story"), None),
    ("indicators", _("Indicators"), _("Optional. Figures that show what the work achieved, each with its source.")),
    ("images", _("Images"), _("Optional. JPEG, PNG or WebP. Location and camera data are removed.")),
    ("contact", _("Contact details"), None),
)
FACTS = "facts"  # where in a section the facts asked in it come (see CaseStudyPage.facts)
SECTION_FIELDS = {
    "association": (FACTS,),
    "story": ("title", "summary", "story", "lessons", FACTS),
    "contact": (FACTS, "consent"),
}


def section_fields(key):
    """The names of the fields of the form's section `key`, in order."""
    names = []
    for name in SECTION_FIELDS.get(key, ()):
        if name == FACTS:
            names += [fact.key for fact in asked_facts(CaseStudyPage) if (fact.form_section or SECTIONS[0][0]) == key]
        else:
            names.append(name)
    return names


class IndicatorForm(forms.Form):
    """One indicator row: empty, or complete with its source."""

    row = None

    perspective = forms.ChoiceField(required=False, choices=[("", "—"), *Perspective.choices], label=_("Perspective"))
    indicator = forms.CharField(required=False, max_length=200, label=_("What was measured"))
    value = forms.DecimalField(required=False, max_digits=14, decimal_places=2, localize=True, label=_("Value"))
    unit = forms.CharField(required=False, max_length=40, label=_("Unit"))
    period = forms.CharField(required=False, max_length=60, label=_("Period"))
    source = forms.CharField(required=False, max_length=200, label=_("Source"))
    source_url = forms.URLField(required=False, max_length=500, assume_scheme="https", label=_("Source address"))

    def clean(self):
        cleaned = super().clean()
        self.row = None
        row = {part: cleaned.get(part) for part in INDICATOR_PARTS}
        if all(value in (None, "") for value in row.values()) and not self.errors:
            return cleaned
        missing = [part for part in INDICATOR_REQUIRED if row[part] in (None, "") and part not in self.errors]
        for part in missing:
            self.add_error(part, _("Fill in this part of the indicator, or empty the row."))
        if not self.errors:
            self.row = {**row, "unit": row["unit"] or "", "source_url": row["source_url"] or ""}
        return cleaned


class ImageForm(forms.Form):
    """One image with its alt text; `held` names an image accepted in an earlier, failed submit.

    `checked` is (the image, its pixels, the sender's name for it) once its header passed; `accepted` is (the
    re-encoded image, the name) once `decode` has decoded it.
    """

    checked = accepted = kept_name = None

    image = forms.FileField(
        required=False,
        label=_("Image"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt = forms.CharField(required=False, max_length=255, label=_("What the image shows, for people who cannot see it"))
    held = forms.CharField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(required=False, label=_("Remove this image"))

    def clean(self):
        cleaned = super().clean()
        self.checked = self.accepted = self.kept_name = None
        upload, token = cleaned.get("image"), cleaned.get("held", "")
        try:
            if upload:
                self.checked = (*check_image(upload), upload.name)
            elif token and not cleaned.get("remove"):
                content, name = held_image(token)
                self.checked = (*check_image(content), name)
        except forms.ValidationError as error:
            self.add_error("image", error)
            return cleaned
        if self.checked and not cleaned.get("alt", "").strip():
            self.add_error("alt", _("Describe the image for people who cannot see it."))
        return cleaned

    def decode(self):
        """Decodes and re-encodes the checked image; False, with the error on the image, if it cannot be read."""
        content, _pixels, name = self.checked
        try:
            self.accepted = (decode_image(content), name)
        except forms.ValidationError as error:
            self.checked = None
            self.add_error("image", error)
            return False
        return True


class BaseImageFormSet(forms.BaseFormSet):
    def clean(self):
        """The images of one submission together may have at most MAX_REQUEST_IMAGE_PIXELS pixels."""
        total = sum(form.checked[1] for form in self.forms if form.checked)
        if total > settings.MAX_REQUEST_IMAGE_PIXELS:
            raise forms.ValidationError(
                _("The images together have too many pixels: at most %(megapixels)s megapixels in one sending.")
                % {"megapixels": settings.MAX_REQUEST_IMAGE_PIXELS // 1_000_000},
                code="too_many_pixels",
            )


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, extra=MAX_INDICATORS, max_num=MAX_INDICATORS, absolute_max=MAX_INDICATORS, validate_max=True
)
ImageFormSet = forms.formset_factory(
    ImageForm,
    formset=BaseImageFormSet,
    extra=MAX_IMAGES,
    max_num=MAX_IMAGES,
    absolute_max=MAX_IMAGES,
    validate_max=True,
)


# The form fields of the facts the form asks, as CaseStudyPage declares them.
FACT_QUESTIONS = {fact.key: fact.question for fact in asked_facts(CaseStudyPage)}
CaseFactsForm = type("CaseFactsForm", (ProtectedForm,), FACT_QUESTIONS)


class CaseSubmissionForm(CaseFactsForm):
    title = forms.CharField(max_length=200, label=_("Title of your story"))
    summary = forms.CharField(max_length=255, label=_("Your story in one sentence"))
    story = forms.CharField(max_length=20000, label=_("Your story"), widget=forms.Textarea(attrs={"rows": 12}))
    lessons = forms.CharField(
        required=False,
        max_length=5000,
        label=_("Lessons learned"),
        help_text=_("One lesson per line."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the story is published and my details handled as the privacy notice says.")
    )

    def __init__(self, data=None, files=None, *, locale, **kwargs):
        super().__init__(data, files, **kwargs)
        for fact in asked_facts(CaseStudyPage):
            choices = fact.kind.choices(CaseStudyPage, fact.field, locale)
            if choices is not None:
                self.fields[fact.key].choices = choices
        self.indicators = IndicatorFormSet(data, prefix="indicators")
        self.images = ImageFormSet(data, files, prefix="images")

    def is_valid(self):
        results = [super().is_valid(), self.indicators.is_valid(), self.images.is_valid()]
        return all(results)

    def prepare(self):
        """Decodes the images, which is costly: only for an otherwise valid story from a client within its limits."""
        decoded = [form.decode() for form in self.images if form.checked]  # every image, to report each problem
        return all(decoded)

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("year_started"), cleaned.get("year_ended")
        if started and ended and ended < started:
            self.add_error("year_ended", _("The end year cannot be before the start year."))
        return cleaned

    def answers(self):
        """The cleaned answers with the filled indicator rows and the accepted images with their alt texts."""
        answers = super().answers()
        answers["indicators"] = [form.row for form in self.indicators if form.row]
        answers["images"] = [
            (form.accepted[0], form.cleaned_data["alt"].strip()) for form in self.images if form.accepted
        ]
        return answers

    def held_tokens(self):
        return [form.cleaned_data["held"] for form in self.images if form.cleaned_data.get("held")]

    def hold_images(self):
        """After a failed submit: keeps each image that passed the checks for the re-rendered form, which shows it as
        kept."""
        data = self.data.copy()
        for form in self.images:
            cleaned = getattr(form, "cleaned_data", {})
            token = cleaned.get("held", "")
            checked = form.checked
            if token and (cleaned.get("image") or not checked):
                release_held_image(token)
                token = ""
            if checked and not token:
                token = hold_image(checked[0], checked[2])
            form.kept_name = checked[2] if checked else None
            data[form.add_prefix("held")] = token
            data.pop(form.add_prefix("remove"), None)
        self.data = self.images.data = data
        for form in self.images:
            form.data = data

    def sections(self):
        """The form's parts in order, each with a legend, its fields and, for indicators and images, its formset."""
        parts = []
        for key, legend, intro in SECTIONS:
            formset = {"indicators": self.indicators, "images": self.images}.get(key)
            fields = [self[name] for name in section_fields(key)]
            parts.append({"key": key, "legend": legend, "intro": intro, "fields": fields, "formset": formset})
        return parts

    def problems(self):
        """Every error as (id of the field to jump to, label, messages), in the order of the page."""
        found = [("", "", error) for error in self.non_field_errors()]
        for section in self.sections():
            for field in section["fields"]:
                if field.errors:
                    found.append((_anchor(field), field.label, " ".join(field.errors)))
            formset = section["formset"]
            if formset is None:
                continue
            found += [("", "", error) for error in formset.non_form_errors()]
            for number, form in enumerate(formset, start=1):
                for field in form.visible_fields():
                    if field.errors:
                        label = f"{row_legend(section['key'], number)}: {field.label}"
                        found.append((_anchor(field), label, " ".join(field.errors)))
        return found


def row_legend(key, number):
    if key == "indicators":
        return _("Indicator %(number)s") % {"number": number}
    return _("Image %(number)s") % {"number": number}


def _anchor(field):
    return field.auto_id + ("_0" if field.use_fieldset else "")
