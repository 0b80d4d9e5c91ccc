"""The `opmars` command, run as a newcomer would, on a fresh SQLite database."""

import csv
import io
import sqlite3
import subprocess
import sys
import zipfile

import pytest


def run_opmars(tmp_path, *args):
    env = {"OPMARS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "opmars.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_demo_makes_a_database_with_fictitious_collectives(tmp_path):
    result = run_opmars(tmp_path, "demo", "--count", "40", "--no-serve")
    assert result.returncode == 0, result.stderr
    assert "beheer@opmars.demo" in result.stdout and "fictieve" in result.stdout
    for login in ("redacteur@", "netwerk@", "gemeente@", "kennisdeler@", "koepel@"):
        assert f"{login}opmars.demo / opmars-demo" in result.stdout
    # The open-data dump comes after every app's demo records: the umbrella's members too.
    [dump] = (tmp_path / "open-data").glob("opmars-open-data-*.zip")
    with zipfile.ZipFile(dump) as archive:
        rows = csv.DictReader(io.TextIOWrapper(archive.open("memberships.csv"), "utf-8-sig"))
        assert "koepel-energiecooperaties" in {row["network"] for row in rows}
    db = sqlite3.connect(tmp_path / "opmars.sqlite3")
    # 40 drawn from the seed, and the apps' fixed start records of the journeys (generate_demo).
    made, fictitious = db.execute(
        "select count(*), sum(is_demo) from registry_collective"
    ).fetchone()
    assert made == fictitious and 40 < made < 100
    assert db.execute("select count(*) from geo_municipality").fetchone() == (342,)
    # A second run keeps the data and adds nothing.
    again = run_opmars(tmp_path, "demo", "--count", "40", "--no-serve")
    assert f"al {made} collectieven" in again.stdout and "koepel@opmars.demo" in again.stdout
    assert db.execute("select count(*) from registry_collective").fetchone() == (made,)


def test_setup_loads_reference_data_without_demo(tmp_path):
    result = run_opmars(tmp_path, "setup")
    assert result.returncode == 0, result.stderr
    db = sqlite3.connect(tmp_path / "opmars.sqlite3")
    assert db.execute("select count(*) from registry_collective").fetchone() == (0,)
    assert db.execute("select count(*) from geo_postcode").fetchone()[0] > 4600


def test_unknown_command_fails_with_usage(tmp_path):
    result = run_opmars(tmp_path, "vlieg")
    assert result.returncode != 0
    assert "usage" in result.stderr


@pytest.mark.parametrize(
    "value, said", [("0", "kies 1 of meer, niet 0"), ("twee", "'twee' is geen heel getal")]
)
@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_serve_refuses_a_count_of_processes_or_threads_below_one(tmp_path, option, value, said):
    result = run_opmars(tmp_path, "serve", option, value)
    assert result.returncode == 2
    assert f"argument {option}: {said}" in result.stderr
