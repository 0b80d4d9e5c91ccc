"""The shapes the whole API shares: the error answer and small pieces; each domain app keeps
its own answers' shapes (e.g. registry/schemas.py). The OpenAPI schema is generated from these."""

from ninja import Field, Schema
from pydantic import model_validator
from pydantic_core import PydanticCustomError

# --- errors -------------------------------------------------------------------------------------


class ErrorItem(Schema):
    field: str = Field(description="The parameter or field the error is about.")
    code: str = Field(description="A stable machine-readable code, e.g. onbekende_waarde.")
    message: str = Field(description="What went wrong and what to do, in Dutch.")


class ErrorResponse(Schema):
    errors: list[ErrorItem]


# --- shared pieces ------------------------------------------------------------------------------


class CodeName(Schema):
    code: str
    name: str


class NetworkRef(Schema):
    slug: str
    name: str


class JsonObject(Schema):
    """A request body: only a JSON object, and only with the schema's keys (an unknown key is a
    422 `onbekend_veld`, not silently ignored). ninja's Schema reads fields off any value, so a
    list would pass as a body with no fields; this wrap runs before ninja's own."""

    model_config = {"extra": "forbid"}

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, values, handler):
        if not isinstance(values, dict):
            raise PydanticCustomError("model_type", "a JSON object is required")
        return handler(values)


def code_name(place):
    """A municipality or province as a CodeName."""
    return {"code": place.code, "name": place.name}
