"""A database of 1,000,000 collectives for the scaling benchmark, made from the 100,000 demo.

Usage (from the repository root, in the virtualenv):

    python bench/make_scale_data.py --source /work/data-bench-100k --times 10 \
        --data-dir /work/data-bench-1m

`opmars demo` makes about 1,000 collectives a second on a quiet machine (names, stemmed search
text, one by one through the ORM), so a million would take the better part of an hour on this
shared machine. Instead this copies the SQLite file of a demo made with `opmars demo` and adds
--times - 1 copies of every collective in plain SQL: a new id and slug, the same kind, status,
municipality and search text, the public point moved by up to about 1 km (a fixed function of
the id, so the result is deterministic), with its domains, areas of work and network
memberships, and — as issue 18 asks of its 1M floors — its yearly facts, life history (events
and active periods) and impact reports with their outcomes. `--without-figures` leaves those
out (the older 1M data of issue 7, where only the original tenth had them). The full-text index
fills through its insert trigger; ANALYZE runs at the end; the kept area figures are then
rebuilt by `opmars summaries` (run it with OPMARS_DATA_DIR set to --data-dir). Every record
stays fictitious and marked as demo.
"""

import argparse
import shutil
import sqlite3
import time
from pathlib import Path

# Columns given a new value in a copy; every other column is copied as it is.
CHANGED = {
    "id": "id + :offset",
    "slug": "slug || '-r' || :copy",
    "name": "name || ' ' || :copy",
    "kvk_number": "NULL",
    "public_lat": "public_lat + ((id * 7919 + :copy * 104729) % 2001 - 1000) * 0.00001",
    "public_lon": "public_lon + ((id * 104729 + :copy * 7919) % 2001 - 1000) * 0.000015",
}
# Link tables: every column but the id is copied as it is (so a column added later comes
# along); collective_id is shifted with the copy.
LINKS = ["registry_collectivedomain", "registry_collective_works_in", "networks_membership"]
# The figures and history of a collective, copied with it unless --without-figures.
FIGURE_LINKS = ["registry_yearlyfacts", "registry_activeperiod", "registry_lifeevent"]
# Reports are referred to by their outcomes: a copy's reports get ids shifted like the
# collectives', and their outcomes follow them.
REPORTS, OUTCOMES = "impact_impactreport", "impact_reportoutcome"


def columns(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def replicate(db, times, with_figures=True):
    offset = db.execute("SELECT max(id) FROM registry_collective").fetchone()[0]
    report_offset = db.execute(f"SELECT coalesce(max(id), 0) FROM {REPORTS}").fetchone()[0]
    links = LINKS + (FIGURE_LINKS if with_figures else [])
    for copy in range(1, times):
        started = time.perf_counter()
        shift = {"offset": offset * copy, "copy": copy, "base": offset}
        names = columns(db, "registry_collective")
        values = [CHANGED.get(name, name) for name in names]
        db.execute(
            f"INSERT INTO registry_collective ({', '.join(names)}) "
            f"SELECT {', '.join(values)} FROM registry_collective WHERE id <= :base",
            shift,
        )
        for table in links:
            copy_rows(db, table, {"collective_id": "collective_id + :offset"}, shift,
                      "collective_id <= :base")  # fmt: skip
        if with_figures:
            moved = {"report_offset": report_offset * copy, "report_base": report_offset}
            copy_rows(
                db,
                REPORTS,
                {"id": "id + :report_offset", "collective_id": "collective_id + :offset"},
                {**shift, **moved},
                "id <= :report_base",
            )
            copy_rows(
                db, OUTCOMES, {"report_id": "report_id + :report_offset"}, moved,
                "report_id <= :report_base",
            )  # fmt: skip
        db.commit()
        print(f"copy {copy} of {times - 1} in {time.perf_counter() - started:.0f} s", flush=True)


def copy_rows(db, table, shifted, params, original):
    """Insert a copy of the original rows of `table`: the columns of `shifted` given their
    new value, every other column but an unshifted id copied as it is (so a column added later
    comes along)."""
    names = [c for c in columns(db, table) if c in shifted or c != "id"]
    values = [shifted.get(name, name) for name in names]
    db.execute(
        f"INSERT INTO {table} ({', '.join(names)}) "
        f"SELECT {', '.join(values)} FROM {table} WHERE {original}",
        params,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="data directory of an `opmars demo`")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument(
        "--without-figures",
        action="store_true",
        help="copy the collectives without their yearly facts, history and impact reports",
    )
    args = parser.parse_args()
    target_dir = Path(args.data_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "opmars.sqlite3"
    if target.exists():
        print(f"{target} exists; reused")
        return
    partial = target_dir / "opmars.sqlite3.partial"
    source = sqlite3.connect(Path(args.source) / "opmars.sqlite3")
    source.backup(sqlite3.connect(partial))
    source.close()
    db = sqlite3.connect(partial)
    replicate(db, args.times, with_figures=not args.without_figures)
    db.execute("ANALYZE")
    db.commit()
    db.close()
    partial.rename(target)
    for name in ("static",):
        if (Path(args.source) / name).exists() and not (target_dir / name).exists():
            shutil.copytree(Path(args.source) / name, target_dir / name)
    print(f"{target} ready")


if __name__ == "__main__":
    main()
