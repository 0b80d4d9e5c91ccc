"""Property-based API tests generated from the OpenAPI schema (schemathesis).

Whatever a client sends — valid or not — the API never answers with a 5xx, every answer matches
the schema it declares, and its status codes and content types are the documented ones.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


def api_operations():
    from opmars.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


FUZZ_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("operation", api_operations(), ids=lambda op: op.label)
def test_every_endpoint_honours_its_schema(operation, make_collective, keep_test_connection):
    make_collective(name="Energiecoöperatie Fuzz", kind="energiecooperatie")

    @given(case=operation.as_strategy())
    @FUZZ_SETTINGS
    def answers_as_declared(case):
        # The WSGI transport does not decompress; gzip itself is tested in test_map.py.
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    answers_as_declared()
