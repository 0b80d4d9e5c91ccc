"""The shapes of the reference data's API answers: municipalities, provinces, SDGs, outlines."""

from ninja import Field, Schema

from opmars.api.schemas import CodeName


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


class SdgTargetOut(Schema):
    code: str
    type: str
    title_en: str


class SdgGoalOut(Schema):
    number: int
    short_title_nl: str
    short_title_en: str
    title_en: str
    color: str
    targets: list[SdgTargetOut]


class SdgList(Schema):
    count: int
    items: list[SdgGoalOut]


# GeoJSON is served as prepared bytes (application/geo+json), so it is described by hand.
OUTLINE_COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "properties", "geometry"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": "string", "description": "The CBS code."},
                    "properties": {
                        "type": "object",
                        "required": ["code", "name"],
                        "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                    },
                    "geometry": {
                        "type": "object",
                        "description": "Polygon or MultiPolygon in WGS84 longitude/latitude.",
                        "properties": {
                            "type": {"enum": ["Polygon", "MultiPolygon"]},
                            "coordinates": {"type": "array"},
                        },
                    },
                },
            },
        },
    },
}
