"""Property-based API tests generated from the OpenAPI schema (schemathesis).

Every operation of the schema is fuzzed anonymously with data that fits the schema (positive) and
with data that does not (negative): whatever a client sends, the API never answers with a 5xx,
every answer matches the schema it declares, its status codes and content types are the documented
ones, and data outside the schema is refused. The writes, which answer 401 here, are fuzzed with a
token in test_schema_fuzz_writes.py; the whole schema with a token of each role (a read token, and
write tokens of a signed-in user, an editor, a network admin, a municipality viewer and staff) in
test_schema_fuzz_roles.py; answers fuzzing does not provoke (304, 413, 429) in
test_schema_rare_answers.py.

The runs are deterministic (a fixed seed, no example database) and do not depend on the machine's
speed (no deadline), so a failure here fails every time, on SQLite and on PostgreSQL alike.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# The calculator reads its body as leniently as its web form (null or "" is the default, a number
# may come as text), which its schema does not spell out; everywhere else data outside the schema
# must be a 4xx, not a silently ignored parameter.
LENIENT = {"POST /api/v1/sroi/calculate"}


def checks_for(operation, mode):
    if mode is GenerationMode.NEGATIVE and operation.label not in LENIENT:
        return [*CHECKS, negative_data_rejection]
    return CHECKS


# The WSGI transport does not decompress; gzip itself is tested in test_map.py.
PLAIN = {"Accept-Encoding": "identity"}


def api_operations():
    from opmars.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


OPERATIONS = api_operations()

# About 15 examples per operation and mode keep this anonymous fuzz near 15 s per database.
FUZZ_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)


def path_parameters_of(operation, known):
    """The known values of the operation's path parameters: `known` maps a parameter name to a
    value or a tuple of values to choose from; `network_slug` stands for {slug} in a network's
    path."""
    values = {**known}
    if "/networks/" in operation.path:
        values["slug"] = known["network_slug"]
    return {name: value for name, value in values.items() if "{" + name + "}" in operation.path}


def known_path_parameters(operation, collective, network):
    """Path parameters that exist, so a positive case reaches the endpoint's code, not a 404."""
    known = {
        "slug": collective.slug,
        "network_slug": network.slug,
        "code": "GM0363" if "/municipalities/" in operation.path else "PV27",
        "year": 2024,
        "event_id": collective.events.values_list("pk", flat=True).first() or 1,
    }
    return path_parameters_of(operation, known)


def choices(value):
    return value if isinstance(value, tuple) else (value,)


def replaced(path_parameters, mode):
    """The known path parameters to put in a case: all with positive data; with negative data
    only the texts, as any text fits them, so that the generated year stays out of range."""
    if mode is GenerationMode.POSITIVE:
        return path_parameters
    return {
        name: value
        for name, value in path_parameters.items()
        if all(isinstance(choice, str) for choice in choices(value))
    }


def fuzz(operation, mode, headers, path_parameters, fuzz_settings=FUZZ_SETTINGS):
    """Call the operation with generated cases of this mode and check every answer. A path
    parameter given as a tuple takes one of its values in each case."""
    known = replaced(path_parameters, mode)
    picked = st.fixed_dictionaries(
        {name: st.sampled_from(choices(value)) for name, value in known.items()}
    )

    @given(case=operation.as_strategy(generation_mode=mode), chosen=picked)
    @fuzz_settings
    def answers_as_declared(case, chosen):
        case.path_parameters = {**(case.path_parameters or {}), **chosen}
        case.call_and_validate(checks=checks_for(operation, mode), headers=headers)

    answers_as_declared()


def has_negative_cases(operation):
    # Any text fits a slug or a code, so only query parameters and bodies can be outside the schema.
    return bool(operation.query or operation.body)


CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in OPERATIONS
    for mode in MODES
    if mode is GenerationMode.POSITIVE or has_negative_cases(operation)
]


@pytest.fixture
def editor_user(db):
    """The editor of tests/conftest.py without a password: hashing one for each of the many
    tests here takes longer than their fuzzing."""
    from opmars.accounts.models import User

    return User.objects.create_user(email="anouk@example.org", password=None)


@pytest.fixture
def fuzz_data(make_collective, editor_user, keep_test_connection):
    """A collective with yearly facts in a network, so lists, details, peers and statistics have
    content: (collective, network)."""
    from opmars.networks.models import Membership, Network
    from opmars.registry import actions

    collective = make_collective(name="Energiecoöperatie Fuzz", kind="energiecooperatie")
    actions.save_yearly_facts(
        editor_user, collective, {"year": 2024, "members": 120, "volunteers": 8}
    )
    make_collective(name="Buurtcoöperatie Fuzz", kind="buurtcooperatie")
    network = Network.objects.create(slug="netwerk-fuzz", name="Netwerk Fuzz", kind="thematisch")
    Membership.objects.create(network=network, collective=collective)
    return collective, network


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_every_operation_honours_its_schema(operation, mode, fuzz_data):
    fuzz(operation, mode, PLAIN, known_path_parameters(operation, *fuzz_data))
