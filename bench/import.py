"""Benchmark of the import floor (issue 6): 100,000 collectives from CSV in under 60 s on SQLite,
with bounded memory.

Usage (from the repository root, in the virtualenv):

    python bench/import.py --count 100000

It writes a deterministic, Excel-style CSV (semicolons, Windows-1252, Dutch numbers; names,
current and former municipality names and CBS codes, postcodes, KvK numbers, founding years,
domains) into --data-dir, runs `opmars setup` on a fresh SQLite database there, and then times
`opmars import FILE` (the real run: validation through the registry's forms, placement,
duplicates, audit) as a separate process, reporting its wall time and peak RSS. A second run of
the same file measures the re-import, which must change nothing.
"""

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = "ka lo mi ra se to vu ne di po la re sa ti mo nu be ga fi ho".split()
PREFIXES = [
    ("Buurtcoöperatie", "buurtcooperatie", "Coöperatie U.A."),
    ("Dorpsraad", "dorpsraad", "vereniging"),
    ("Energiecoöperatie", "energiecooperatie", "cooperatie_ua"),
    ("Zorgzaam", "zorgcooperatie", "stichting"),
    ("Bewonersinitiatief", "bewonersinitiatief", "informeel"),
    ("Voedseltuin", "voedselcollectief", "stichting"),
]
DOMAINS = ["energie", "zorg_welzijn", "leefbaarheid_ontmoeting", "voedsel", "wonen"]
FORMER_NAMES = ["Appingedam", "Delfzijl", "Loppersum", "Haren", "Geldermalsen"]


def write_csv(path, count, database, seed=1):
    rng = random.Random(seed)
    db = sqlite3.connect(database)
    municipalities = db.execute("select code, name from geo_municipality order by code").fetchall()
    postcodes = [pc for (pc,) in db.execute("select pc4 from geo_postcode order by pc4")]
    db.close()
    with open(path, "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            [
                "Naam",
                "Soort",
                "Rechtsvorm",
                "Gemeente",
                "Postcode",
                "KvK-nummer",
                "Oprichtingsjaar",
                "Terreinen",
                "Leden",
                "Omschrijving",
            ]  # fmt: skip
        )
        for n in range(count):
            prefix, kind, legal_form = rng.choice(PREFIXES)
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).title()
            municipality = rng.choice(municipalities)
            place = rng.choice([municipality[1], municipality[0], rng.choice(FORMER_NAMES)])
            writer.writerow(
                [
                    f"{prefix} {word} {n}",
                    kind,
                    legal_form,
                    place,
                    f"{rng.choice(postcodes)} AB" if rng.random() < 0.3 else "",
                    f"{10_000_000 + n}" if rng.random() < 0.5 else "",
                    rng.randint(1950, 2024),
                    ", ".join(rng.sample(DOMAINS, rng.randint(1, 2))),
                    f"{rng.randint(10, 5000):,}".replace(",", "."),
                    "Wij maken onze buurt samen sterker.",
                ]
            )


def opmars(data_dir, *args):
    """Run `opmars ARGS` on data_dir; (return code, stdout, stderr, wall seconds, CPU seconds,
    peak RSS in MB). CPU time is what the import costs; wall time also counts waiting for the
    CPU when the machine is busy with other work."""
    env = {**os.environ, "OPMARS_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    out, err = data_dir / "stdout.txt", data_dir / "stderr.txt"
    started = time.perf_counter()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "opmars.cli", *args], env=env, stdout=stdout, stderr=stderr
        )
        # wait4 gives this child's own peak RSS (kilobytes on Linux).
        _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return code, out.read_text(), err.read_text(), seconds, cpu, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--data-dir", default="/tmp/opmars-bench-import")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "opmars.sqlite3").unlink(missing_ok=True)
    code, _out, err, *_rest = opmars(data_dir, "setup")
    if code:
        sys.exit(err)
    source = data_dir / f"collectieven-{args.count}.csv"
    write_csv(source, args.count, data_dir / "opmars.sqlite3")
    size_mb = source.stat().st_size / 1e6
    print("| run | rows | file | wall time | CPU time | peak RSS |\n|---|---|---|---|---|---|")
    for label in ("first import", "re-import (unchanged)"):
        code, out, err, seconds, cpu, peak_mb = opmars(data_dir, "import", str(source))
        if code:
            sys.exit(out[-3000:] + err[-3000:])
        summary = next(line for line in out.splitlines() if line.startswith("Rijen"))
        print(
            f"| {label} | {summary} | {size_mb:.1f} MB | {seconds:.1f} s | {cpu:.1f} s "
            f"| {peak_mb:.0f} MB |"
        )


if __name__ == "__main__":
    main()
