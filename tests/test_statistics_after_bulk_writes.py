"""After the demo's bulk writes (and `opmars setup`) the planner's statistics are fresh, and on
PostgreSQL the table is vacuumed: its pages marked all-visible, so counts read an index instead
of every row (decision 0062)."""

import pytest
from django.db import connection

from opmars.cli import refresh_statistics

# VACUUM cannot run inside a transaction: the test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)


def table_state(table):
    """(rows the planner expects, pages marked all-visible) of a table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples, relallvisible FROM pg_class WHERE relname = %s", [table]
            )
            return cursor.fetchone()
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
        row = cursor.fetchone()
        return (int(row[0].split()[0]) if row else None), None


def test_refresh_statistics_counts_the_rows_and_vacuums_on_postgresql(
    reference_data_after_flush, make_collective
):
    for n in range(3):
        make_collective(name=f"Buurtkracht {n}", municipality="GM0363")
    refresh_statistics()
    rows, all_visible = table_state("registry_collective")
    assert rows == 3
    if connection.vendor == "postgresql":
        assert all_visible >= 1  # only VACUUM marks pages all-visible; ANALYZE does not
