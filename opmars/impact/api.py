"""Impact endpoints: the public calculator, the indicator catalogue, a collective's reports."""

import json

from django.utils.translation import gettext as _
from ninja import Router

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import ApiError, not_found
from opmars.api.schemas import ErrorResponse
from opmars.common import limits
from opmars.common.errors import field_error
from opmars.impact import calculator, engine
from opmars.impact.models import ProxyLibrary
from opmars.impact.present import indicator_item, report_item
from opmars.impact.query import catalogue, published_reports

router = Router(tags=["impact"])

OUTCOME_SCHEMA = {
    "type": "object",
    "required": ["quantity", "proxy_value", "deadweight", "attribution", "displacement"],
    "properties": {
        "name": {"type": "string"},
        "quantity": {"type": "number", "minimum": 0, "maximum": engine.MAX_AMOUNT},
        "quantity_low": {"type": "number"},
        "quantity_high": {"type": "number"},
        "proxy_value": {"type": "number", "description": "euros per unit; negative allowed"},
        "proxy_low": {"type": "number"},
        "proxy_high": {"type": "number"},
        "deadweight": {"type": "number", "minimum": 0, "maximum": 1},
        "attribution": {"type": "number", "minimum": 0, "maximum": 1},
        "displacement": {"type": "number", "minimum": 0, "maximum": 1},
        "drop_off": {"type": "number", "minimum": 0, "maximum": 1, "default": 0},
        "duration": {"type": "integer", "minimum": 1, "maximum": engine.MAX_DURATION, "default": 1},
        "overlap_group": {"type": "string"},
    },
}
CALCULATE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["inputs", "outcomes"],
                    "properties": {
                        "discount_rate": {"type": "number", "default": 0.0225},
                        "convention": {
                            "type": "string",
                            "enum": ["platform", "sroi_guide"],
                            "default": "platform",
                        },
                        "simulations": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 100000,
                            "default": 10000,
                        },
                        "seed": {"type": "integer", "default": 1},
                        "inputs": {
                            "oneOf": [
                                {"type": "number", "minimum": 0},
                                {
                                    "type": "object",
                                    "properties": {
                                        k: {"type": "number", "minimum": 0}
                                        for k in calculator.INPUT_FIELDS
                                    },
                                },
                            ]
                        },
                        "outcomes": {"type": "array", "minItems": 1, "items": OUTCOME_SCHEMA},
                    },
                }
            }
        },
    }
}


@router.post(
    "/sroi/calculate",
    response={200: dict, 413: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse},
    summary="Compute the social return of an impact map",
    openapi_extra=CALCULATE_BODY,
)
def calculate(request):
    """METHODOLOGY.md §2 with §8; see docs/methodology.md. Nothing is stored."""
    limits.check(request, "calculator")
    try:
        data = json.loads(request.body or b"null")
    except ValueError as exc:
        raise ApiError(
            422, [field_error("", "geen_json", _("De body is geen geldige JSON."))]
        ) from exc
    try:
        kwargs = calculator.parse(data)
        result = calculator.calculate(data)
    except calculator.CalculatorError as exc:
        raise ApiError(422, exc.errors) from exc
    return calculator.response(result, kwargs["inputs"])


@router.get("/indicators", response=dict, summary="The indicator catalogue with SDG targets")
def indicators(request):
    items = [indicator_item(i) for i in catalogue()]
    return {"count": len(items), "items": items}


@router.get(
    "/collectives/{slug}/impact",
    response={200: dict, 404: ErrorResponse},
    summary="A collective's published impact reports",
)
def collective_impact(request, slug: str):
    collective = visible_collectives(request.user).filter(slug=slug).first()
    if collective is None:
        raise not_found("slug", _("Er is geen collectief met slug '%(slug)s'.") % {"slug": slug})
    latest = ProxyLibrary.objects.order_by("-version").first()
    reports = [report_item(r, latest) for r in published_reports(collective)]
    return {"collective": collective.slug, "demo": collective.is_demo, "reports": reports}
