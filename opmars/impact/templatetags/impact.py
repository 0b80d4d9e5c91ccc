"""Number formats for the impact pages: euros, ratios with one decimal, shares in percent."""

from django import template
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from opmars.impact import present

register = template.Library()


@register.filter
def euro(value):
    """An amount in whole euros: "€" and the number joined by a non-breaking space (U+00A0), so
    a line never breaks between them."""
    if value is None:
        return _("onbekend")
    sign = "−" if value < 0 else ""
    return f"{sign}€\u00a0{number_format(round(abs(value)), 0, force_grouping=True)}"


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


@register.filter
def sum_of(rows, key):
    """Σ of one key over a list of dicts (the schedule's total row)."""
    return sum(row[key] for row in rows or [])


@register.filter
def any_capped(outcomes):
    """Whether an overlap group counts an outcome for less than its own present value."""
    return any(o["counted_value"] != o["present_value"] for o in outcomes or [])


@register.simple_tag(takes_context=True)
def impact_styles(context):
    """The impact pages' own rules (templates/impact/includes/styles.css) in a <style> block
    carrying the page's CSP nonce, as the kind colours do."""
    rules = render_to_string("impact/includes/styles.css")
    nonce = getattr(context.get("request"), "csp_nonce", None)
    if nonce is None:
        return format_html("<style>{}</style>", mark_safe(rules))
    return format_html('<style nonce="{}">{}</style>', nonce, mark_safe(rules))


@register.filter
def field_of(form, name):
    """A form's bound field by a name held in a variable."""
    return form[name]


@register.filter
def value_range(calc):
    """The interval shown beside the central value (decision 0046), with what it is in words."""
    shown = present.value_range(calc)
    if shown is None:
        return None
    return {**shown, "text": present.range_basis_text(shown["basis"])}


@register.filter
def ratio_range(calc):
    shown = present.ratio_range(calc)
    if shown is None:
        return None
    return {**shown, "text": present.range_basis_text(shown["basis"])}


@register.filter
def absolute(value):
    return None if value is None else abs(value)
