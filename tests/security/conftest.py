"""A set-up SQLite file for tests that run Opmars in other processes or threads."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def env_for(data_dir):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_VERSION"}}
    env.update(OPMARS_DATA_DIR=str(data_dir), OPMARS_TESTING="1", PYTHONPATH=str(ROOT))
    return env


@pytest.fixture(scope="session")
def prepared_database(tmp_path_factory):
    """A set-up SQLite file (migrations, reference data), made once and copied per test."""
    data_dir = tmp_path_factory.mktemp("opmars-crash")
    subprocess.run(
        [sys.executable, "-m", "opmars.cli", "setup"],
        cwd=ROOT, env=env_for(data_dir), check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return data_dir / "opmars.sqlite3"


@pytest.fixture
def data_dir(prepared_database, tmp_path):
    shutil.copy(prepared_database, tmp_path / "opmars.sqlite3")
    return tmp_path
