"""Minimal JSON schemas of the reconciliation protocol's answers (W3C Entity Reconciliation API
0.2), written for these tests from the specification's field lists: the manifest, a result
batch, and the suggest answers."""

import jsonschema_rs

TYPE = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    "required": ["id", "name"],
}
SERVICE = {
    "type": "object",
    "properties": {"service_url": {"type": "string"}, "service_path": {"type": "string"}},
}
MANIFEST = {
    "type": "object",
    "properties": {
        "versions": {"type": "array", "items": {"type": "string"}, "contains": {"const": "0.2"}},
        "name": {"type": "string"},
        "identifierSpace": {"type": "string"},
        "schemaSpace": {"type": "string"},
        "defaultTypes": {"type": "array", "items": TYPE, "uniqueItems": True},
        "view": {
            "type": "object",
            "properties": {"url": {"type": "string", "pattern": "\\{\\{id\\}\\}"}},
            "required": ["url"],
        },
        "preview": {
            "type": "object",
            "properties": {
                "url": {"type": "string", "pattern": "\\{\\{id\\}\\}"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
            },
            "required": ["url", "width", "height"],
        },
        "suggest": {
            "type": "object",
            "properties": {"entity": SERVICE, "property": SERVICE, "type": SERVICE},
        },
        "batchSize": {"type": "integer", "minimum": 1},
    },
    "required": ["versions", "name", "identifierSpace", "schemaSpace"],
}
CANDIDATE = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "score": {"type": "number"},
        "match": {"type": "boolean"},
        "type": {"type": "array", "items": {"oneOf": [TYPE, {"type": "string"}]}},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "value": {"oneOf": [{"type": "boolean"}, {"type": "number"}]},
                },
                "required": ["id", "value"],
            },
        },
    },
    "required": ["id", "name", "score"],
}
RESULT_BATCH = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {"result": {"type": "array", "items": CANDIDATE}},
        "required": ["result"],
    },
}
SUGGEST = {
    "type": "object",
    "properties": {
        "result": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "description": {"type": "string"},
                    "notable": {"type": "array", "items": {"oneOf": [TYPE, {"type": "string"}]}},
                },
                "required": ["id", "name"],
            },
        }
    },
    "required": ["result"],
}
ERROR = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "code": {"type": "string"},
                    "message": {"type": "string", "minLength": 1},
                },
                "required": ["field", "code", "message"],
            },
        }
    },
    "required": ["errors"],
}


def check(schema, data):
    """Raise with the first reason when `data` does not fit `schema`."""
    jsonschema_rs.validator_for(schema).validate(data)
