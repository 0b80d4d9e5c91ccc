"""Small template helpers: unknown values, numbers, JSON-LD and vocabulary labels."""

import datetime
import json

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from opmars.registry.vocab import VOCABULARIES, Kind

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def known(value, unit=""):
    """A number with thousands separators, '€ 1.200' for euros, or 'onbekend' for None."""
    if value is None or value == "":
        return _("onbekend")
    number = intcomma(value)
    return f"€\u00a0{number}" if unit == "euro" else number


@register.filter
def as_date(iso):
    """An ISO date ('2025-12-31') as the language writes it ('31 december 2025')."""
    return date_format(datetime.date.fromisoformat(iso), "j F Y") if iso else ""


@register.filter
def ld_json(data):
    """A JSON-LD script body that is safe inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_JSON_ESCAPES))


@register.filter
def label_of(code, vocabulary):
    """The label of a vocabulary code ('kind', 'status', ...), for rows read with .values()."""
    choices = VOCABULARIES[vocabulary]
    try:
        return choices(code).label
    except ValueError:
        return code


@register.simple_tag(takes_context=True)
def kind_colour_styles(context):
    """A class per kind of collective (.kind-<code>) with its palette colour, in a <style> block
    carrying the page's CSP nonce: colours stay in one place (opmars/ui/palette.py) without
    style=""."""
    from opmars.ui import palette

    rules = "".join(
        f".kind-{item['code']}{{background:{item['colour']}}}"
        for item in palette.legend(Kind.choices)
    )
    # Outside a request (the report as a file from the CLI) there is no policy and no nonce.
    nonce = getattr(context.get("request"), "csp_nonce", None)
    if nonce is None:
        return format_html("<style>{}</style>", mark_safe(rules))
    return format_html('<style nonce="{}">{}</style>', nonce, mark_safe(rules))
