"""A throwaway streaming replica of the local PostgreSQL cluster, for the replica tests.

A second cluster on another port, made by `pg_basebackup -R` from the running server and run
as the `postgres` OS user (PostgreSQL refuses root). Replication from 127.0.0.1 is allowed in the
primary's pg_hba.conf (with the method the file already gives 127.0.0.1). A replica left behind
by an interrupted run is stopped and removed first.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import psycopg

PORT = int(os.environ.get("OPMARS_TEST_REPLICA_PORT", "5433"))
HOT_STANDBY_WAIT = 120
DIRECTORY = Path(f"/tmp/opmars-test-replica-{PORT}")
HBA_LINE = re.compile(r"^\s*host\s+replication\s+\S+\s+127\.0\.0\.1/32\s", re.MULTILINE)
LOCAL_HOST_LINE = re.compile(r"^\s*host\s+all\s+all\s+127\.0\.0\.1/32\s+(\S+)", re.MULTILINE)
# A standby refuses to start with less of these than its primary has.
AT_LEAST_PRIMARY = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


class CannotRun(Exception):
    """Why this machine cannot host the replica (the test skips, or fails under CI)."""


def primary_dsn(settings_dict):
    return psycopg.conninfo.make_conninfo(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname="postgres",
    )


def check_possible(settings_dict):
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise CannotRun("the tests run on SQLite")
    if (settings_dict["HOST"] or "127.0.0.1") not in ("127.0.0.1", "localhost"):
        raise CannotRun("PostgreSQL is not on this machine")
    if os.geteuid() != 0 or not shutil.which("runuser"):
        raise CannotRun("running the postgres tools as the postgres user needs root and runuser")


def _as_postgres(*command):
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", *command], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def _allow_replication(primary):
    hba = Path(primary.execute("SHOW hba_file").fetchone()[0])
    text = hba.read_text()
    if HBA_LINE.search(text):
        return
    method = LOCAL_HOST_LINE.search(text)
    line = f"host replication all 127.0.0.1/32 {method.group(1) if method else 'trust'}"
    hba.write_text(text.rstrip("\n") + f"\n# Added by Opmars' replica test\n{line}\n")
    primary.execute("SELECT pg_reload_conf()")


def _bindir(primary):
    major = int(primary.execute("SHOW server_version_num").fetchone()[0]) // 10000
    return Path(f"/usr/lib/postgresql/{major}/bin")


def stop(bindir):
    if (DIRECTORY / "PG_VERSION").exists():
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(bindir / "pg_ctl"), "-D", str(DIRECTORY),
             "stop", "-m", "immediate", "-w"],
            capture_output=True, timeout=60,
        )  # fmt: skip
    shutil.rmtree(DIRECTORY, ignore_errors=True)


def start(settings_dict):
    """Make and start the replica; returns the directory of its binaries (for stop)."""
    with psycopg.connect(primary_dsn(settings_dict), autocommit=True) as primary:
        _allow_replication(primary)
        bindir = _bindir(primary)
        limits = {name: primary.execute(f"SHOW {name}").fetchone()[0] for name in AT_LEAST_PRIMARY}
        stop(bindir)
        try:
            _make_copy(bindir, settings_dict, limits)
            _wait_for_hot_standby(primary)
        except BaseException:
            stop(bindir)
            raise
    return bindir


def _make_copy(bindir, settings_dict, limits):
    _as_postgres(
        str(bindir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(settings_dict["PORT"] or 5432),
        "-U", "postgres", "-D", str(DIRECTORY), "-R", "-X", "stream", "-c", "fast",
        # A throwaway copy: no fsync and no manifest make it several times faster.
        "--no-sync", "--no-manifest",
    )  # fmt: skip
    # Debian keeps the configuration outside the data directory: give the copy its own.
    settings = {
        "port": PORT,
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": f"'{DIRECTORY}'",
        "hot_standby": "on",
        "fsync": "off",
        **limits,
    }
    (DIRECTORY / "postgresql.conf").write_text(
        "".join(f"{name} = {value}\n" for name, value in settings.items())
    )
    (DIRECTORY / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    _as_postgres(
        str(bindir / "pg_ctl"), "-D", str(DIRECTORY), "-l", str(DIRECTORY / "server.log"),
        "-W", "start",
    )  # fmt: skip


def _wait_for_hot_standby(primary):
    """Until the replica takes read-only connections. A standby opens for reads only once it has
    a complete picture of the primary's running transactions: a long transaction with many
    savepoints on the primary (another test session, say) delays that until it ends. A
    checkpoint on the primary sends a fresh picture, so the wait ends soon after it."""
    deadline = time.monotonic() + HOT_STANDBY_WAIT
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(replica_dsn(), connect_timeout=2) as replica:
                replica.execute("SELECT 1")
                return
        except psycopg.OperationalError:
            primary.execute("CHECKPOINT")
            time.sleep(1)
    blockers = primary.execute(
        "SELECT datname, state, now() - xact_start FROM pg_stat_activity "
        "WHERE backend_xid IS NOT NULL ORDER BY xact_start"
    ).fetchall()
    raise RuntimeError(
        f"The replica did not open for reads within {HOT_STANDBY_WAIT} s; transactions open on "
        f"the primary: {blockers}. See {DIRECTORY / 'server.log'}."
    )


def replica_dsn():
    return psycopg.conninfo.make_conninfo(
        host="127.0.0.1", port=PORT, user="postgres", dbname="postgres"
    )


def wait_until_caught_up(primary_connection, replica_connection, timeout=120):
    """Until the replica has replayed everything the primary has written so far. The timeout only
    bounds a failure: the wait ends as soon as the replica is there, on a busy machine too."""
    with primary_connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with replica_connection.cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up with the primary")
