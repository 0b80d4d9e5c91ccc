"""GET /api/v1/municipalities/{code}/rights: every right once, unknown as onbekend, the cases."""

import pytest

from opmars.rights.models import LocalRight, RightCase

pytestmark = pytest.mark.django_db


def test_every_right_with_status_source_and_cases(client, make_collective):
    LocalRight.objects.create(
        municipality_id="GM0363", right="uitdaagrecht", status="ja", since="2025-01-01",
        instrument="Participatieverordening", source_url="https://example.org/v",
        source_date="2024-12-01", last_checked="2026-03-01",
    )  # fmt: skip
    collective = make_collective()
    RightCase.objects.create(
        municipality_id="GM0363", right="uitdaagrecht", collective=collective,
        collective_name=collective.name, year=2025, subject="groenonderhoud",
        outcome="toegekend", source_url="https://example.org/besluit", is_demo=True,
    )  # fmt: skip
    answer = client.get("/api/v1/municipalities/gm0363/rights")
    assert answer.status_code == 200
    body = answer.json()
    assert body["municipality"] == {"code": "GM0363", "name": "Amsterdam"}
    assert [r["right"] for r in body["rights"]] == [
        "uitdaagrecht", "buurtrechten", "recht_op_overname"
    ]  # fmt: skip
    first, second = body["rights"][:2]
    assert first == {
        "right": "uitdaagrecht",
        "label": "Uitdaagrecht",
        "status": "ja",
        "since": "2025-01-01",
        "instrument": "Participatieverordening",
        "source": {"url": "https://example.org/v", "date": "2024-12-01"},
        "last_checked": "2026-03-01",
        "note": "",
        "demo": False,
    }
    assert second["status"] == "onbekend" and second["last_checked"] is None
    assert body["cases"] == [
        {
            "right": "uitdaagrecht",
            "collective": collective.name,
            "collective_slug": collective.slug,
            "year": 2025,
            "subject": "groenonderhoud",
            "outcome": "toegekend",
            "source": {"url": "https://example.org/besluit", "date": None},
            "demo": True,
        }
    ]


def test_an_unknown_municipality_is_a_404_in_the_error_shape(client):
    answer = client.get("/api/v1/municipalities/GM9999/rights")
    assert answer.status_code == 404
    error = answer.json()["errors"][0]
    assert error["field"] == "code" and "GM9999" in error["message"]
