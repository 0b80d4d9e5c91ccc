"""API: a municipality's local rights and the cases where collectives used them."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from opmars.api.errors import not_found
from opmars.api.schemas import ErrorResponse
from opmars.geo.lookup import merged_municipality
from opmars.geo.models import Municipality
from opmars.rights import evidence

router = Router(tags=["local rights"])


class SourceOut(Schema):
    url: str = Field(description="The document that says so; empty when nothing is known.")
    date: dt.date | None = Field(description="The document's date, when known.")


class RightOut(Schema):
    right: str = Field(description="uitdaagrecht, buurtrechten or recht_op_overname")
    label: str
    status: str = Field(
        description="ja, nee or onbekend; a municipality without an entry is onbekend, never nee."
    )
    since: dt.date | None = Field(description="Since when the right holds (only with ja).")
    instrument: str = Field(description="Where it is laid down, e.g. the participatieverordening.")
    source: SourceOut
    last_checked: dt.date | None = Field(
        description="When the source was last checked; null: never."
    )
    note: str
    demo: bool = Field(description="True for a fictitious example entry.")


class CaseOut(Schema):
    right: str
    collective: str = Field(description="The collective's name.")
    collective_slug: str = Field(description="Its slug in Opmars; empty when it was removed.")
    year: int
    subject: str = Field(description="What it was about.")
    outcome: str = Field(description="toegekend, afgewezen, lopend or onbekend")
    source: SourceOut
    demo: bool


class MunicipalityRef(Schema):
    code: str
    name: str


class MunicipalityRights(Schema):
    municipality: MunicipalityRef
    rights: list[RightOut] = Field(description="Always one item per right, in a fixed order.")
    cases: list[CaseOut]


@router.get(
    "/municipalities/{code}/rights",
    response={200: MunicipalityRights, 404: ErrorResponse},
    summary="A municipality's local rights (uitdaagrecht, buurtrechten, recht op overname)",
)
def municipality_rights(request, code: str):
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None:
        merged = merged_municipality(code)
        if merged is not None:
            raise not_found("code", merged.message)
        raise not_found(
            "code",
            _("Er is geen gemeente met code %(code)s. Gebruik een CBS-code zoals GM0363.")
            % {"code": code},
        )
    return {
        "municipality": {"code": municipality.code, "name": municipality.name},
        "rights": [
            {
                "right": row["right"],
                "label": row["right_label"],
                "status": row["status"],
                "since": row["since"],
                "instrument": row["instrument"],
                "source": {"url": row["source_url"], "date": row["source_date"]},
                "last_checked": row["last_checked"],
                "note": row["note"],
                "demo": row["demo"],
            }
            for row in evidence.municipality_rights(municipality)
        ],
        "cases": [
            {
                "right": case["right"],
                "collective": case["collective_name"],
                "collective_slug": case["collective_slug"],
                "year": case["year"],
                "subject": case["subject"],
                "outcome": case["outcome"],
                "source": {"url": case["source_url"], "date": case["source_date"]},
                "demo": case["demo"],
            }
            for case in evidence.municipality_cases(municipality)
        ],
    }
