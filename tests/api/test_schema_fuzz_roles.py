"""The whole schema fuzzed with a token of every role (schemathesis): a read token, and write
tokens of a signed-in user without collectives, a collective editor, a network admin, a
municipality viewer and staff.

A token makes a read see what its user sees (opmars/api/auth.py token_reader) and a write ask the
policy about its user, so each role takes other paths through the same operations: the
collective, network and area in a path are each time one of a small world's, listed or unlisted,
one's own or somebody else's. Whatever a client sends, the API never answers with a 5xx, every
answer matches the schema it declares, its status codes and content types are the documented
ones, and data outside the schema is refused. Anonymous reads are fuzzed in test_schema_fuzz.py,
with more examples per operation.

One test per role and mode goes through every operation, so the world is made once for all of
them; a failure names the role, the mode and each operation that failed. As a few examples pick
only some of the world's paths, two plain tests meet each of them for every role: a valid write
(with the status each role gets) and a read without parameters.
"""

from types import SimpleNamespace

import pytest
from hypothesis import settings
from schemathesis.core.failures import FailureGroup

from opmars.accounts.models import MunicipalityViewer, User
from opmars.accounts.tokens import create_token
from opmars.impact import actions as impact_actions
from opmars.knowledge import actions as knowledge_actions
from opmars.registry import actions
from tests.accounts.conftest import collective, network
from tests.api.test_schema_fuzz import (
    CHECKS,
    FUZZ_SETTINGS,
    MODES,
    OPERATIONS,
    PLAIN,
    fuzz,
    has_negative_cases,
    path_parameters_of,
)
from tests.api.test_schema_fuzz_writes import TOKEN_WRITES, VALID
from tests.impact.test_reports import form_data as impact_form_data
from tests.knowledge.conftest import item_data

# Six roles share the time of the anonymous fuzz: fewer examples each, the same operations
# (40 each, near 4 minutes per database, found nothing more when these tests were written).
ROLE_SETTINGS = settings(FUZZ_SETTINGS, max_examples=6)

# role: (the token's user in the world, the token's scope)
ROLES = {
    "read token": ("editor", "read"),
    "signed in": ("someone", "write"),
    "collective editor": ("editor", "write"),
    "network admin": ("network_admin", "write"),
    "municipality viewer": ("viewer", "write"),
    "staff": ("staff", "write"),
}


def person(email, **flags):
    # No password: the tokens stand for them, and hashing seven passwords takes a while.
    return User.objects.create_user(email=email, password=None, **flags)


@pytest.fixture
def fuzz_world(db, keep_test_connection, settings):
    """Collectives A (listed, shares its drafts with Amsterdam) and U (unlisted) of the editor,
    B of another editor in Rotterdam; network N (A and U) of the network admin, M (B) of
    another; an Amsterdam viewer; staff; somebody without any of these."""
    settings.OPMARS_API_WRITE_RATE = "100000/m"
    # As in production: a token has no second factor, and must not need one.
    settings.OPMARS_STAFF_TWO_FACTOR = True
    w = SimpleNamespace(
        someone=person("iemand@example.org"),
        editor=person("anouk@example.org"),
        editor_b=person("bert@example.org"),
        network_admin=person("nina@example.org"),
        admin_m=person("mo@example.org"),
        viewer=person("ambtenaar@amsterdam.example.org"),
        staff=person("staf@example.org", is_staff=True),
    )
    MunicipalityViewer.objects.create(user=w.viewer, municipality_id="GM0363")
    w.a = collective(w.editor, "Buurtkracht Amstel", "GM0363", shares_drafts_with_municipality=True)
    w.u = collective(w.editor, "Verborgen Wijkraad Zonnehoek", "GM0363", is_unlisted=True)
    w.b = collective(w.editor_b, "Energie Maasoever", "GM0599")
    w.n = network("netwerk-n", w.network_admin, w.a, w.u)
    w.m = network("netwerk-m", w.admin_m, w.b)
    for editor, made in ((w.editor, w.a), (w.editor, w.u), (w.editor_b, w.b)):
        actions.save_yearly_facts(editor, made, {"year": 2024, "members": 120, "volunteers": 8})
        knowledge_actions.post_question(
            editor,
            made,
            {"kind": "vraag", "resource": "kennis", "title": f"Hoe doet {made.name} het?",
             "body": "Wij zoeken een manier voor digitaal stemmen."},
        )  # fmt: skip
    knowledge_actions.create_item(w.editor, w.u, item_data())
    report = impact_actions.save_report(w.editor, w.a, impact_form_data(year=2024))
    impact_actions.publish_report(w.editor, report)
    impact_actions.save_report(w.editor, w.u, impact_form_data(year=2024))
    impact_actions.save_report(w.editor_b, w.b, impact_form_data(year=2024))
    return w


def world_path_parameters(operation, world):
    """Each case takes one of the world's collectives, networks and areas, so that a role meets
    its own, others' and unlisted ones."""
    known = {
        "slug": (world.a.slug, world.u.slug, world.b.slug),
        "network_slug": (world.n.slug, world.m.slug),
        "code": ("GM0363", "GM0599") if "/municipalities/" in operation.path else ("PV27", "PV28"),
        "year": (2024, 2023),
        "event_id": tuple(world.a.events.values_list("pk", flat=True)[:1]) or (1,),
    }
    return path_parameters_of(operation, known)


def token_headers(world, role):
    user, scope = ROLES[role]
    _token, secret = create_token(getattr(world, user), f"fuzz {role}", scope)
    return {"Authorization": f"Bearer {secret}", **PLAIN}


def operations_for(mode):
    return [op for op in OPERATIONS if mode.value == "positive" or has_negative_cases(op)]


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_honours_its_schema_with_a_token(role, mode, fuzz_world):
    headers = token_headers(fuzz_world, role)
    failures = []
    for operation in operations_for(mode):
        try:
            fuzz(
                operation,
                mode,
                headers,
                world_path_parameters(operation, fuzz_world),
                fuzz_settings=ROLE_SETTINGS,
            )
        except (Exception, FailureGroup) as failure:  # noqa: BLE001 - one run names them all
            failures.append(f"{operation.label} ({role}, {mode.value}):\n{failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


# What a valid write answers each role, on collectives A, U and B of the world (POST makes a new
# one): the success answers are checked against their schema too, and the refusals (403 for
# what the role sees but may not change, 404 for what it does not see) are declared.
EXPECTED_WRITES = {
    "read token": {"POST": 403, "A": 403, "U": 403, "B": 403},
    "signed in": {"POST": 201, "A": 403, "U": 404, "B": 403},
    "collective editor": {"POST": 201, "A": 200, "U": 200, "B": 403},
    "network admin": {"POST": 201, "A": 403, "U": 403, "B": 403},
    "municipality viewer": {"POST": 201, "A": 403, "U": 404, "B": 403},
    "staff": {"POST": 201, "A": 200, "U": 200, "B": 200},
}


@pytest.mark.parametrize("role", ROLES)
def test_a_valid_write_answers_each_role_as_declared(role, fuzz_world):
    headers = token_headers(fuzz_world, role)
    answers = {}
    # A collective's events have their own roles test (tests/registry/test_life_events_api.py).
    for operation in [op for op in TOKEN_WRITES if "/events" not in op.path]:
        method = operation.method.upper()
        targets = {"POST": None} if method == "POST" else {"A": "a", "U": "u", "B": "b"}
        for name, attribute in targets.items():
            path = {"slug": getattr(fuzz_world, attribute).slug, "year": 2024} if attribute else {}
            case = operation.Case(
                path_parameters=path, body=VALID[operation.label], media_type="application/json"
            )
            response = case.call_and_validate(checks=CHECKS, headers=headers)
            answers.setdefault(name, set()).add(response.status_code)
    assert answers == {name: {status} for name, status in EXPECTED_WRITES[role].items()}


# Who sees the unlisted collective U: its editor (with either token), the admin of its network,
# staff; not somebody else, nor the viewer of its municipality (decision 0024).
SEES_UNLISTED = {"read token", "collective editor", "network admin", "staff"}


@pytest.mark.parametrize("role", ROLES)
def test_every_read_of_each_world_path_answers_each_role_as_declared(role, fuzz_world):
    """The fuzz picks some of the world's collectives, networks and areas; here every read with
    a path meets each of them once, without further parameters."""
    headers = token_headers(fuzz_world, role)
    reads = [op for op in OPERATIONS if op.method.upper() == "GET" and "{" in op.path]
    unlisted = {}
    for operation in reads:
        path_parameters = world_path_parameters(operation, fuzz_world)
        [(name, values)] = path_parameters.items()
        for value in values:
            case = operation.Case(path_parameters={name: value})
            response = case.call_and_validate(checks=CHECKS, headers=headers)
            if value == fuzz_world.u.slug:
                unlisted[operation.label] = response.status_code
    expected = 200 if role in SEES_UNLISTED else 404
    assert set(unlisted.values()) == {expected}, unlisted
