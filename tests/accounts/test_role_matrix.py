"""Every role × every action, through the pages, the API, exports and search — not through
the policy functions. The expected answer is written in the table; Y is allowed, - is refused.

Objects (tests/accounts/conftest.py): A is listed, edited by 'editor of A', a member of network
N and consents to show its drafts to its municipality (Amsterdam); U is unlisted, edited by
'editor of A', a member of N; B is edited by 'editor of B', a member of M, in Rotterdam, without
consent. Both A and B have a draft impact report. O (this file) is a member of N without
editors: the network's own record, which N's imports may change (decision 0038)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opmars.accounts.tokens import create_token
from opmars.dataio.models import ImportRun
from opmars.impact.models import ImpactReport
from opmars.networks.models import Membership
from opmars.registry import actions
from opmars.registry.models import YearlyFacts
from opmars.registry.schemas import YearlyFactsIn
from tests.conftest import collective_data

Y, _ = True, False

ACTIONS = (
    "view public page",  # A's page
    "view unlisted",  # U: page, API, directory search
    "edit collective",  # A's edit form
    "save facts",  # A's yearly facts: the form, and the write API with a write token
    "see draft impact of A",
    "see draft impact of B",
    "edit impact",  # A's impact report editor
    "manage network members",  # remove A from N
    "import",  # the import page: network admins import for their own network
    "review duplicates",  # the queue; a network admin sees only their network's unclaimed pairs
    "verify",  # verify A
    "see audit log",  # A's log, page and CSV
    "export",  # the directory export contains U
    # Imports (decision 0038), each through the upload page, for the role's own network
    # (staff: N): a row that sets the contact address, the first step of a takeover.
    "import into A",  # a member of N with its own editors
    "import into O",  # a member of N without editors: the network's record
    "import into B",  # outside N, with its own editors
    "import facts of A",
    "import impact of O",
    "import finds U",  # the dry run of a row naming U does not call it new
)

MATRIX = {
    # role               pub ulst edit fact drA  drB  imp  net  imp  dup  ver  log  exp
    "anonymous":        (Y,  _,   _,   _,   _,   _,   _,   _,   _,   _,   _,   _,   _),
    "other user":       (Y,  _,   _,   _,   _,   _,   _,   _,   _,   _,   _,   _,   _),
    "editor of A":      (Y,  Y,   Y,   Y,   Y,   _,   Y,   _,   _,   _,   _,   Y,   Y),
    "editor of B":      (Y,  _,   _,   _,   _,   Y,   _,   _,   _,   _,   _,   _,   _),
    "admin of N":       (Y,  Y,   _,   _,   _,   _,   _,   Y,   Y,   Y,   _,   Y,   Y),
    "admin of M":       (Y,  _,   _,   _,   _,   _,   _,   _,   Y,   Y,   _,   _,   _),
    "viewer, consent":  (Y,  _,   _,   _,   Y,   _,   _,   _,   _,   _,   _,   _,   _),
    "viewer, no consent": (Y, _,  _,   _,   _,   _,   _,   _,   _,   _,   _,   _,   _),
    "staff":            (Y,  Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y,   Y),
}  # fmt: skip
# The import columns, continuing each row above (decision 0038).
IMPORT_MATRIX = {
    # role               iA   iO   iB   ifA  iiO  iU
    "anonymous":        (_,   _,   _,   _,   _,   _),
    "other user":       (_,   _,   _,   _,   _,   _),
    "editor of A":      (_,   _,   _,   _,   _,   _),
    "editor of B":      (_,   _,   _,   _,   _,   _),
    "admin of N":       (_,   Y,   _,   _,   Y,   Y),
    "admin of M":       (_,   _,   _,   _,   _,   _),
    "viewer, consent":  (_,   _,   _,   _,   _,   _),
    "viewer, no consent": (_,   _,   _,   _,   _,   _),
    "staff":            (Y,   Y,   Y,   Y,   Y,   Y),
}  # fmt: skip

ROLE_USERS = {
    "anonymous": "anonymous",
    "other user": "other",
    "editor of A": "editor_a",
    "editor of B": "editor_b",
    "admin of N": "admin_n",
    "admin of M": "admin_m",
    "viewer, consent": "viewer_consent",
    "viewer, no consent": "viewer_no_consent",
    "staff": "staff",
}

DRAFT_MARK = "concept, niet openbaar"


def _ok(response):
    return response.status_code == 200


def view_public_page(client, w):
    return _ok(client.get(f"/collectieven/{w.a.slug}/"))


def view_unlisted(client, w):
    page = _ok(client.get(f"/collectieven/{w.u.slug}/"))
    api = _ok(client.get(f"/api/v1/collectives/{w.u.slug}"))
    search = client.get("/collectieven/", {"q": "Zonnehoek"})
    found = f"/collectieven/{w.u.slug}/" in search.content.decode()
    assert page == api == found, "page, API and search disagree"
    return page


def edit_collective(client, w):
    return _ok(client.get(f"/collectieven/{w.a.slug}/bewerken/"))


def save_facts(client, w):
    """Through the form, and through the write API with a write token of the same person."""
    client.post(f"/collectieven/{w.a.slug}/jaarcijfers/", {"year": "2024", "members": "40"})
    page = YearlyFacts.objects.filter(collective=w.a, year=2024, members=40).exists()
    secret = create_token(w.person, "matrix", "write")[1] if w.person else "geen"
    client.put(
        f"/api/v1/collectives/{w.a.slug}/facts/2023",
        json.dumps({name: None for name in YearlyFactsIn.model_fields} | {"members": 41}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    api = YearlyFacts.objects.filter(collective=w.a, year=2023, members=41).exists()
    assert page == api, "the form and the write API disagree"
    return page


def _shows_draft(client, collective):
    response = client.get(f"/collectieven/{collective.slug}/impact/")
    return DRAFT_MARK in response.content.decode()


def see_draft_impact_of_a(client, w):
    return _shows_draft(client, w.a)


def see_draft_impact_of_b(client, w):
    return _shows_draft(client, w.b)


def edit_impact(client, w):
    return _ok(client.get(f"/collectieven/{w.a.slug}/impact/nieuw/"))


def manage_network_members(client, w):
    client.post(f"/netwerken/{w.n.slug}/verwijderen/", {"collective": w.a.slug})
    return not Membership.objects.filter(network=w.n, collective=w.a).exists()


def import_(client, w):
    return _ok(client.get("/import/"))


def review_duplicates(client, w):
    return _ok(client.get("/import/dubbelen/"))


def verify(client, w):
    client.post(f"/collectieven/{w.a.slug}/verifieren/")
    w.a.refresh_from_db()
    return w.a.is_verified


def see_audit_log(client, w):
    page = _ok(client.get(f"/collectieven/{w.a.slug}/logboek/"))
    csv = _ok(client.get(f"/collectieven/{w.a.slug}/logboek.csv"))
    assert page == csv, "the log page and its CSV disagree"
    return page


def export(client, w):
    response = client.get("/export/collectieven.csv")
    assert response.status_code == 200
    return w.u.slug in b"".join(response.streaming_content).decode("utf-8-sig")


ATTACKER = "kaper@example.org"


def _upload(client, w, text, kind):
    """Upload as the signed-in role for its own network (staff: N) and return the dry run's
    page and its run; None when the role may not import at all."""
    if client.get("/import/").status_code != 200:
        return None, None
    network = w.person.administered_networks.first() or w.n
    upload = SimpleUploadedFile("lijst.csv", text.encode(), content_type="text/csv")
    client.post("/import/", {"file": upload, "kind": kind, "network": network.pk})
    run = ImportRun.objects.latest("pk")
    return client.get(f"/import/{run.pk}/").content.decode(), run


def _import(client, w, text, kind="collectives"):
    page, run = _upload(client, w, text, kind)
    if run is not None:
        client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})


def _row(collective):
    return f"{collective.name};{collective.municipality_id}"


def _sets_address(client, w, collective):
    _import(client, w, f"Naam;Gemeente;E-mail\n{_row(collective)};{ATTACKER}\n")
    collective.refresh_from_db()
    return collective.contact_email == ATTACKER


def import_into_a(client, w):
    return _sets_address(client, w, w.a)


def import_into_o(client, w):
    return _sets_address(client, w, w.o)


def import_into_b(client, w):
    return _sets_address(client, w, w.b)


def import_facts_of_a(client, w):
    _import(client, w, f"Naam;Gemeente;Jaar;Leden\n{_row(w.a)};2021;7\n", "facts")
    return YearlyFacts.objects.filter(collective=w.a, year=2021, members=7).exists()


def import_impact_of_o(client, w):
    header = "Naam;Gemeente;Jaar;Indicator;Aantal;Laagste schatting;Hoogste schatting;Bewijskracht"
    _import(client, w, f"{header}\n{_row(w.o)};2023;minder-eenzaam;35;25;45;3\n", "impact")
    return ImpactReport.objects.filter(collective=w.o, year=2023).exists()


def import_finds_u(client, w):
    """A dry run only: a real run by a role that cannot see U adds a public namesake."""
    page, _run = _upload(client, w, f"Naam;Gemeente\n{_row(w.u)}\n", "collectives")
    return page is not None and 'class="action-nieuw"' not in page


CHECKS = [
    view_public_page,
    view_unlisted,
    edit_collective,
    save_facts,
    see_draft_impact_of_a,
    see_draft_impact_of_b,
    edit_impact,
    manage_network_members,
    import_,
    review_duplicates,
    verify,
    see_audit_log,
    export,
    import_into_a,
    import_into_o,
    import_into_b,
    import_facts_of_a,
    import_impact_of_o,
    import_finds_u,
]
# Checks that change something run last, the network removal at the very end (afterwards A
# is no longer a member of N), so one world serves a whole row.
WRITES_LAST = [
    save_facts,
    verify,
    import_into_a,
    import_into_o,
    import_into_b,
    import_facts_of_a,
    import_impact_of_o,
    manage_network_members,
]


@pytest.fixture
def orphan_world(world, settings, tmp_path):
    """The world plus O, and a place for uploads."""
    settings.DATA_DIR = tmp_path
    data = collective_data(name="Dorpshuis Wees", municipality="GM0363", founded_year=2010)
    world.o = actions.create_collective(world.staff, data)  # staff become no editor
    Membership.objects.create(network=world.n, collective=world.o)
    return world


def test_the_table_covers_every_role_and_action():
    assert len(CHECKS) == len(ACTIONS)
    assert all(len(row) + len(IMPORT_MATRIX[role]) == len(ACTIONS) for role, row in MATRIX.items())
    assert set(MATRIX) == set(IMPORT_MATRIX) == set(ROLE_USERS)


@pytest.mark.parametrize("role", MATRIX)
def test_role_may_do_exactly_what_the_table_says(orphan_world, client_as, role):
    world = orphan_world
    person = world.person = getattr(world, ROLE_USERS[role])
    order = [c for c in CHECKS if c not in WRITES_LAST] + WRITES_LAST
    answers = {check: check(client_as(person), world) for check in order}
    actual = {action: answers[check] for action, check in zip(ACTIONS, CHECKS, strict=True)}
    expected = dict(zip(ACTIONS, MATRIX[role] + IMPORT_MATRIX[role], strict=True))
    assert actual == expected
