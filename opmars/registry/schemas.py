"""The shapes of the collective's API answers and request bodies."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BaseModel, create_model

from opmars.api.schemas import CodeName, JsonObject, NetworkRef
from opmars.registry.fields import (
    BOOL,
    CODE,
    COLLECTIVE,
    DATE,
    FACTS,
    INT,
    NUM,
    PEOPLE,
    TEXT,
    URL,
    imported,
    in_api,
)
from opmars.registry.params import BodyYear, Euros, People
from opmars.registry.vocab import CHARACTERISTICS, Domain, Kind, LegalForm, Status

PUBLIC = in_api(COLLECTIVE)
FACTS_OUT = in_api(FACTS)


def _documented(field):
    """A schema field described as the declaration (registry/fields.py) describes it."""
    return Field(description=field.api_doc)


# --- collectives --------------------------------------------------------------------------------


class CollectiveItem(Schema):
    slug: str
    name: str
    kind: str
    legal_form: str
    municipality: CodeName = _documented(PUBLIC["municipality"])
    province: CodeName
    lat: float = _documented(PUBLIC["lat"])
    lon: float = _documented(PUBLIC["lon"])
    location_precision: str = _documented(PUBLIC["location_precision"])
    founded_year: int | None
    status: str
    status_year: int | None
    domains: list[str]
    demo: bool = _documented(PUBLIC["demo"])
    url: str = Field(description="Path of the collective's public web page.")
    distance_km: float | None = Field(
        None, description="Distance to `near`, rounded to 0.1 km; only present with `near`."
    )


class CollectiveList(Schema):
    count: int = Field(description="Number of collectives matching the filters (all pages).")
    items: list[CollectiveItem]


Characteristics = create_model(
    "Characteristics",
    __base__=Schema,
    **{code: (bool, Field(description=str(meaning))) for code, _label, meaning in CHARACTERISTICS},
)


class _Year(Schema):
    year: int


# The year, then every figure the declaration puts in the API; a figure may be unknown (null).
YearlyFactsOut = create_model(
    "YearlyFactsOut",
    __base__=_Year,
    **{
        name: (int | None, _documented(field) if field.api_doc else ...)
        for name, field in FACTS_OUT.items()
        if name != "year"
    },
)


def _one_of(values, description):
    # The form checks the value and answers in Dutch; the schema only documents the choices.
    return Field(None, description=description, json_schema_extra={"enum": list(values)})


CharacteristicsIn = create_model(
    "CharacteristicsIn",
    __base__=JsonObject,
    **{
        code: (bool, Field(None, description=str(meaning)))
        for code, _label, meaning in CHARACTERISTICS
    },
)


class CollectiveIn(JsonObject):
    """A collective as the registration form has it. Creating needs name, kind, legal_form and
    municipality or postcode; updating changes only the fields that are sent."""

    name: str = Field(None, description="At most 200 characters.")
    kind: str = _one_of(Kind.values, "Kind of collective (vocabulary `kind`).")
    legal_form: str = _one_of(LegalForm.values, "Legal form (vocabulary `legal_form`).")
    kvk_number: str | None = Field(None, description="8 digits, or null.")
    municipality: str | None = Field(
        None, description="Seat: CBS code (GM0363) or name; may be left out with a postcode."
    )
    works_in: list[str] = Field(None, description="Other municipalities: CBS codes or names.")
    postcode: str | None = Field(None, description="Dutch postcode; only 4 digits are shown.")
    lat: float | None = Field(None, description="Latitude, together with lon.")
    lon: float | None = Field(None, description="Longitude, together with lat.")
    address_is_public: bool = Field(
        None, description="Only then the exact point is shown; needs lat and lon."
    )
    founded_year: BodyYear | None = None
    status: str = _one_of(Status.values, "Default actief when creating.")
    status_year: BodyYear | None = None
    domains: list[str] = Field(
        None,
        description="Domain codes (vocabulary `domain`).",
        json_schema_extra={"items": {"type": "string", "enum": list(Domain.values)}},
    )
    description: str | None = Field(None, description="At most 5000 characters.")
    website: str | None = None
    contact_email: str | None = Field(None, description="Never shown in the API or on pages.")
    source: str | None = None
    characteristics: CharacteristicsIn = None


class NewCollectiveIn(CollectiveIn):
    """A new collective: the schema says which fields it needs. The registration form checks
    them, with all other errors at once and in Dutch (docs/decisions/0036)."""

    model_config = {
        "json_schema_extra": {
            "required": ["name", "kind", "legal_form"],
            "anyOf": [{"required": ["municipality"]}, {"required": ["postcode"]}],
        }
    }


def _facts_body(name, doc, default):
    return create_model(
        name,
        __base__=JsonObject,
        __doc__=doc,
        **{
            f.name: ((People if f.unit == PEOPLE else Euros) | None, default)
            for f in imported(FACTS)
            if f.name != "year"
        },
    )


# PUT replaces the whole year, so it needs every figure (null: unknown, never 0): a figure left
# out by mistake would otherwise erase a stored value. PATCH changes only the figures it sends.
YearlyFactsIn = _facts_body(
    "YearlyFactsIn",
    "All of one year's facts; every field is required, null means unknown (not 0).",
    ...,
)
YearlyFactsPatch = _facts_body(
    "YearlyFactsPatch",
    "Some of one year's facts; the fields left out keep their value, null makes one unknown.",
    None,
)


class _TypedDetail(CollectiveItem):
    description: str
    website: str
    works_in: list[CodeName]
    characteristics: Characteristics
    networks: list[NetworkRef]
    facts: list[YearlyFactsOut] = Field(description="Yearly facts, oldest year first.")
    source: str
    last_verified: date | None
    possibly_outdated: bool = Field(
        description="Not confirmed (last_verified, or else created) for 18 months or more."
    )
    is_verified: bool


PYTHON_TYPES = {TEXT: str, INT: int, NUM: float, BOOL: bool, CODE: str, DATE: date, URL: str}


# Every other public field the declaration puts in the API joins the full answer by itself, so
# a new stored field reaches the API from registry/fields.py alone (the typed lines above keep
# the answer's order for the fields it had; decision 0042).
def detail_schema(public):
    """The full answer: the typed lines, then every other public field in `public`."""
    return create_model(
        "CollectiveDetail",
        __base__=_TypedDetail,
        **{
            name: (PYTHON_TYPES[field.type] | None, _documented(field))
            for name, field in public.items()
            if name not in _TypedDetail.model_fields and name not in Characteristics.model_fields
        },
    )


CollectiveDetail = detail_schema(PUBLIC)


# --- vocabularies -------------------------------------------------------------------------------


class VocabularyValue(Schema):
    code: str
    label_nl: str
    label_en: str


class Vocabulary(Schema):
    definition_nl: str
    definition_en: str
    values: list[VocabularyValue]


class Vocabularies(Schema):
    kind: Vocabulary
    legal_form: Vocabulary
    status: Vocabulary
    domain: Vocabulary
    location_precision: Vocabulary
    network_kind: Vocabulary
    event_kind: Vocabulary


# --- map ----------------------------------------------------------------------------------------


# The map's answers are plain pydantic models, not ninja Schemas: they are built from dicts, and
# ninja's wrapper for ORM objects took half the time of the whole-country answer (26.8 → 18.5 ms
# at 100,000 collectives); the JSON and the OpenAPI schema are the same.
class MapMunicipality(BaseModel):
    code: str
    name: str
    lat: float = Field(description="Municipality centroid.")
    lon: float
    count: int
    by_kind: dict[str, int]


class MapAggregate(BaseModel):
    mode: Literal["aggregate"]
    count: int
    items: list[MapMunicipality]


class MapPoint(BaseModel):
    slug: str
    name: str
    kind: str
    lat: float
    lon: float
    demo: bool


class MapPoints(BaseModel):
    mode: Literal["points"]
    count: int = Field(description="All matching collectives in the bbox, also when truncated.")
    truncated: bool = Field(description="True when more than the returned items matched.")
    items: list[MapPoint]


MapResponse = Annotated[MapAggregate | MapPoints, Field(discriminator="mode")]


# --- areas ---------------------------------------------------------------------------------------


class MunicipalityItem(Schema):
    code: str
    name: str
    province: CodeName
    population: int = Field(description="Inhabitants on 1 January 2024 (CBS).")
    lat: float = Field(description="Centroid latitude.")
    lon: float = Field(description="Centroid longitude.")
    collective_count: int = Field(description="Collectives with their seat here (any status).")


class MunicipalityList(Schema):
    count: int
    items: list[MunicipalityItem]


class MunicipalityDetail(MunicipalityItem):
    by_kind: dict[str, int] = Field(description="Collectives with their seat here, per kind.")
    by_status: dict[str, int]


class ProvinceItem(Schema):
    code: str
    name: str
    population: int = Field(description="Inhabitants on 1 January 2024 (CBS).")
    municipality_count: int
    collective_count: int = Field(description="Collectives with their seat in the province.")


class ProvinceList(Schema):
    count: int
    items: list[ProvinceItem]


class ProvinceDetail(ProvinceItem):
    municipalities: list[CodeName]
    by_kind: dict[str, int]
    by_status: dict[str, int]


class LifeEventIn(JsonObject):
    """One event in a collective's life. The whole life is checked: not in the future, not
    before the founding, nothing but a new start after a stop."""

    kind: str = _one_of(
        [
            "opgericht",
            "actief",
            "slapend",
            "heractiveerd",
            "gestopt",
            "rechtsvorm",
            "betaalde_kracht",
        ],  # fmt: skip
        "What happened (vocabulary `event_kind`).",
    )
    date: str = Field(..., description="A year (2019) or a day (2019-03-01).")
    legal_form: str | None = _one_of(LegalForm.values, "The new legal form (kind rechtsvorm).")
    source: str | None = Field(None, description="Where it is written, at most 150 characters.")


class LifeEventCorrection(JsonObject):
    """The right date of an event; the correction stays visible beside it."""

    date: str = Field(..., description="A year (2019) or a day (2019-03-01).")
    source: str | None = Field(None, description="Where the right date is written.")


class Correction(Schema):
    at: str = Field(description="When the date was corrected (ISO 8601).")
    was: str = Field(description="The date before the correction.")
    to: str = Field(description="The date after it.")


class LifeEventOut(Schema):
    id: int
    kind: str = Field(description="Vocabulary `event_kind`.")
    label: str = Field(description="The kind in Dutch.")
    date: str = Field(description="ISO date; a year-only date is 1 January of that year.")
    precision: str = Field(description="dag, jaar, or onbekend (the day it was recorded).")
    source: str
    reconstructed: bool = Field(description="Rebuilt from what the record held, not seen happen.")
    detail: dict = Field(description="legal form from/to, network, merged record.")
    corrections: list[Correction]


class LifeEventList(Schema):
    count: int
    items: list[LifeEventOut]
