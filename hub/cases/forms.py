"""The public case-story form: the case-study fields an association can fill in, images and consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.models import EmploymentForm, FundingSource, Perspective, Region, ServiceType
from hub.core.phases import phase_choices
from hub.core.protection import ProtectedForm
from hub.core.uploads import clean_image

from .models import CaseStatus

MAX_IMAGES = 3
MAX_INDICATORS = 3
INDICATOR_PARTS = ("perspective", "indicator", "value", "unit", "period", "source", "source_url")
INDICATOR_REQUIRED = ("perspective", "indicator", "value", "period", "source")
CURRENT_YEARS = (1990, 2100)


class CaseSubmissionForm(ProtectedForm):
    title = forms.CharField(max_length=200, label=_("Title of your story"))
    village = forms.CharField(max_length=120, label=_("Village"))
    region = forms.ChoiceField(label=_("Region"))
    status = forms.ChoiceField(choices=CaseStatus.choices, label=_("Status"), widget=forms.RadioSelect)
    year_started = forms.IntegerField(
        required=False, min_value=CURRENT_YEARS[0], max_value=CURRENT_YEARS[1], label=_("Year started")
    )
    year_ended = forms.IntegerField(
        required=False, min_value=CURRENT_YEARS[0], max_value=CURRENT_YEARS[1], label=_("Year ended")
    )
    people_employed = forms.IntegerField(
        required=False, min_value=0, max_value=10000, label=_("People employed or placed so far")
    )
    services = forms.MultipleChoiceField(label=_("Services produced"), widget=forms.CheckboxSelectMultiple)
    employment_forms = forms.MultipleChoiceField(
        required=False, label=_("How people are employed"), widget=forms.CheckboxSelectMultiple
    )
    funding_sources = forms.MultipleChoiceField(required=False, label=_("Funding"), widget=forms.CheckboxSelectMultiple)
    phases = forms.MultipleChoiceField(
        required=False, label=_("Phases of the model you went through"), widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(max_length=255, label=_("Your story in one sentence"))
    story = forms.CharField(max_length=20000, label=_("Your story"), widget=forms.Textarea(attrs={"rows": 12}))
    lessons = forms.CharField(
        required=False,
        max_length=5000,
        label=_("Lessons learned"),
        help_text=_("One lesson per line."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_name = forms.CharField(
        required=False, max_length=120, label=_("Contact person shown on the page"), help_text=_("Optional.")
    )
    contact_email = forms.EmailField(
        required=False, label=_("Contact email shown on the page"), help_text=_("Optional.")
    )
    submitter_name = forms.CharField(max_length=120, label=_("Your name (not published)"))
    submitter_email = forms.EmailField(
        label=_("Your email (not published)"), help_text=_("The moderators use it only to ask about your story.")
    )
    consent = forms.BooleanField(
        label=_("I agree that the story is published and my details handled as the privacy notice says.")
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—"), *Region.options(locale)]
        self.fields["services"].choices = ServiceType.options(locale)
        self.fields["employment_forms"].choices = EmploymentForm.options(locale)
        self.fields["funding_sources"].choices = FundingSource.options(locale)
        labels = {
            "perspective": _("perspective"),
            "indicator": _("what was measured"),
            "value": _("value"),
            "unit": _("unit"),
            "period": _("period"),
            "source": _("source"),
            "source_url": _("source address"),
        }
        for number in range(1, MAX_INDICATORS + 1):
            for part, label in labels.items():
                self.fields[f"indicator_{number}_{part}"].label = _("Indicator %(number)s: %(part)s") % {
                    "number": number,
                    "part": label,
                }
        for number in range(1, MAX_IMAGES + 1):
            self.fields[f"image_{number}"].label = _("Image %(number)s") % {"number": number}
            self.fields[f"image_{number}_alt"].label = _(
                "What image %(number)s shows, for people who cannot see it"
            ) % {"number": number}
        self.fields["phases"].choices = phase_choices(locale)

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("year_started"), cleaned.get("year_ended")
        if started and ended and ended < started:
            self.add_error("year_ended", _("The end year cannot be before the start year."))
        cleaned["indicators"] = indicator_rows(self, cleaned)
        cleaned["images"] = []
        for number in range(1, MAX_IMAGES + 1):
            upload, alt = cleaned.get(f"image_{number}"), cleaned.get(f"image_{number}_alt", "").strip()
            if not upload:
                continue
            try:
                image = clean_image(upload)
            except forms.ValidationError as error:
                self.add_error(f"image_{number}", error)
                continue
            if not alt:
                self.add_error(f"image_{number}_alt", _("Describe the image for people who cannot see it."))
                continue
            cleaned["images"].append((image, alt))
        return cleaned


def indicator_rows(form, cleaned):
    """The filled indicator rows; a row begun but not finished gets an error on each missing part."""
    rows = []
    for number in range(1, MAX_INDICATORS + 1):
        row = {part: cleaned.get(f"indicator_{number}_{part}") for part in INDICATOR_PARTS}
        if all(value in (None, "") for value in row.values()):
            continue
        missing = [part for part in INDICATOR_REQUIRED if row[part] in (None, "")]
        for part in missing:
            form.add_error(f"indicator_{number}_{part}", _("Fill in this part of the indicator, or empty the row."))
        if not missing:
            rows.append({**row, "unit": row["unit"] or "", "source_url": row["source_url"] or ""})
    return rows


def _indicator_fields():
    fields = {}
    for number in range(1, MAX_INDICATORS + 1):
        fields[f"indicator_{number}_perspective"] = forms.ChoiceField(
            required=False, choices=[("", "—"), *Perspective.choices]
        )
        fields[f"indicator_{number}_indicator"] = forms.CharField(required=False, max_length=200)
        fields[f"indicator_{number}_value"] = forms.DecimalField(
            required=False, max_digits=14, decimal_places=2, localize=True
        )
        fields[f"indicator_{number}_unit"] = forms.CharField(required=False, max_length=40)
        fields[f"indicator_{number}_period"] = forms.CharField(required=False, max_length=60)
        fields[f"indicator_{number}_source"] = forms.CharField(required=False, max_length=200)
        fields[f"indicator_{number}_source_url"] = forms.URLField(required=False, max_length=500, assume_scheme="https")
    return fields


def _add_image_fields(form_class):
    """Indicator rows, then image fields each with its alt text, after the story and before the contact details."""
    fields = {}
    for number in range(1, MAX_IMAGES + 1):
        fields[f"image_{number}"] = forms.FileField(
            required=False,
            help_text=_("JPEG, PNG or WebP. Location and camera data are removed."),
            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        )
        fields[f"image_{number}_alt"] = forms.CharField(
            required=False,
            max_length=255,
        )
    names = list(form_class.base_fields)
    position = names.index("contact_name")
    ordered = {name: form_class.base_fields[name] for name in names[:position]}
    ordered.update(_indicator_fields())
    ordered.update(fields)
    ordered.update({name: form_class.base_fields[name] for name in names[position:]})
    form_class.base_fields = ordered


_add_image_fields(CaseSubmissionForm)
