"""Number formats for the impact pages: euros, ratios with one decimal, shares in percent."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value):
    if value is None:
        return _("onbekend")
    sign = "−" if value < 0 else ""
    return f"{sign}€ {number_format(round(abs(value)), 0, force_grouping=True)}"


@register.filter
def ratio1(value):
    if value is None:
        return _("geen (inbreng is 0)")
    return number_format(value, 1, force_grouping=True)


@register.filter
def percent(value, decimals=0):
    if value is None:
        return _("onbekend")
    return f"{number_format(value * 100, int(decimals), force_grouping=True)} %"


@register.filter
def amount(value, decimals=0):
    if value is None:
        return _("onbekend")
    return number_format(round(value, int(decimals)), int(decimals), force_grouping=True)


@register.filter
def price(value):
    """Euros per unit: four decimals below €0.10, cents below €1,000, whole euros above."""
    if value is None:
        return _("onbekend")
    digits = 4 if abs(value) < 0.1 else 2 if abs(value) < 1000 else 0
    return f"€ {number_format(value, digits, force_grouping=True)}"


@register.filter
def item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.filter
def split_words(text):
    return text.split()
