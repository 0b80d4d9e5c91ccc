"""One shape for every 4xx answer: {"errors": [{"field", "code", "message"}]}, messages in Dutch.

Ninja's own validation errors, Django's 404s and 405s under /api/v1/ are rewritten to that shape
too, so a client needs exactly one error parser.
"""

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from opmars.common import limits
from opmars.common.errors import QueryError, field_error


class ApiError(Exception):
    def __init__(self, status, errors, headers=None):
        super().__init__(errors)
        self.status = status
        self.errors = errors
        self.headers = headers or {}


def not_found(field, message):
    return ApiError(404, [field_error(field, "niet_gevonden", message)])


def error_response(status, errors, headers=None):
    return JsonResponse({"errors": errors}, status=status, headers=headers)


# Pydantic error types -> (our code, Dutch message). %(name)s is the parameter, %(limit)s a bound.
_PYDANTIC_MESSAGES = {
    "missing": ("ontbreekt", gettext_noop("Geef %(name)s op; deze parameter is verplicht.")),
    "int_parsing": ("geen_getal", gettext_noop("%(name)s moet een heel getal zijn.")),
    "int_from_float": ("geen_getal", gettext_noop("%(name)s moet een heel getal zijn.")),
    "int_type": ("geen_getal", gettext_noop("%(name)s moet een heel getal zijn.")),
    "float_parsing": ("geen_getal", gettext_noop("%(name)s moet een getal zijn, zoals 2.5.")),
    "greater_than_equal": ("buiten_bereik", gettext_noop("%(name)s moet minstens %(limit)s zijn.")),
    "greater_than": ("buiten_bereik", gettext_noop("%(name)s moet groter dan %(limit)s zijn.")),
    "less_than_equal": ("buiten_bereik", gettext_noop("%(name)s mag hoogstens %(limit)s zijn.")),
    "less_than": ("buiten_bereik", gettext_noop("%(name)s moet kleiner dan %(limit)s zijn.")),
    # Types in a JSON body (the write endpoints).
    "string_type": ("geen_tekst", gettext_noop("%(name)s moet tekst zijn.")),
    "bool_type": ("geen_ja_nee", gettext_noop("%(name)s moet true of false zijn.")),
    "bool_parsing": ("geen_ja_nee", gettext_noop("%(name)s moet true of false zijn.")),
    "list_type": ("geen_lijst", gettext_noop('%(name)s moet een lijst zijn, zoals ["a", "b"].')),
    "model_type": ("geen_object", gettext_noop("%(name)s moet een JSON-object {...} zijn.")),
    "model_attributes_type": (
        "geen_object",
        gettext_noop("%(name)s moet een JSON-object {...} zijn."),
    ),
    "extra_forbidden": (
        "onbekend_veld",
        gettext_noop(
            "%(name)s is geen veld van deze body. Kijk op /api/v1/docs welke velden er zijn."
        ),
    ),
}
# A field missing from a body (PUT of yearly facts needs every figure).
_MISSING_IN_BODY = gettext_noop("Geef %(name)s op; stuur null als je het niet weet.")
# ninja's words for a body that is not JSON at all.
_UNPARSABLE_BODY = "Cannot parse request body"


def _from_pydantic(item):
    # The last named part: "domains" rather than the index of a list item; the whole body of a
    # write endpoint is ninja's "payload".
    names = [str(part) for part in item.get("loc", ()) if not isinstance(part, int)]
    name = names[-1] if names else ""
    if name == "payload":
        name = "body"
    code, message = _PYDANTIC_MESSAGES.get(
        item.get("type"),
        ("ongeldig", gettext_noop("Controleer %(name)s: deze waarde kunnen we niet lezen.")),
    )
    if code == "ontbreekt" and _in_body(item):
        message = _MISSING_IN_BODY
    context = item.get("ctx") or {}
    limit = next((context[k] for k in ("ge", "gt", "le", "lt") if k in context), "")
    return field_error(name, code, _(message) % {"name": name, "limit": limit})


def _in_body(item):
    return tuple(item.get("loc", ()))[:1] == ("body",)


def install_error_handlers(api: NinjaAPI):
    @api.exception_handler(QueryError)
    def query_error(request, exc):
        return error_response(400, exc.errors)

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        return error_response(exc.status, exc.errors, exc.headers)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        message = str(exc) or _("Dit mag je niet.")
        return error_response(403, [field_error("", "geen_toegang", message)])

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        # Bad path or query parameters are a 400 like every other bad request; a JSON body
        # that does not fit its schema is a 422, as when the form refuses it (ninja puts both
        # in one error: any parameter error makes it a 400).
        status = 422 if all(_in_body(item) for item in exc.errors) else 400
        return error_response(status, [_from_pydantic(item) for item in exc.errors])

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and str(exc).startswith(_UNPARSABLE_BODY):
            message = _("De inhoud van het verzoek is geen geldige JSON. Controleer de body.")
            return error_response(400, [field_error("body", "geen_json", message)])
        return error_response(
            exc.status_code, [field_error("", f"http_{exc.status_code}", str(exc))]
        )

    @api.exception_handler(Ratelimited)
    def too_many(request, exc):
        answer = error_response(
            429, [field_error("", "te_veel_verzoeken", limits.message(request))]
        )
        return limits.with_retry_after(answer, request)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        # Django's own answer to this is an English HTML 400.
        message = _("De body is groter dan %(limit)s bytes. Stuur minder tegelijk.") % {
            "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        return error_response(413, [field_error("body", "te_groot", message)])

    @api.exception_handler(Http404)
    def http404(request, exc):
        return _unknown_path(request)


def _unknown_path(request, *args, **kwargs):
    message = _("Dit adres bestaat niet in de API. Kijk op /api/v1/docs welke adressen er zijn.")
    return error_response(404, [field_error("path", "niet_gevonden", message)])


def _method_not_allowed(request, response):
    allowed = response.get("Allow", "GET")
    message = _("De methode %(method)s kan hier niet. Gebruik %(allowed)s.") % {
        "method": request.method,
        "allowed": allowed,
    }
    shaped = error_response(405, [field_error("method", "methode_niet_toegestaan", message)])
    shaped["Allow"] = allowed
    return shaped


def _shaped(view):
    """Wrap a URL's view so that Django's own 404 and 405 answers also have the error shape."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return _unknown_path(request)
        if response.status_code == 405:
            return _method_not_allowed(request, response)
        return response

    return wrapper


NOT_MODIFIED = {
    "description": "Not modified: the ETag sent in If-None-Match (or the date in "
    "If-Modified-Since) still holds. Only requests without a token are revalidated."
}


def declare_revalidation(schema):
    """Every anonymous data read can answer 304 (opmars/caching/http.py), before any view runs;
    say so on each GET, as the outlines say of their own ETag."""
    from opmars.caching.http import API_PREFIX, NOT_DATA

    for path, operations in schema.get("paths", {}).items():
        read = operations.get("get")
        if read is None or not path.startswith(API_PREFIX) or path.startswith(NOT_DATA):
            continue
        responses = read.setdefault("responses", {})
        if 304 not in responses and "304" not in responses:
            responses[304] = NOT_MODIFIED
    return schema


class ShapedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose every URL, including unknown ones, answers 4xx in the error shape."""

    def get_openapi_operation_id(self, operation):
        # Short ids (list_collectives) make nicer names in generated clients.
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs):
        return declare_revalidation(super().get_openapi_schema(**kwargs))

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        shaped = [
            URLPattern(p.pattern, _shaped(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in patterns
        ]
        shaped.append(re_path(r"^.*$", _unknown_path, name="unknown-path"))
        return shaped, app_name, namespace
