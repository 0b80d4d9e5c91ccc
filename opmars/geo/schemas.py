"""The shapes of the reference data's API answers: SDGs, outlines."""

from ninja import Schema


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
