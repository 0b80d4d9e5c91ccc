"""The write endpoints fuzzed with a valid write token on a collective its user edits: whatever
the body, the answer is a declared status in the declared shape, never a 5xx (schemathesis).
Without a token they are fuzzed in test_schema_fuzz.py, where they answer 401; with the token of
each role in test_schema_fuzz_roles.py."""

import pytest

from opmars.registry import actions
from opmars.registry.schemas import YearlyFactsIn
from tests.api.test_schema_fuzz import (
    CHECKS,
    MODES,
    OPERATIONS,
    PLAIN,
    editor_user,  # noqa: F401 (the fixture without a password)
    fuzz,
)

WRITES = [op for op in OPERATIONS if op.method.upper() in {"POST", "PATCH", "PUT", "DELETE"}]
# The calculator needs no token and is fuzzed in test_schema_fuzz.py.
TOKEN_WRITES = [op for op in WRITES if op.path.startswith("/api/v1/collectives")]


# A body each write accepts, so its success answer is checked against the schema too.
# PUT of yearly facts needs every figure (null: unknown); PATCH of a year needs facts to exist.
FACTS = "/api/v1/collectives/{slug}/facts/{year}"
VALID = {
    "POST /api/v1/collectives": {
        "name": "Zonnedak Fuzz", "kind": "energiecooperatie", "legal_form": "cooperatie_ua",
        "municipality": "GM0344", "characteristics": {"is_local": True}},
    "PATCH /api/v1/collectives/{slug}": {
        "description": "Bijgewerkt door een programma.", "works_in": ["Utrecht"]},
    f"PUT {FACTS}": {name: None for name in YearlyFactsIn.model_fields} | {"members": 40},
    f"PATCH {FACTS}": {"members": 41, "income_grants": 1200},
    "POST /api/v1/collectives/{slug}/events": {"kind": "rechtsvorm", "date": "2020",
                                               "legal_form": "stichting"},
    "PATCH /api/v1/collectives/{slug}/events/{event_id}": {"date": "1991"},
}  # fmt: skip


def test_every_write_with_a_token_is_fuzzed():
    assert {op.label for op in WRITES} - {op.label for op in TOKEN_WRITES} == {
        "POST /api/v1/sroi/calculate"
    }


@pytest.fixture
def writer(make_collective, write_token, keep_test_connection, settings):
    """(collective, headers): a collective of editor_user and its write token's headers."""
    settings.OPMARS_API_WRITE_RATE = "100000/m"
    collective = make_collective(name="Buurtcoöperatie Fuzz", founded_year=1990)
    actions.save_yearly_facts(collective.editors.get(), collective, {"year": 2024, "members": 40})
    _token, secret = write_token
    return collective, {"Authorization": f"Bearer {secret}", **PLAIN}


def own_path_parameters(operation, collective):
    """The token user's own collective and a year it may have facts for."""
    founding = collective.events.get(kind="opgericht")
    path = {"slug": collective.slug, "year": 2024, "event_id": founding.pk}
    return {name: value for name, value in path.items() if "{" + name + "}" in operation.path}


@pytest.mark.parametrize("operation", TOKEN_WRITES, ids=lambda op: op.label)
def test_a_valid_write_answers_as_declared(operation, writer):
    collective, headers = writer
    case = operation.Case(
        path_parameters=own_path_parameters(operation, collective),
        body=VALID[operation.label],
        media_type="application/json",
    )
    response = case.call_and_validate(checks=CHECKS, headers=headers)
    assert response.status_code in (200, 201), response.text


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("operation", TOKEN_WRITES, ids=lambda op: op.label)
def test_writes_with_a_token_honour_their_schema(operation, mode, writer):
    collective, headers = writer
    fuzz(operation, mode, headers, own_path_parameters(operation, collective))
