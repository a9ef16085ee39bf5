"""The city's net effect of one person employed by a village association, as the guide's method defines it.

Pure functions: figures in, steps out. Each step carries its label, an explanation, the formula in the guide's
variable names, the same formula with the figures put in, and its value, so that the page and the PDF show how the
result came about. No legal figure lives here: the municipality's shares come in as bands, from the site's
settings or from the user.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Units of a quantity, which say how it is written.
DAYS = "days"
DAY_NUMBER = "day"
EUROS = "eur"
PERCENT = "percent"
DATE = "date"


@dataclass(frozen=True)
class Quantity:
    value: object
    unit: str


@dataclass(frozen=True)
class Band:
    """The municipality's share of the benefit for the accumulated days `from_day`…`to_day` (None: no last day)."""

    from_day: int
    to_day: int | None
    share_percent: Decimal
    source_title: str = ""
    source_url: str = ""
    checked: datetime.date | None = None

    def contains_range(self, first, last):
        """How many of the day numbers `first`…`last` fall in this band, and the first and last of them."""
        low = max(first, self.from_day)
        high = last if self.to_day is None else min(last, self.to_day)
        if high < low:
            return 0, None, None
        return high - low + 1, low, high


@dataclass(frozen=True)
class Inputs:
    period_start: datetime.date  # jakso_alku
    period_end: datetime.date  # jakso_loppu
    accumulated_days: int  # kertyma_alussa
    avoided_days: int  # valtetyt_paivat
    daily_benefit: Decimal  # paivaraha
    benefit_type: str  # etuuslaji
    adjusted_benefit_share: Decimal = Decimal(0)  # soviteltu_kunnan_osuus
    city_grant: Decimal = Decimal(0)  # kaupungin_avustus
    municipal_top_up: Decimal = Decimal(0)  # kuntalisa
    other_costs: Decimal = Decimal(0)  # muut_kulut


@dataclass(frozen=True)
class Step:
    variable: str
    label: str
    explanation: str
    formula: str
    figures: tuple
    value: Quantity
    kind: str = "step"  # "step", "subtotal" or "result"


@dataclass(frozen=True)
class BandShare:
    band: Band
    days: int
    first_day: int | None
    last_day: int | None
    amount: Decimal


@dataclass
class Calculation:
    inputs: Inputs
    period_days: int
    band_shares: list
    days_outside_bands: int
    avoided_share: Decimal
    net_effect: Decimal
    steps: list = field(default_factory=list)

    @property
    def is_saving(self):
        return self.net_effect > 0

    @property
    def is_net_cost(self):
        return self.net_effect < 0

    @property
    def net_amount(self):
        """The net effect without its sign, for a sentence that says whether it is a saving or a cost."""
        return abs(self.net_effect)


def euros(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def period_days(start, end):
    """Calendar days from `start` to `end`, both included."""
    return (end - start).days + 1


def split_days(accumulated_days, avoided_days, bands, daily_benefit):
    """The avoided days, numbered on from the person's accumulated days, shared out among the bands.

    The days are numbers `accumulated_days + 1` … `accumulated_days + avoided_days`. Bands are taken in order of
    their first day, and a day already counted in an earlier band is not counted again. Each band's amount is
    days × daily benefit × share, rounded to the cent.
    """
    first = accumulated_days + 1
    last = accumulated_days + avoided_days
    shares = []
    next_free = first
    for band in sorted(bands, key=lambda band: band.from_day):
        days, low, high = band.contains_range(next_free, last) if avoided_days else (0, None, None)
        if days:
            next_free = high + 1
        amount = euros(days * daily_benefit * band.share_percent / HUNDRED)
        shares.append(BandShare(band, days, low, high, amount))
    return shares


def _band_name(number, band):
    if band.to_day is None:
        return _("band %(number)s (day %(first)s onwards)") % {"number": number, "first": band.from_day}
    return _("band %(number)s (days %(first)s–%(last)s)") % {
        "number": number,
        "first": band.from_day,
        "last": band.to_day,
    }


def calculate(inputs, bands):
    """The city's net effect for `inputs` with the municipality's shares in `bands`, with every step."""
    days_in_period = period_days(inputs.period_start, inputs.period_end)
    band_shares = split_days(inputs.accumulated_days, inputs.avoided_days, bands, inputs.daily_benefit)
    days_outside = inputs.avoided_days - sum(share.days for share in band_shares)
    avoided_share = sum((share.amount for share in band_shares), Decimal("0.00"))
    costs = [
        ("soviteltu_kunnan_osuus", inputs.adjusted_benefit_share),
        ("kaupungin_avustus", inputs.city_grant),
        ("kuntalisa", inputs.municipal_top_up),
        ("muut_kulut", inputs.other_costs),
    ]
    net = euros(avoided_share - sum((value for _name, value in costs), Decimal(0)))

    steps = [
        Step(
            "jakso",
            _("Length of the period"),
            _("Calendar days from the first to the last day of the period, both included."),
            "jakso_loppu − jakso_alku + 1",
            (Quantity(inputs.period_end, DATE), " − ", Quantity(inputs.period_start, DATE), " + 1"),
            Quantity(days_in_period, DAYS),
        ),
        Step(
            "valtetyt_paivat",
            _("Benefit days avoided, numbered on from the accumulated days"),
            _(
                "The avoided days continue the person's count of paid benefit days, so they are numbered from the "
                "day after the accumulated days at the start of the period."
            ),
            "kertyma_alussa + 1 … kertyma_alussa + valtetyt_paivat",
            _day_range(inputs.accumulated_days + 1, inputs.accumulated_days + inputs.avoided_days),
            Quantity(inputs.avoided_days, DAYS),
        ),
    ]
    for number, share in enumerate(band_shares, start=1):
        name = _band_name(number, share.band)
        steps.append(
            Step(
                f"valtetyt_paivat_porras_{number}",
                _("Avoided days in %(band)s") % {"band": name},
                _("How many of the numbered avoided days fall in this band."),
                "valtetyt_paivat_porras",
                _day_range(share.first_day, share.last_day) if share.days else (Quantity(0, DAYS),),
                Quantity(share.days, DAYS),
            )
        )
        steps.append(
            Step(
                f"valtetty_kunnan_osuus_porras_{number}",
                _("Municipal share avoided in %(band)s") % {"band": name},
                _("Avoided days in the band times the daily benefit times the municipality's share, to the cent."),
                "valtetyt_paivat_porras × paivaraha × kunnan_osuus_porras",
                (
                    Quantity(share.days, DAYS),
                    " × ",
                    Quantity(inputs.daily_benefit, EUROS),
                    " × ",
                    Quantity(share.band.share_percent, PERCENT),
                ),
                Quantity(share.amount, EUROS),
            )
        )
    if days_outside:
        steps.append(
            Step(
                "paivat_ilman_osuutta",
                _("Avoided days in no band"),
                _("These days fall in no band of the municipality's shares, so no municipal share is counted."),
                "valtetyt_paivat − Σ valtetyt_paivat_porras",
                (
                    Quantity(inputs.avoided_days, DAYS),
                    " − ",
                    Quantity(inputs.avoided_days - days_outside, DAYS),
                ),
                Quantity(days_outside, DAYS),
            )
        )
    steps.append(
        Step(
            "valtetty_kunnan_osuus",
            _("Municipal share avoided"),
            _("The bands' avoided municipal shares added together."),
            "Σ valtetty_kunnan_osuus_porras",
            _joined([Quantity(share.amount, EUROS) for share in band_shares], " + "),
            Quantity(avoided_share, EUROS),
            kind="subtotal",
        )
    )
    cost_texts = {
        "soviteltu_kunnan_osuus": (
            _("Municipal share of adjusted benefit during the job"),
            _("Subtracted: the municipality still pays its share of any adjusted benefit paid during part-time work."),
        ),
        "kaupungin_avustus": (
            _("City's grant to the village association"),
            _("Subtracted: the city's grant or wage funding to the association for the period."),
        ),
        "kuntalisa": (
            _("Municipal top-up"),
            _("Subtracted: the municipal top-up paid to the employer for the period."),
        ),
        "muut_kulut": (
            _("Other costs to the city"),
            _("Subtracted: the city's other costs of the model, such as instruction or training it buys."),
        ),
    }
    for variable, value in costs:
        label, explanation = cost_texts[variable]
        steps.append(
            Step(
                variable, label, explanation, f"− {variable}", (" − ", Quantity(value, EUROS)), Quantity(-value, EUROS)
            )
        )
    steps.append(
        Step(
            "nettovaikutus",
            _("Net effect for the city"),
            _("A positive result is a saving for the city, a negative one a net cost."),
            "valtetty_kunnan_osuus − " + " − ".join(name for name, _value in costs),
            (
                Quantity(avoided_share, EUROS),
                *[part for _name, value in costs for part in (" − ", Quantity(value, EUROS))],
            ),
            Quantity(net, EUROS),
            kind="result",
        )
    )
    return Calculation(
        inputs=inputs,
        period_days=days_in_period,
        band_shares=band_shares,
        days_outside_bands=days_outside,
        avoided_share=avoided_share,
        net_effect=net,
        steps=steps,
    )


def _day_range(first, last):
    if last < first:
        return (pgettext_lazy("no days", "none"),)
    return (Quantity(first, DAY_NUMBER), " … ", Quantity(last, DAY_NUMBER))


def _joined(quantities, separator):
    if not quantities:
        return (Quantity(Decimal("0.00"), EUROS),)
    parts = []
    for quantity in quantities:
        if parts:
            parts.append(separator)
        parts.append(quantity)
    return tuple(parts)
