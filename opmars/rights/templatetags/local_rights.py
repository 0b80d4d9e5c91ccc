"""{% local_rights municipality %}: the "Lokale rechten" section of a municipality's page."""

from django import template

from opmars.accounts import policy
from opmars.rights import evidence

register = template.Library()


@register.inclusion_tag("rights/includes/municipality_section.html", takes_context=True)
def local_rights(context, municipality):
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = evidence.municipality_rights(municipality)
    cases = evidence.municipality_cases(municipality)
    return {
        "municipality": municipality,
        "rows": rows,
        "cases": cases,
        "demo": any(r["demo"] for r in rows) or any(c["demo"] for c in cases),
        "can_manage": policy.can_manage_local_rights(user),
        "csrf_token": context.get("csrf_token"),
    }
