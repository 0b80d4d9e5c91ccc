from django import template
from django.http import QueryDict

register = template.Library()

DOWNLOAD_FORMATS = [
    ("csv", "CSV (Excel)"),
    ("csv-open", "CSV (open data)"),
    ("xlsx", "Excel"),
    ("json", "JSON"),
    ("geojson", "GeoJSON"),
    ("jsonld", "JSON-LD"),
    ("hsds", "HSDS"),
]


@register.inclusion_tag("dataio/download_links.html")
def download_links(params=None, **filters):
    """Links to the current list as files: the page's filters, without its page number."""
    query = params.copy() if params is not None else QueryDict(mutable=True)
    query._mutable = True
    for name in ("page", "limit", "offset", "format"):
        query.pop(name, None)
    for name, value in filters.items():
        query[name] = value
    return {"download_formats": DOWNLOAD_FORMATS, "download_query": query.urlencode()}


@register.filter
def labelled(names, kind):
    """Field names as the labels people read: `{{ outcome.changes|labelled:run.kind }}`."""
    from opmars.dataio.forms import field_labels

    return field_labels(kind, names)
