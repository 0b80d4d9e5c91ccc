"""Does a big import starve the site? Logins and collective edits timed while `opmars import`
writes 50,000 rows (issue 21: p99 of both under 1 s).

Usage (from the repository root, in the virtualenv):

    python bench/import_load.py --rows 50000 [--database-url postgres://…/opmars_bench]

It makes a small demo (2,000 fictitious collectives) in --data-dir (or the database), writes the
import file the import benchmark writes (bench/import.py), starts the production server, and
times, one after the other in a loop, a login through the login form and an edit of the demo
editor's collective through the API (PATCH with a write token): first for --baseline seconds
with nothing else running, then for as long as `opmars import` runs as a separate process.
Reported per phase: count, median, p99 and max in ms, and failed requests (any non-2xx/3xx,
or no answer within 30 s). Nothing here is a test: the figures go in docs/performance.md.
"""

import argparse
import http.cookiejar
import importlib
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import benchlib

EDITOR = ("redacteur@opmars.demo", "opmars-demo")
TIMEOUT = 30


def opmars(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "opmars.cli", *args],
        env=env,
        cwd=benchlib.ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def editor_slug_and_secret(env):
    snippet = (
        "from opmars.accounts.models import User; "
        f"print(User.objects.get(email='{EDITOR[0]}').edited_collectives.first().slug)"
    )
    slug = opmars(env, "manage", "shell", "-c", snippet).strip().splitlines()[-1]
    out = opmars(env, "token", "create", "--email", EDITOR[0], "--scope", "write")
    secret = next(line for line in out.splitlines() if line.startswith("opm_"))
    return slug, secret


def timed_request(request, opener=None):
    """Milliseconds of one request, or None when it failed (an error status or no answer)."""
    started = time.perf_counter()
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=TIMEOUT) as answer:
            answer.read()
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None
    return (time.perf_counter() - started) * 1000


def login(base):
    """A whole login as a browser does it: the form (for its CSRF token), then the post."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/account/inloggen/", timeout=TIMEOUT) as page:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.read()).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.decode(), "username": EDITOR[0], "password": EDITOR[1]}
    ).encode()
    request = urllib.request.Request(
        base + "/account/inloggen/", data=body, headers={"Referer": base + "/account/inloggen/"}
    )
    return timed_request(request, opener)


def edit(base, slug, secret, number):
    body = json.dumps({"description": f"Bijgewerkt tijdens de importproef ({number})."}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/collectives/{slug}",
        data=body,
        method="PATCH",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    return timed_request(request)


def measure(base, slug, secret, keep_going):
    """{'login': [ms or None…], 'edit': […]} while keep_going() says so."""
    times = {"login": [], "edit": []}
    number = 0
    while keep_going():
        number += 1
        times["login"].append(login(base))
        times["edit"].append(edit(base, slug, secret, number))
    return times


def summary(label, times):
    for kind, values in times.items():
        done = [v for v in values if v is not None]
        failed = len(values) - len(done)
        if not done:
            print(f"{label:9} {kind:5} n={len(values)} all failed")
            continue
        print(
            f"{label:9} {kind:5} n={len(values):4}  median {statistics.median(done):7.1f} ms  "
            f"p99 {benchlib.percentile(done, 99):7.1f} ms  max {max(done):7.1f} ms  "
            f"failed {failed}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--data-dir", default="bench/results/import-load")
    parser.add_argument("--database-url")
    parser.add_argument("--baseline", type=float, default=20, help="seconds without an import")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # Limits and the lag of anonymous answers would measure something else than the database.
    env = {
        **benchlib.data_env(data_dir, args.database_url),
        "OPMARS_API_WRITE_RATE": "100000/m",
        "OPMARS_RATE_LOGIN_FAILURES_PER_IP": "0",
    }
    benchlib.ensure_demo(data_dir, 2000, env)
    slug, secret = editor_slug_and_secret(env)
    import_file = data_dir / f"import-{args.rows}.csv"
    if not import_file.exists():
        write_csv = importlib.import_module("import").write_csv  # bench/import.py
        database = data_dir / "opmars.sqlite3"
        if args.database_url:
            sys.exit("make the import file once on SQLite first (same --data-dir)")
        write_csv(import_file, args.rows, database)
    with benchlib.opmars_server(env, workers=2) as server:
        ends = time.monotonic() + args.baseline
        summary("baseline", measure(server.base, slug, secret, lambda: time.monotonic() < ends))
        started = time.monotonic()
        importing = subprocess.Popen(
            [sys.executable, "-m", "opmars.cli", "import", str(import_file), "--valid-only"],
            env=env,
            cwd=benchlib.ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        during = measure(server.base, slug, secret, lambda: importing.poll() is None)
        took = time.monotonic() - started
        print(f"import of {args.rows} rows: {took:.0f} s, exit {importing.returncode}")
        summary("importing", during)


if __name__ == "__main__":
    main()
