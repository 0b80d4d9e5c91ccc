"""Every yearly figure has one range, the same on SQLite and PostgreSQL, wherever it enters:
people up to 10 million, euros up to 10 billion, years within the collective's life. Nobody can
store a number that makes the monitor's sums overflow for everyone."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection

from opmars.accounts.tokens import create_token
from opmars.registry import actions
from opmars.registry.models import MAX_EUROS, MAX_PEOPLE, YearlyFacts
from opmars.registry.schemas import YearlyFactsIn
from opmars.security import backup

pytestmark = pytest.mark.django_db


def facts_errors(editor, collective, **figures):
    try:
        actions.save_yearly_facts(editor, collective, {"year": 2023, **figures})
    except actions.ActionError as error:
        return {e["field"]: e["message"] for e in error.errors}
    return {}


def test_the_largest_allowed_figures_are_stored_on_either_database(editor_user, make_collective):
    collective = make_collective(founded_year=2010)
    figures = {"members": MAX_PEOPLE, "paid_staff": MAX_PEOPLE, "income_grants": MAX_EUROS}
    assert facts_errors(editor_user, collective, **figures) == {}
    stored = YearlyFacts.objects.get(collective=collective, year=2023)
    assert (stored.members, stored.income_grants) == (MAX_PEOPLE, MAX_EUROS)


@pytest.mark.parametrize(
    ("field", "value", "bound"),
    [
        ("members", MAX_PEOPLE + 1, "10.000.000"),
        ("volunteers", 2**31, "10.000.000"),
        ("people_reached", 2**63 - 1, "10.000.000"),
        ("income_sales", MAX_EUROS + 1, "10.000.000.000"),
    ],
)
def test_a_figure_above_its_range_is_refused_in_dutch(
    editor_user, make_collective, field, value, bound
):
    collective = make_collective(founded_year=2010)
    errors = facts_errors(editor_user, collective, **{field: value})
    assert list(errors) == [field]
    assert f"Hoogstens {bound}" in errors[field]
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_the_api_refuses_a_figure_above_its_range(client, editor_user, make_collective):
    collective = make_collective(founded_year=2010)
    _token, secret = create_token(editor_user, "Ledenadministratie", "write")
    response = client.put(
        f"/api/v1/collectives/{collective.slug}/facts/2023",
        json.dumps({name: None for name in YearlyFactsIn.model_fields} | {"members": 2**63 - 1}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code in (400, 422), response.content
    assert "members" in response.content.decode()
    assert not YearlyFacts.objects.filter(collective=collective).exists()


def test_the_form_tells_the_browser_the_bound(client, editor_user, make_collective):
    collective = make_collective(founded_year=2010)
    client.force_login(editor_user)
    page = client.get(f"/collectieven/{collective.slug}/jaarcijfers/").content.decode()
    assert f'max="{MAX_PEOPLE}"' in page and f'max="{MAX_EUROS}"' in page


def test_no_figures_after_the_year_a_collective_stopped(editor_user, make_collective):
    collective = make_collective(founded_year=2010, status="gestopt", status_year=2020)
    with pytest.raises(actions.ActionError) as refused:
        actions.save_yearly_facts(editor_user, collective, {"year": 2022, "members": 5})
    assert "stopte (2020)" in str(refused.value.errors)
    actions.save_yearly_facts(editor_user, collective, {"year": 2020, "members": 5})


def test_the_monitor_adds_up_the_largest_figures_of_many_collectives(
    client, editor_user, make_collective
):
    for _ in range(3):
        collective = make_collective(founded_year=2010)
        actions.save_yearly_facts(
            editor_user,
            collective,
            {"year": 2023, "members": MAX_PEOPLE, "income_grants": MAX_EUROS},
        )
    assert client.get("/monitor/").status_code == 200
    assert client.get("/api/v1/stats/national").status_code == 200


def with_members(path, value):
    """The backup at path with every yearly-facts row's members set to value (checksums
    kept right, so only the range check can refuse it)."""
    source = zipfile.ZipFile(path)
    manifest = json.loads(source.read("manifest.json"))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in manifest["files"]:
            data = source.read(item["name"])
            if item["model"] == "registry.yearlyfacts" and item["count"]:
                rows = json.loads(data)
                for row in rows:
                    row["fields"]["members"] = value
                data = json.dumps(rows).encode()
                item["sha256"] = hashlib.sha256(data).hexdigest()
            out.writestr(item["name"], data)
        out.writestr("manifest.json", json.dumps(manifest))
    path.write_bytes(target.getvalue())


def test_a_restore_refuses_a_figure_outside_its_range_naming_table_row_and_field(
    editor_user, make_collective, tmp_path
):
    collective = make_collective(founded_year=2010)
    actions.save_yearly_facts(editor_user, collective, {"year": 2023, "members": 12})
    path = tmp_path / "backup.zip"
    backup.backup(path)
    with_members(path, 3_000_000_000)  # fits SQLite's column, not PostgreSQL's
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(path)
    message = str(refused.value)
    assert "registry.yearlyfacts" in message and "rij 1" in message
    assert "registry_yearlyfacts" in message and "veld members" in message
    assert "3000000000" in message
