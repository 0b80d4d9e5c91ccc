"""The API documentation at /api/v1/docs: one server-rendered page read from the OpenAPI schema.

Instead of an interactive JavaScript viewer: the page works without script, in the site's
layout and language, under the Content-Security-Policy, and meets WCAG 2.1 AA. Every endpoint
shows its parameters, request body and answers; every schema its fields. The schema's own texts
are English (as the API is) and are marked `lang="en"`; the page around them follows the
language the visitor chose. The schema itself stays at openapi.json for tools.
"""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")
LOCATIONS = {"path": gettext_lazy("in het pad"), "query": gettext_lazy("in de query")}
TAGS = {
    "collectives": gettext_lazy("Collectieven"),
    "writing": gettext_lazy("Schrijven (met schrijftoken)"),
    "map": gettext_lazy("Kaart"),
    "reference data": gettext_lazy("Referentiegegevens"),
    "impact": gettext_lazy("Impact"),
    "networks": gettext_lazy("Netwerken"),
    "knowledge": gettext_lazy("Kennis"),
    "statistics": gettext_lazy("Statistieken"),
}
# What an answer's status code means, in the visitor's language; ninja's own descriptions are
# the bare English reason phrases ("OK", "Bad Request").
STATUSES = {
    "200": gettext_lazy("Gelukt."),
    "201": gettext_lazy("Gemaakt."),
    "204": gettext_lazy("Gelukt, zonder inhoud."),
    "304": gettext_lazy("Niet veranderd sinds je vorige vraag: gebruik je eigen kopie."),
    "400": gettext_lazy("De vraag klopt niet, bijvoorbeeld een onbekende waarde."),
    "401": gettext_lazy("Geen of een ongeldig schrijftoken."),
    "403": gettext_lazy("Dit token mag dit niet."),
    "404": gettext_lazy("Niet gevonden."),
    "405": gettext_lazy("Deze methode kan hier niet."),
    "413": gettext_lazy("De body is te groot."),
    "422": gettext_lazy("De gegevens in de body kloppen niet."),
    "429": gettext_lazy("Te veel vragen achter elkaar: wacht even (zie Retry-After)."),
}
REASON_PHRASES = {
    "OK",
    "Created",
    "No Content",
    "Not Modified",
    "Bad Request",
    "Unauthorized",
    "Forbidden",
    "Not Found",
    "Method Not Allowed",
    "Request Entity Too Large",
    "Unprocessable Entity",
    "Too Many Requests",
}


class AccessibleDocs(DocsBase):
    """ninja's docs hook: `NinjaAPI(docs=AccessibleDocs())` serves this page at docs_url."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = describe(schema)
        context["openapi_url"] = self.get_openapi_url(api, kwargs)
        return render(request, self.template, context)


def describe(schema: dict) -> dict:
    """What the template shows, read from an OpenAPI 3 schema."""
    components = schema.get("components", {})
    groups: dict[str, list] = {}
    for path, methods in schema.get("paths", {}).items():
        for method in METHODS:
            if method in methods:
                operation = describe_operation(path, method, methods[method], components)
                groups.setdefault(operation["tag"], []).append(operation)
    return {
        "info": schema.get("info", {}),
        "description": text(schema.get("info", {}).get("description", "")),
        "groups": [
            {"tag": tag, "id": "tag-" + slug(tag), "title": TAGS.get(tag, tag), "operations": ops}
            for tag, ops in groups.items()
        ],
        "schemas": [
            describe_schema(name, definition)
            for name, definition in components.get("schemas", {}).items()
        ],
        "security_schemes": components.get("securitySchemes", {}),
    }


def describe_operation(path: str, method: str, operation: dict, components: dict) -> dict:
    parameters = [describe_parameter(p) for p in operation.get("parameters", [])]
    body = None
    if "requestBody" in operation:
        request_body = operation["requestBody"]
        content_type, media = next(iter(request_body.get("content", {}).items()))
        body_schema = media.get("schema", {})
        body = {
            "required": request_body.get("required", False),
            "content_type": content_type,
            "type": type_html(body_schema),
            "fields": fields(resolve(body_schema, components)),
            "schema_description": text(resolve(body_schema, components).get("description", "")),
        }
    responses = []
    for status, response in operation.get("responses", {}).items():
        code = str(status)  # an int in ninja's schema, a string once it is JSON
        description = response.get("description", "")
        content = response.get("content", {})
        media_type, media = next(iter(content.items()), (None, {}))
        responses.append(
            {
                "code": code,
                "meaning": STATUSES.get(code, ""),
                "description": "" if description in REASON_PHRASES else text(description),
                "media_type": media_type,
                "type": type_html(media["schema"]) if "schema" in media else "",
            }
        )
    return {
        "id": "op-" + (operation.get("operationId") or slug(f"{method} {path}")),
        "method": method.upper(),
        "path": path,
        "tag": (operation.get("tags") or [""])[0],
        "summary": operation.get("summary", ""),
        "description": text(operation.get("description", "")),
        "secured": bool(operation.get("security")),
        "parameters": parameters,
        "body": body,
        "responses": responses,
    }


def describe_parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "location": LOCATIONS.get(parameter.get("in"), parameter.get("in")),
        "required": parameter.get("required", False),
        "type": type_html(schema),
        "description": text(parameter.get("description") or own_description(schema)),
        "constraints": constraints(schema),
    }


def describe_schema(name: str, schema: dict) -> dict:
    return {
        "name": name,
        "id": schema_id(name),
        "description": text(schema.get("description", "")),
        "fields": fields(schema),
        "type": "" if "properties" in schema else type_html(schema),
        "constraints": [] if "properties" in schema else constraints(schema),
        "closed": schema.get("additionalProperties") is False,
    }


def fields(schema: dict, depth: int = 0) -> list[dict]:
    """The properties of an object schema; objects written inline are described beneath."""
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": type_html(prop),
            "required": name in required,
            "description": text(own_description(prop)),
            "constraints": constraints(prop),
            "parts": inline_objects(prop, depth + 1) if depth < 4 else [],
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def inline_objects(schema: dict, depth: int) -> list[dict]:
    """Objects written out inside a property (not named schemas): as a whole, per element of
    a list, or as one of the alternatives."""
    found = []
    if schema.get("properties"):
        found.append({"label": "", "fields": fields(schema, depth)})
    items = schema.get("items", {})
    if schema.get("type") == "array" and items.get("properties"):
        found.append({"label": _("Elk element van de lijst:"), "fields": fields(items, depth)})
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, []):
            if branch.get("properties"):
                found.append({"label": _("Als object:"), "fields": fields(branch, depth)})
    return found


def resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref")
    if ref and ref.startswith("#/components/schemas/"):
        return components.get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
    return schema


def main_branch(schema: dict) -> dict:
    """The one non-null alternative of an optional value (anyOf [X, null]), else the schema."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    return branches[0] if len(branches) == 1 else schema


def own_description(schema: dict) -> str:
    return schema.get("description") or main_branch(schema).get("description", "")


def either(parts) -> SafeString:
    """Alternatives joined with "or" in the visitor's language."""
    return mark_safe(f" {escape(pgettext('one type or another', 'of'))} ".join(parts))


def code(value: Any) -> SafeString:
    return format_html("<code>{}</code>", value)


def type_html(schema: dict) -> SafeString:
    """A schema's type in words, with links to the named schemas it uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return format_html('<a href="#{}"><code>{}</code></a>', schema_id(name), name)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return either(type_html(branch) for branch in schema[key])
    if "allOf" in schema:
        return mark_safe(" + ".join(type_html(branch) for branch in schema["allOf"]))
    kind = schema.get("type")
    if isinstance(kind, list):
        return either(type_html({"type": k}) for k in kind)
    if kind == "array":
        return format_html(_("lijst van {}"), type_html(schema.get("items", {})))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return format_html(_("object met waarden {}"), type_html(schema["additionalProperties"]))
    if kind:
        if schema.get("format"):
            return format_html("<code>{}</code> ({})", kind, schema["format"])
        return format_html("<code>{}</code>", kind)
    return format_html("{}", _("elke waarde"))


def constraints(schema: dict) -> list[SafeString]:
    """Allowed values, bounds, default and example, as short phrases."""
    schema = main_branch(schema)
    if schema.get("type") == "array":
        found = constraints(schema.get("items", {}))
        if "maxItems" in schema:
            found.append(format_html(_("hoogstens {} waarden"), schema["maxItems"]))
        return found
    found = []
    if "enum" in schema:
        values = format_html_join(", ", "<code>{}</code>", ((v,) for v in schema["enum"]))
        found.append(format_html(_("Een van: {}"), values))
    for key, phrase in (
        ("minimum", _("minstens {}")),
        ("exclusiveMinimum", _("groter dan {}")),
        ("maximum", _("hoogstens {}")),
        ("exclusiveMaximum", _("kleiner dan {}")),
        ("minLength", _("minstens {} tekens")),
        ("maxLength", _("hoogstens {} tekens")),
    ):
        if key in schema:
            found.append(format_html(phrase, number(schema[key])))
    if "pattern" in schema:
        found.append(format_html(_("patroon {}"), code(schema["pattern"])))
    if "default" in schema and schema["default"] is not None:
        found.append(format_html(_("standaard {}"), code(schema["default"])))
    examples = schema.get("examples") or ([schema["example"]] if "example" in schema else [])
    if examples:
        found.append(format_html(_("bijvoorbeeld {}"), code(examples[0])))
    return found


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else str(value)


def text(value: str) -> SafeString:
    """A description from the schema: escaped, with `code` shown as code."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(value)))


def schema_id(name: str) -> str:
    return "schema-" + slug(name)


def slug(value: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]+", "-", value).strip("-").lower()
