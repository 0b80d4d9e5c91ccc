"""What every benchmark in bench/ shares: demo data, starting the production server, fetching
over HTTP, and medians and percentiles. Scripts import it as `import benchlib` (they run as
`python bench/NAME.py`, so bench/ is on the path)."""

import contextlib
import gzip
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# This project's benchmarks keep to one port range (shared machine: each session has its own).
PORTS = range(8100, 8200)


def free_port():
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def fetch(url, timeout=120):
    """(seconds, bytes on the wire, decoded body) of one GET with gzip accepted; raises on any
    status other than 2xx, so a benchmark never times an error page."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            elapsed = time.perf_counter() - started
            encoding = response.headers.get("Content-Encoding")
    except urllib.error.HTTPError as error:
        error.msg = f"{error.msg} for {url}: {error.read()[:500]!r}"
        raise
    data = gzip.decompress(body) if encoding == "gzip" else body
    return elapsed, len(body), data


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(function, runs, warmup=3):
    """Median and p95 in milliseconds of `function()` over `runs` calls after `warmup` calls."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 95)


def data_env(data_dir, database_url=None):
    """The environment for an `opmars` process on this data directory (and database)."""
    env = {**os.environ, "OPMARS_DATA_DIR": str(Path(data_dir).resolve())}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def ensure_demo(data_dir, count, env, seed=1):
    """`opmars demo --count N --no-serve` unless this data directory (or database) has data."""
    probe = subprocess.run(
        [sys.executable, "-m", "opmars.cli", "manage", "shell", "-c", _COUNT_SNIPPET],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if probe.returncode == 0 and probe.stdout.strip() not in ("", "0"):
        return
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "opmars.cli", "demo", "--count", str(count), "--seed", str(seed)]
        + ["--no-serve"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"demo with {count} collectives made in {time.perf_counter() - started:.0f} s")


_COUNT_SNIPPET = "from opmars.registry.models import Collective; print(Collective.objects.count())"


def wait_for(url, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            fetch(url, timeout=5)
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url}")


class Server:
    def __init__(self, base, pid):
        self.base, self.pid = base, pid

    def cpu_seconds(self):
        """CPU time (user + system) used so far by the server and its worker processes."""
        parents, ticks = {}, {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(stat.parent.name)
            parents[pid], ticks[pid] = int(fields[1]), int(fields[11]) + int(fields[12])
        tree, grew = {self.pid}, True
        while grew:
            found = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= found
            grew = bool(found)
        return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def running(command, env, probe_path, port):
    """Start a server process, wait until `probe_path` answers, yield it (base URL and pid),
    stop it."""
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + probe_path)
        yield Server(base, server.pid)
    finally:
        server.terminate()
        server.wait(20)


def opmars_server(env, workers=2, threads=2):
    """The production server (`opmars serve`, granian) on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "opmars.cli", "serve", "--port", str(port)]
    # A benchmark serves fictitious data: demo mode, on the data directory's own key.
    env = {"OPMARS_DEMO": "1", **env}
    command += ["--workers", str(workers), "--threads", str(threads)]
    return running(command, env, "/api/v1/provinces", port)


def setup_django(env):
    """Django in this process, on the same data as the server (for in-process timings)."""
    os.environ.update(
        {
            "OPMARS_DATA_DIR": env["OPMARS_DATA_DIR"],
            "DJANGO_SETTINGS_MODULE": "opmars.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    if env.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
