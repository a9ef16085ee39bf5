"""Numbers, days and dates of the calculation written in the page's language."""

from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import ngettext

from ..calculation import DATE, DAY_NUMBER, DAYS, EUROS, PERCENT, Quantity

register = template.Library()
MINUS = "\u2212"


def _number(value, places):
    text = number_format(value, places, use_l10n=True, force_grouping=True)
    return MINUS + text[1:] if text.startswith("-") else text


@register.filter
def quantity(value):
    """A `Quantity` as text: "1 234,50 €", "50 %", "120 days", "151" (a day number), a date."""
    if not isinstance(value, Quantity):
        return str(value)
    if value.unit == EUROS:
        return f"{_number(value.value, 2)}\u00a0€"
    if value.unit == PERCENT:
        number = Decimal(value.value).normalize()
        places = max(0, -number.as_tuple().exponent)
        return f"{_number(number, places)}\u00a0%"
    if value.unit == DAYS:
        count = int(value.value)
        return ngettext("%(count)s day", "%(count)s days", count) % {"count": _number(count, 0)}
    if value.unit == DAY_NUMBER:
        return _number(value.value, 0)
    if value.unit == DATE:
        return date_format(value.value, "DATE_FORMAT")
    return str(value.value)


@register.filter
def figures(parts):
    """A step's formula with the figures put in, as one line of text."""
    return "".join(quantity(part) if isinstance(part, Quantity) else str(part) for part in parts)


@register.filter
def euros(value):
    return quantity(Quantity(value, EUROS))


@register.filter
def percent(value):
    return quantity(Quantity(value, PERCENT))
