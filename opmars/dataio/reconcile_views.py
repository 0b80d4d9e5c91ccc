"""The reconciliation service at /api/reconcile (W3C Entity Reconciliation API 0.2, the protocol
OpenRefine speaks): the service manifest, query batches by GET and POST, preview and suggest.
Plain Django views, because the protocol sends its batch as the form field `queries` and has
its own answer shapes. The matching itself is in reconcile.py.

It reads only the public register (what an anonymous visitor sees). Every answer allows any
origin (CORS, as the protocol requires); a batch may come as a cross-site POST from a user's
OpenRefine, hence no CSRF token (nothing is written). Bad input gets the protocol's HTTP status
(400, or 413 for a batch larger than `batchSize`) with the site's error shape
{"errors": [{"field", "code", "message"}]}, never a 500.
"""

import json
import re
import threading

from csp.decorators import csp_replace
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.exceptions import Ratelimited

from opmars.accounts.policy import public_collectives
from opmars.caching import generation
from opmars.common import limits
from opmars.common.errors import field_error
from opmars.dataio import reconcile
from opmars.geo.lookup import ALIASES
from opmars.geo.models import HistoricMunicipality, Municipality, Postcode
from opmars.registry.vocab import Kind
from opmars.siteurl import absolute

BATCH_SIZE = 1000  # queries in one batch (announced in the manifest as batchSize)
MAX_QUERIES_CHARS = 2_000_000  # the `queries` text itself
MAX_QUERY_CHARS = 500  # one query string or property value
MAX_LIST = 20  # types, properties, values of one property
COLLECTIVE_TYPE = "collective"
# Property identifiers a query may use, with the Dutch names people type.
PROPERTIES = {
    "municipality": "municipality",
    "gemeente": "municipality",
    "plaats": "municipality",
    "postcode": "postcode",
    "website": "website",
    "url": "website",
}
QUERY_FIELDS = {"query", "type", "limit", "properties", "type_strict"}
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


# --- the index, once per data generation -------------------------------------------------------

_lock = threading.Lock()
_cached: dict = {}


def _stamp():
    """What the index was built from: the data generation, and the public records' count and
    last id (a bulk insert, or a record taken off the listing, that did not bump the generation
    still counts). Renames go through the service functions, which bump it."""
    figures = public_collectives().aggregate(n=Count("id"), last=Max("id"))
    return (generation.current().token, figures["n"], figures["last"])


def current_index():
    stamp = _stamp()
    if _cached.get("stamp") != stamp:
        with _lock:
            if _cached.get("stamp") != stamp:
                _cached["index"] = _build()
                _cached["stamp"] = stamp
    return _cached["index"]


def _build():
    rows = public_collectives().values_list(
        "id", "slug", "name", "kind", "municipality_id", "postcode", "website"
    )
    records = list(map(reconcile.Record._make, rows.iterator(chunk_size=10000)))
    former = [
        reconcile.Former(h.name, tuple(m.code for m in h.successors.all()))
        for h in HistoricMunicipality.objects.filter(end__isnull=False).prefetch_related(
            "successors"
        )
    ]
    geography = reconcile.Geography(
        municipalities=dict(Municipality.objects.values_list("code", "name")),
        former=former,
        postcodes=dict(Postcode.objects.values_list("pc4", "municipality_id")),
        aliases=dict(ALIASES),
    )
    with translation.override("nl"):
        labels = {value: str(label) for value, label in Kind.choices}
    return reconcile.Index(records, geography, labels)


# --- answers -------------------------------------------------------------------------------------


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type"
    return response


def _answer(request, data, status=200):
    """JSON, or JSONP when a GET names a `callback` (optional in the protocol)."""
    callback = request.GET.get("callback", "") if request.method == "GET" else ""
    if callback and _CALLBACK.match(callback):
        body = f"/**/{callback}({json.dumps(data)});"
        return _cors(HttpResponse(body, content_type="text/javascript", status=status))
    return _cors(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))


class BadBatch(Exception):
    def __init__(self, status, errors):
        super().__init__(errors)
        self.status = status
        self.errors = errors


def _bad(field, code, message, status=400):
    return BadBatch(status, [field_error(field, code, message)])


def _error(request, error):
    return _answer(request, {"errors": error.errors}, status=error.status)


def _too_many(request):
    response = _answer(
        request,
        {"errors": [field_error("queries", "te_veel_verzoeken", limits.message(request))]},
        status=429,
    )
    return limits.with_retry_after(response, request)


def _options():
    return _cors(HttpResponse(status=204))


def manifest():
    base = absolute("")
    return {
        "versions": ["0.1", "0.2"],
        "name": "Opmars: register van burgercollectieven",
        "identifierSpace": absolute("/collectieven/"),
        "schemaSpace": "https://schema.org/Organization",
        "defaultTypes": [{"id": COLLECTIVE_TYPE, "name": "Burgercollectief"}],
        "view": {"url": absolute("/collectieven/{{id}}/")},
        "preview": {
            "url": absolute("/api/reconcile/preview?id={{id}}"),
            "width": 400,
            "height": 170,
        },
        "suggest": {
            "entity": {"service_url": base, "service_path": "/api/reconcile/suggest/entity"},
            "property": {"service_url": base, "service_path": "/api/reconcile/suggest/property"},
            "type": {"service_url": base, "service_path": "/api/reconcile/suggest/type"},
        },
        "batchSize": BATCH_SIZE,
    }


# --- reading a batch -----------------------------------------------------------------------------


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text_values(v, field):
    """A property's value or values as texts (an entity value gives its id and its name)."""
    values = v if isinstance(v, list) else [v]
    if len(values) > MAX_LIST:
        raise _bad(
            field, "te_lang", _("Geef hoogstens %(n)s waarden per eigenschap.") % {"n": MAX_LIST}
        )
    texts = []
    for value in values:
        if isinstance(value, str) or _is_number(value) or isinstance(value, bool):
            texts.append(str(value))
        elif isinstance(value, dict) and isinstance(value.get("id"), str):
            texts += [value["id"]] + ([value["name"]] if isinstance(value.get("name"), str) else [])
        else:
            raise _bad(
                field,
                "ongeldige_waarde",
                _("Een waarde is tekst, een getal, true/false of een object met een id."),
            )
    if any(len(t) > MAX_QUERY_CHARS for t in texts):
        raise _bad(
            field,
            "te_lang",
            _("Een waarde mag hoogstens %(n)s tekens hebben.") % {"n": MAX_QUERY_CHARS},
        )
    return [t for t in texts if t.strip()]


def _query(key, spec):
    """One query of a batch, checked against the protocol's query shape."""
    where = f"queries.{key}"
    if not isinstance(spec, dict):
        raise _bad(where, "geen_object", _("Elke vraag moet een JSON-object {...} zijn."))
    extra = sorted(set(spec) - QUERY_FIELDS)
    if extra:
        raise _bad(
            f"{where}.{extra[0]}",
            "onbekend_veld",
            _(
                "Dit veld kent het protocol niet. Gebruik query, type, limit, properties "
                "of type_strict."
            ),
        )
    query = reconcile.Query()
    text = spec.get("query", "")
    if not isinstance(text, str):
        raise _bad(f"{where}.query", "geen_tekst", _("query moet tekst zijn."))
    if len(text) > MAX_QUERY_CHARS:
        raise _bad(
            f"{where}.query",
            "te_lang",
            _("query mag hoogstens %(n)s tekens hebben.") % {"n": MAX_QUERY_CHARS},
        )
    query.text = text
    types = spec.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise _bad(
            f"{where}.type", "geen_tekst", _("type moet tekst zijn, of een lijst met teksten.")
        )
    if len(types) > MAX_LIST:
        raise _bad(f"{where}.type", "te_lang", _("Geef hoogstens %(n)s soorten.") % {"n": MAX_LIST})
    query.types = tuple(types)
    if "limit" in spec:
        limit = spec["limit"]
        whole = isinstance(limit, int) or (isinstance(limit, float) and limit.is_integer())
        if not _is_number(limit) or not whole or limit < 1:
            raise _bad(
                f"{where}.limit", "geen_getal", _("limit moet een heel getal van 1 of meer zijn.")
            )
        query.limit = min(int(limit), reconcile.MAX_LIMIT)
    if spec.get("type_strict", "any") not in ("any", "should", "all"):
        raise _bad(
            f"{where}.type_strict", "ongeldige_waarde", _("type_strict is any, should of all.")
        )
    properties = spec.get("properties", [])
    if not isinstance(properties, list):
        raise _bad(
            f"{where}.properties",
            "geen_lijst",
            _('properties moet een lijst zijn, zoals [{"pid": "postcode", "v": "1234 AB"}].'),
        )
    if len(properties) > MAX_LIST:
        raise _bad(
            f"{where}.properties",
            "te_lang",
            _("Geef hoogstens %(n)s eigenschappen.") % {"n": MAX_LIST},
        )
    found = {"municipality": [], "postcode": [], "website": []}
    for n, prop in enumerate(properties):
        field = f"{where}.properties.{n}"
        if not isinstance(prop, dict) or not isinstance(prop.get("pid"), str) or "v" not in prop:
            raise _bad(
                field,
                "ongeldige_eigenschap",
                _('Een eigenschap is een object met "pid" (tekst) en "v".'),
            )
        values = _text_values(prop["v"], f"{field}.v")
        pid = PROPERTIES.get(prop["pid"].strip().lower())
        if pid:  # other properties are not known here, and do not change the score
            found[pid] += values
    query.municipalities = tuple(found["municipality"])
    query.postcodes = tuple(found["postcode"])
    query.websites = tuple(found["website"])
    if not text.strip() and not properties:
        raise _bad(
            f"{where}.query", "ontbreekt", _("Geef query op (de naam die je zoekt), of properties.")
        )
    return query


def read_batch(raw):
    """{key: Query} from the text of the `queries` field, or BadBatch."""
    if len(raw) > MAX_QUERIES_CHARS:
        raise _bad(
            "queries", "te_groot", _("Deze vragen zijn te groot. Stuur ze in kleinere delen."), 413
        )
    try:
        batch = json.loads(raw)
    except (ValueError, RecursionError):
        raise _bad(
            "queries",
            "geen_json",
            _(
                "queries is geen geldige JSON. Stuur een JSON-object, zoals "
                '{"q0": {"query": "Dorpsraad Oosterend"}}.'
            ),
        ) from None
    if not isinstance(batch, dict):
        raise _bad(
            "queries",
            "geen_object",
            _('queries moet een JSON-object zijn, zoals {"q0": {"query": "Dorpsraad Oosterend"}}.'),
        )
    if len(batch) > BATCH_SIZE:
        raise _bad(
            "queries",
            "te_veel_vragen",
            _("Stuur hoogstens %(n)s vragen tegelijk; dit waren er %(count)s.")
            % {"n": BATCH_SIZE, "count": len(batch)},
            413,
        )
    return {key: _query(key, spec) for key, spec in batch.items()}


# --- results -------------------------------------------------------------------------------------


def _types(index, kind):
    return [
        {"id": COLLECTIVE_TYPE, "name": "Burgercollectief"},
        {"id": kind, "name": index.kind_labels.get(kind, kind)},
    ]


def _place(index, record):
    return index.geography.municipalities.get(record.municipality, record.municipality)


def _candidate(index, candidate):
    record = candidate.record
    where = f"{index.kind_labels.get(record.kind, record.kind)}, {_place(index, record)}"
    return {
        "id": record.slug,
        "name": record.name,
        "score": candidate.score,
        "match": candidate.match,
        "type": _types(index, record.kind),
        "description": f"{where}: {', '.join(candidate.reasons)}" if candidate.reasons else where,
        "features": [
            {"id": "name_score", "value": candidate.name_score},
            {"id": "municipality_match", "value": candidate.municipality_match},
            {"id": "postcode_match", "value": candidate.postcode_match},
            {"id": "website_match", "value": candidate.website_match},
            {"id": "type_match", "value": candidate.type_match},
        ],
    }


def answer_batch(queries):
    index = current_index()
    return {
        key: {"result": [_candidate(index, c) for c in index.reconcile(query)]}
        for key, query in queries.items()
    }


# --- views ---------------------------------------------------------------------------------------


@csrf_exempt
def service(request):
    """GET without queries: the manifest. GET or POST with `queries`: the results."""
    if request.method == "OPTIONS":
        return _options()
    if request.method not in ("GET", "POST", "HEAD"):
        return _error(request, _bad("method", "methode", _("Gebruik GET of POST."), 405))
    try:
        params = request.POST if request.method == "POST" else request.GET
        raw = params.get("queries")
        if "extend" in params:
            raise _bad(
                "extend",
                "niet_ondersteund",
                _("Gegevens uitbreiden (extend) biedt deze dienst niet aan."),
            )
    except RequestDataTooBig:
        return _error(
            request,
            _bad(
                "queries",
                "te_groot",
                _("Deze vragen zijn te groot. Stuur ze in kleinere delen."),
                413,
            ),
        )
    except TooManyFieldsSent:
        return _error(
            request, _bad("queries", "te_veel_velden", _("Dit verzoek heeft te veel velden."))
        )
    except BadBatch as error:
        return _error(request, error)
    if raw is None:
        if request.method == "POST":
            return _error(
                request,
                _bad("queries", "ontbreekt", _("Stuur je vragen in het formulierveld queries.")),
            )
        return _answer(request, manifest())
    try:
        limits.check(request, "reconcile")
    except Ratelimited:
        return _too_many(request)
    try:
        queries = read_batch(raw)
    except BadBatch as error:
        return _error(request, error)
    return _answer(request, answer_batch(queries))


@csrf_exempt
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def preview(request):
    """A small HTML card of one collective, to show in OpenRefine's frame."""
    if request.method == "OPTIONS":
        return _options()
    slug = request.GET.get("id", "")
    collective = (
        public_collectives().select_related("municipality").filter(slug=slug[:100]).first()
        if slug
        else None
    )
    if collective is None:
        body = format_html(
            '<!doctype html><html lang="nl"><meta charset="utf-8"><title>{}</title>'
            "<p>{}</p></html>",
            _("Niet gevonden"),
            _("Dit collectief staat niet (openbaar) in het register: %(id)s") % {"id": slug[:100]},
        )
        return _cors(HttpResponse(body, status=404))
    demo = format_html("<p><em>{}</em></p>", _("Fictief voorbeeld")) if collective.is_demo else ""
    body = format_html(
        '<!doctype html><html lang="nl"><meta charset="utf-8"><title>{name}</title>'
        '<body style="font-family: sans-serif; margin: 8px">'
        "<p><strong>{name}</strong><br>{kind}, {place}<br>{status}</p>{demo}"
        '<p><a href="{url}" target="_blank" rel="noopener">{link}</a></p></body></html>',
        name=collective.name,
        kind=collective.get_kind_display(),
        place=collective.municipality.name,
        status=collective.get_status_display(),
        demo=demo,
        url=absolute(f"/collectieven/{collective.slug}/"),
        link=_("Bekijk in Opmars"),
    )
    return _cors(HttpResponse(body))


def _suggest_params(request):
    prefix = request.GET.get("prefix", "")[:MAX_QUERY_CHARS]
    try:
        cursor = max(0, min(int(request.GET.get("cursor", 0) or 0), 10000))
    except ValueError:
        raise _bad("cursor", "geen_getal", _("cursor moet een heel getal zijn.")) from None
    return prefix, cursor


@csrf_exempt
def suggest_entity(request):
    if request.method == "OPTIONS":
        return _options()
    try:
        prefix, cursor = _suggest_params(request)
        limits.check(request, "search")
    except BadBatch as error:
        return _error(request, error)
    except Ratelimited:
        return _too_many(request)
    index = current_index()
    return _answer(
        request,
        {
            "result": [
                {
                    "id": r.slug,
                    "name": r.name,
                    "description": f"{index.kind_labels.get(r.kind, r.kind)}, {_place(index, r)}",
                    "notable": _types(index, r.kind),
                }
                for r in index.suggest(prefix, cursor)
            ]
        },
    )


def _labelled(prefix, items):
    key = reconcile.plain(prefix)
    return [
        i
        for i in items
        if not key or any(reconcile.plain(i[f]).startswith(key) for f in ("id", "name"))
    ]


@csrf_exempt
def suggest_property(request):
    if request.method == "OPTIONS":
        return _options()
    try:
        prefix, cursor = _suggest_params(request)
    except BadBatch as error:
        return _error(request, error)
    items = [
        {
            "id": "municipality",
            "name": "Gemeente",
            "description": _("Huidige of vroegere naam, of CBS-code"),
        },
        {"id": "postcode", "name": "Postcode", "description": _("Zoals 1234 AB, of alleen 1234")},
        {"id": "website", "name": "Website", "description": _("Het adres van de website")},
    ]
    return _answer(request, {"result": _labelled(prefix, items)[cursor:]})


@csrf_exempt
def suggest_type(request):
    if request.method == "OPTIONS":
        return _options()
    try:
        prefix, cursor = _suggest_params(request)
    except BadBatch as error:
        return _error(request, error)
    items = [{"id": COLLECTIVE_TYPE, "name": "Burgercollectief"}] + [
        {"id": value, "name": str(label)} for value, label in Kind.choices
    ]
    return _answer(request, {"result": _labelled(prefix, items)[cursor:]})
