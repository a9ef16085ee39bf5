"""The calculator's form: a GET form whose field names are the guide's variable names, so a link repeats a calculation.

Numbers are accepted as people write them: "1 234,50", "1234.50", "1 234,50 €". Every value has bounds, and any
query string, however malformed, gives the form back with messages, never an error page.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .calculation import Band, Inputs, period_days

MAX_DAYS = 20000
MAX_DAILY_BENEFIT = Decimal(1000)
MAX_EUROS = Decimal(10_000_000)
MAX_INPUT_LENGTH = 30
FIRST_DATE = datetime.date(2000, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
USER_BANDS = 3
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
PLAIN_NUMBER = re.compile(r"^\d{1,12}(\.\d{1,12})?$")

BENEFIT_TYPES = [
    ("tyomarkkinatuki", _("labour market subsidy")),
    ("peruspaivaraha", _("basic unemployment allowance")),
    ("ansiopaivaraha", _("earnings-related unemployment allowance")),
]


class NumberField(forms.CharField):
    """A number of zero or more, written with a decimal comma or point and spaces between thousands."""

    def __init__(self, *, max_value, decimal_places=0, min_value=0, suffix="", **kwargs):
        self.max_value = Decimal(max_value)
        self.min_value = Decimal(min_value)
        self.decimal_places = decimal_places
        self.suffix = suffix
        attrs = {"inputmode": "decimal" if decimal_places else "numeric", "autocomplete": "off", "spellcheck": "false"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        kwargs.setdefault("required", True)
        super().__init__(strip=True, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > MAX_INPUT_LENGTH:
            raise forms.ValidationError(_("Enter a shorter number."), code="too_long")
        text = SPACES.sub("", text).removesuffix(self.suffix).removesuffix("€").removesuffix("%")
        if "," in text and "." in text:
            raise forms.ValidationError(
                _("Write the number without a thousands separator, for example 1234,50."), code="separators"
            )
        text = text.replace(",", ".")
        if text.startswith("-") or text.startswith("−"):
            raise forms.ValidationError(_("Enter zero or a positive number."), code="negative")
        if not PLAIN_NUMBER.match(text):
            raise forms.ValidationError(_("Enter a number, for example 1234,50."), code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Enter a number, for example 1234,50."), code="invalid") from None
        if -number.as_tuple().exponent > self.decimal_places:
            if self.decimal_places:
                raise forms.ValidationError(
                    _("Use at most %(places)s decimals.") % {"places": self.decimal_places}, code="decimals"
                )
            raise forms.ValidationError(_("Enter a whole number."), code="whole")
        if not self.min_value <= number <= self.max_value:
            raise forms.ValidationError(
                _("Enter a number from %(low)s to %(high)s.")
                % {
                    "low": number_format(self.min_value, force_grouping=True),
                    "high": number_format(self.max_value, force_grouping=True),
                },
                code="range",
            )
        return int(number) if self.decimal_places == 0 else number


def variable(name, text):
    """A field's help: the guide's variable name, then what to enter."""
    return format_lazy("{} – {}", name, text)


def euro_field(label, help_text, required=False):
    return NumberField(
        label=label,
        help_text=help_text,
        max_value=MAX_EUROS,
        decimal_places=2,
        required=required,
    )


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            input_formats=["%Y-%m-%d", "%d.%m.%Y"],
            widget=forms.DateInput(attrs={"type": "date", "min": FIRST_DATE, "max": LAST_DATE}, format="%Y-%m-%d"),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_INPUT_LENGTH:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        date = super().to_python(value)
        if date is not None and not FIRST_DATE <= date <= LAST_DATE:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."), code="range")
        return date


class CalculatorForm(forms.Form):
    """The figures of one person over one period. When the site has no shares in its settings, the user gives
    the municipality's share for up to three bands from their own Kela invoice."""

    jakso_alku = DateField(label=_("First day of the period"), help_text="jakso_alku")
    jakso_loppu = DateField(label=_("Last day of the period"), help_text="jakso_loppu")
    kertyma_alussa = NumberField(
        label=_("Accumulated benefit days at the start of the period"),
        help_text=variable("kertyma_alussa", _("From the person list attached to Kela's invoice.")),
        max_value=MAX_DAYS,
    )
    valtetyt_paivat = NumberField(
        label=_("Benefit days avoided"),
        help_text=variable(
            "valtetyt_paivat",
            _(
                "The days for which the person would have been paid unemployment benefit without the job. Start "
                "from the days paid before the job and write your assumption down."
            ),
        ),
        max_value=MAX_DAYS,
    )
    paivaraha = NumberField(
        label=_("Daily benefit (€)"),
        help_text=variable("paivaraha", _("From the attachment to Kela's invoice or from the benefit payer.")),
        max_value=MAX_DAILY_BENEFIT,
        decimal_places=2,
    )
    etuuslaji = forms.ChoiceField(
        label=_("Type of benefit"),
        help_text="etuuslaji",
        choices=[("", _("Choose…")), *BENEFIT_TYPES],
    )
    soviteltu_kunnan_osuus = euro_field(
        _("Municipal share of adjusted benefit during the job (€)"),
        variable(
            "soviteltu_kunnan_osuus",
            _("Only if the work is part-time and the person still gets adjusted benefit; from Kela's invoice."),
        ),
    )
    kaupungin_avustus = euro_field(
        _("City's grant or wage funding to the village association (€)"),
        variable("kaupungin_avustus", _("For the period, from the city's accounts.")),
    )
    kuntalisa = euro_field(
        _("Municipal top-up (€)"), variable("kuntalisa", _("For the period, from the city's accounts."))
    )
    muut_kulut = euro_field(
        _("Other costs to the city (€)"),
        variable("muut_kulut", _("For example instruction or training services the city buys for the model.")),
    )

    cost_fields = ("soviteltu_kunnan_osuus", "kaupungin_avustus", "kuntalisa", "muut_kulut")
    person_fields = ("jakso_alku", "jakso_loppu", "kertyma_alussa", "valtetyt_paivat", "paivaraha", "etuuslaji")

    def __init__(self, *args, site_bands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.site_bands = list(site_bands)
        if not self.site_bands:
            for number in range(1, USER_BANDS + 1):
                self.fields.update(self._band_fields(number))

    @classmethod
    def from_query(cls, query, *, site_bands=()):
        """Bound when the query carries any of the form's figures; otherwise an empty form without messages."""
        form = cls(site_bands=site_bands)
        if any(name in query for name in form.fields):
            return cls(query, site_bands=site_bands)
        return form

    @property
    def asks_for_shares(self):
        return not self.site_bands

    @staticmethod
    def _band_fields(number):
        labels = {"number": number}
        return {
            f"porras_{number}_alku": NumberField(
                label=_("Band %(number)s: first day") % labels,
                help_text=_("Leave empty in band 1 to start from day 1.") if number == 1 else "",
                max_value=MAX_DAYS,
                min_value=1,
                required=False,
            ),
            f"porras_{number}_loppu": NumberField(
                label=_("Band %(number)s: last day") % labels,
                help_text=_("Leave empty when the band has no last day."),
                max_value=MAX_DAYS,
                min_value=1,
                required=False,
            ),
            f"kunnan_osuus_porras_{number}": NumberField(
                label=_("Band %(number)s: municipality's share (%%)") % labels,
                help_text=variable("kunnan_osuus_porras", _("From your Kela invoice.")),
                max_value=100,
                decimal_places=2,
                required=False,
            ),
        }

    def band_rows(self):
        """The user's band fields, three per band, for the template."""
        if not self.asks_for_shares:
            return []
        return [
            {
                "number": number,
                "fields": [
                    self[f"porras_{number}_alku"],
                    self[f"porras_{number}_loppu"],
                    self[f"kunnan_osuus_porras_{number}"],
                ],
            }
            for number in range(1, USER_BANDS + 1)
        ]

    def person_bound_fields(self):
        return [self[name] for name in self.person_fields]

    def cost_bound_fields(self):
        return [self[name] for name in self.cost_fields]

    def clean(self):
        data = super().clean()
        start, end = data.get("jakso_alku"), data.get("jakso_loppu")
        if start and end and end < start:
            self.add_error("jakso_loppu", _("The last day cannot be before the first day."))
        elif start and end and data.get("valtetyt_paivat") is not None:
            days = period_days(start, end)
            if data["valtetyt_paivat"] > days:
                self.add_error(
                    "valtetyt_paivat",
                    _("The avoided days cannot be more than the %(days)s days of the period.") % {"days": days},
                )
        if self.asks_for_shares:
            self._clean_user_bands(data)
        return data

    def _clean_user_bands(self, data):
        given = []
        for number in range(1, USER_BANDS + 1):
            first_name, last_name, share_name = (
                f"porras_{number}_alku",
                f"porras_{number}_loppu",
                f"kunnan_osuus_porras_{number}",
            )
            if any(name in self.errors for name in (first_name, last_name, share_name)):
                continue
            first, last, share = data.get(first_name), data.get(last_name), data.get(share_name)
            if first is None and last is None and share is None:
                continue
            if share is None:
                self.add_error(share_name, _("Enter the municipality's share for this band from your Kela invoice."))
                continue
            if first is None:
                if number != 1:
                    self.add_error(first_name, _("Enter the band's first day."))
                    continue
                first = 1
            if last is not None and last < first:
                self.add_error(last_name, _("The last day cannot be before the first day."))
                continue
            for other_number, other in given:
                if other.from_day <= (last or MAX_DAYS) and first <= (other.to_day or MAX_DAYS):
                    self.add_error(
                        first_name,
                        _("This band overlaps band %(number)s.") % {"number": other_number},
                    )
                    break
            else:
                given.append((number, Band(from_day=first, to_day=last, share_percent=share)))
        if not given and not any(name.startswith(("porras_", "kunnan_osuus_")) for name in self.errors):
            self.add_error(
                "kunnan_osuus_porras_1",
                _("Enter at least one municipality's share from your Kela invoice."),
            )
        self.user_bands = [band for _number, band in given]

    def bands(self):
        return self.site_bands or getattr(self, "user_bands", [])

    def inputs(self):
        data = self.cleaned_data
        return Inputs(
            period_start=data["jakso_alku"],
            period_end=data["jakso_loppu"],
            accumulated_days=data["kertyma_alussa"],
            avoided_days=data["valtetyt_paivat"],
            daily_benefit=data["paivaraha"],
            benefit_type=data["etuuslaji"],
            **{
                name: data.get(field) or Decimal(0)
                for name, field in (
                    ("adjusted_benefit_share", "soviteltu_kunnan_osuus"),
                    ("city_grant", "kaupungin_avustus"),
                    ("municipal_top_up", "kuntalisa"),
                    ("other_costs", "muut_kulut"),
                )
            },
        )

    def benefit_type_label(self):
        return dict(BENEFIT_TYPES).get(self.cleaned_data.get("etuuslaji"), "")
