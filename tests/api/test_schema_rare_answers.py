"""Answers the schema fuzz does not provoke, checked against the schema all the same
(schemathesis): a 304 to a conditional read, a 429 past a read's rate limit, a 413 for a body
over the upload limit. Each is declared by the operations that can give it."""

import pytest

from tests.api.test_schema_fuzz import (
    CHECKS,
    OPERATIONS,
    PLAIN,
    editor_user,  # noqa: F401 (the fixture without a password, write_token's user here)
    known_path_parameters,
)
from tests.api.test_schema_fuzz_writes import TOKEN_WRITES

BY_LABEL = {operation.label: operation for operation in OPERATIONS}
# Not data: the outlines have their own ETag (test_map.py); every other read is revalidated
# with the data generation's (opmars/caching/http.py).
DATA_READS = [
    operation
    for operation in OPERATIONS
    if operation.method.upper() == "GET" and "/outlines/" not in operation.path
]
RATE_LIMITED = {
    "GET /api/v1/collectives": "search",
    "GET /api/v1/collectives/{slug}/peers": "peers",
    "POST /api/v1/sroi/calculate": "calculator",
}
BODIES = [*TOKEN_WRITES, BY_LABEL["POST /api/v1/sroi/calculate"]]
# Parameters an operation needs to answer 200.
QUERIES = {"GET /api/v1/map": {"zoom": 7}}


@pytest.fixture
def data(make_collective, keep_test_connection):
    from opmars.networks.models import Membership, Network

    collective = make_collective(name="Energiecoöperatie Voorwaardelijk")
    network = Network.objects.create(slug="netwerk-v", name="Netwerk V", kind="thematisch")
    Membership.objects.create(network=network, collective=collective)
    return collective, network


def token_headers(token):
    _token, secret = token
    return {"Authorization": f"Bearer {secret}", **PLAIN}


def call(operation, data, headers, body=None):
    case = operation.Case(
        path_parameters=known_path_parameters(operation, *data),
        query=QUERIES.get(operation.label),
        **({"body": body, "media_type": "application/json"} if body is not None else {}),
    )
    return case.call_and_validate(checks=CHECKS, headers=headers)


@pytest.mark.parametrize("operation", DATA_READS, ids=lambda op: op.label)
def test_a_read_answers_a_declared_304_while_its_etag_holds(operation, data):
    [etag] = call(operation, data, PLAIN).headers["etag"]
    response = call(operation, data, {**PLAIN, "If-None-Match": etag})
    assert response.status_code == 304


@pytest.mark.parametrize("label", RATE_LIMITED)
def test_a_rate_limited_operation_answers_a_declared_429(label, data, settings, write_token):
    """With a token: an anonymous read is answered from the shared cache the second time."""
    settings.OPMARS_RATE_LIMITS = {**settings.OPMARS_RATE_LIMITS, RATE_LIMITED[label]: "1/m"}
    headers = token_headers(write_token)
    operation = BY_LABEL[label]
    body = {} if operation.body else None
    call(operation, data, headers, body)
    response = call(operation, data, headers, body)
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "te_veel_verzoeken"


@pytest.mark.parametrize("operation", BODIES, ids=lambda op: op.label)
def test_a_body_over_the_upload_limit_answers_a_declared_413(
    operation, data, settings, write_token
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _token, secret = write_token
    headers = {"Authorization": f"Bearer {secret}", **PLAIN}
    response = call(operation, data, headers, {"name": "x" * 2000})
    assert response.status_code == 413
