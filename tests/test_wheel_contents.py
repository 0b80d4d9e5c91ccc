"""The package a newcomer installs holds every file of the source tree: templates, Typst
reports, reference data, static files and translations are read at run time, and an editable
install (which the rest of the suite runs on) would hide one that the wheel leaves out.

The wheel is built the way a release is, from a clean copy of the tree (a stale
opmars.egg-info in a checkout would add the files it once listed): sdist first, then the wheel
from the sdist.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "opmars"


def source_files():
    """Every file under opmars/ that ships: all but Python's byte-code caches."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not run from a source checkout")
    tree = tmp_path_factory.mktemp("clean") / "opmars-source"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(PACKAGE, tree / "opmars", ignore=shutil.ignore_patterns("__pycache__"))
    outdir = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(outdir), str(tree)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = outdir.glob("opmars-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


def test_every_file_of_the_package_is_in_the_wheel(wheel_names):
    missing = sorted(source_files() - wheel_names)
    assert missing == [], (
        f"not in the wheel (add them to package-data in pyproject.toml): {missing}"
    )


def test_the_report_templates_are_in_the_wheel(wheel_names):
    """The files whose absence broke every PDF of a fresh install."""
    assert {"opmars/monitor/typst/report.typ", "opmars/monitor/typst/collective.typ"} <= wheel_names


def test_the_wheel_holds_nothing_from_outside_the_package(wheel_names):
    outside = sorted(name for name in wheel_names if not name.startswith(("opmars/", "opmars-")))
    assert outside == []
