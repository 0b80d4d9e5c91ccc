"""The write endpoints fuzzed with a valid write token on a collective its user edits: whatever
the body, the answer is a declared status in the declared shape, never a 5xx (schemathesis).
Without a token they are fuzzed in test_schema_fuzz.py, where they answer 401."""

import pytest
from hypothesis import given

from opmars.api.actions import create_token
from tests.api.test_schema_fuzz import CHECKS, FUZZ_SETTINGS, api_operations

WRITES = [
    op
    for op in api_operations()
    if op.method.upper() in {"POST", "PATCH", "PUT"} and op.path.startswith("/api/v1/collectives")
]


@pytest.mark.parametrize("operation", WRITES, ids=lambda op: op.label)
def test_writes_with_a_token_honour_their_schema(
    operation, make_collective, editor_user, keep_test_connection, settings
):
    settings.OPMARS_API_WRITE_RATE = "100000/m"
    collective = make_collective(name="Buurtcoöperatie Fuzz", founded_year=1990)
    _token, secret = create_token(editor_user, "fuzz", "write")
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}

    @given(case=operation.as_strategy())
    @FUZZ_SETTINGS
    def answers_as_declared(case):
        if "slug" in (case.path_parameters or {}):
            case.path_parameters["slug"] = collective.slug
        case.call_and_validate(checks=CHECKS, headers=headers)

    answers_as_declared()
