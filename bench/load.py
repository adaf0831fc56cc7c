"""Load benchmark: the portal as production runs it (gunicorn, 2 workers, production settings, DEBUG off) on the
seed and demo content, hit by `wrk` page by page.

    .venv/bin/python bench/load.py                      # scratch SQLite portal, 20 s per page
    .venv/bin/python bench/load.py --duration 5         # quick run
    .venv/bin/python bench/load.py --database-url postgres://meritopedia:meritopedia@127.0.0.1:5432/meritopedia_load
    .venv/bin/python bench/load.py --activity           # each cached page quiet, then while members write

It builds a scratch portal in its own var directory (`migrate`, `import_seed`, `load_demo`, `update_index`,
`collectstatic`), so the figures never depend on someone's local database, and measures requests/s, p50/p99
latency and errors (any non-2xx answer or socket error) at 16 concurrent connections. `wrk` comes from Debian
(`apt-get install wrk`); the script installs it when it is missing and it runs as root.

The load generator runs on the same machine as gunicorn and takes CPU from it, so the figures are a floor.

`--activity` measures each cached page twice, quiet and then while bench/member_activity.py writes one comment and
one registration a second, and prints the ratio: a change should purge only what shows it (goal ≥ 0.90).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTER = Path(__file__).resolve().parent / "wrk_report.lua"

# (name, path, minimum requests/s, uncached). Anonymous visitors are served from the page cache (portal/cache.py), a
# repeated search too; "uncached" rows give every request its own query string, so each one is rendered afresh, as
# a search nobody has made before is (and as every page is for signed-in members).
PAGES = [
    ("beranda", "/", 300, False),
    ("indikator", "/rubrik/pengembangan-karier/11-6-c/", 300, False),
    ("alamat tetap", "/indikator/11.6.c/", 300, False),  # a redirect to the indicator page, cached like a page
    ("artikel", "/meritopedia/demo-talent-pool-dan-rencana-suksesi/", 300, False),
    ("regulasi", "/regulasi/permenpanrb-40-2018/", 300, False),
    ("daftar acara", "/acara/", 300, False),
    ("pencarian", "/cari/?q=talent+pool", 100, False),
    ("cari, baru", "/cari/?q=talent+pool", 100, True),
]
MAX_P99_MS = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page (default 20)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--database-url", help="PostgreSQL to use instead of a scratch SQLite file")
    parser.add_argument("--only", help="measure only the pages whose name contains this (e.g. 'baru')")
    parser.add_argument(
        "--var-dir", help="keep the scratch portal here, built once (default: a temporary directory, removed)"
    )
    parser.add_argument("--activity", action="store_true", help="cached pages quiet, then while members write")
    parser.add_argument("--redis-url", help="the caches on this Redis (production's REDIS_URL) instead of files")
    args = parser.parse_args()

    pages = [page for page in PAGES if (not args.only or args.only in page[0]) and not (args.activity and page[3])]
    wrk = _ensure_wrk()
    var = Path(args.var_dir) if args.var_dir else Path(tempfile.mkdtemp(prefix="meritopedia-bench-"))
    var.mkdir(parents=True, exist_ok=True)
    env = _production_env(var, args.database_url)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    try:
        if not (var / "built").exists():  # a kept --var-dir is built once
            _build_portal(env)
            (var / "built").touch()
        port = _free_port()
        server = _start_gunicorn(env, port, args.workers, var)
        try:
            if args.activity:
                return _activity_report(pages, [_quiet_and_busy(wrk, port, page, args, env) for page in pages], args)
            rows = [_measure(wrk, f"http://127.0.0.1:{port}{path}", uncached, args) for _, path, _, uncached in pages]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        if not args.var_dir:
            shutil.rmtree(var, ignore_errors=True)
    return _report(pages, rows, args, env)


def _production_env(var: Path, database_url: str | None) -> dict:
    """Production settings as they are, with only what a plain-HTTP local run needs changed."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",  # no TLS terminator in front of gunicorn here
        "PORTAL_VAR_DIR": str(var),
        "DATABASE_URL": database_url or f"sqlite:///{var / 'portal.sqlite3'}",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
    }


def _build_portal(env: dict) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["import_seed"],
        ["load_demo"],
        ["update_index"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        print("·", "manage.py", " ".join(command), flush=True)
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def _start_gunicorn(env: dict, port: int, workers: int, var: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(var / "gunicorn.log", "ab")  # noqa: SIM115 - handed to the child process
    server = subprocess.Popen(
        [str(gunicorn), "portal.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return server
        except (OSError, urllib.error.HTTPError):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit(f"gunicorn did not start; see {var / 'gunicorn.log'}") from None
            time.sleep(0.5)


def _measure(wrk: str, url: str, uncached: bool, args) -> dict:
    """A first request (fills the page cache as the first visitor would) and a second of unmeasured load (both
    workers warm), then `duration` seconds of load."""
    try:
        urllib.request.urlopen(url, timeout=30).read()
    except urllib.error.HTTPError as error:
        print(f"! {url}: {error.code} before the load started", file=sys.stderr)
    expect = "302" if "/indikator/" in url else ""  # the permanent address answers with its redirect
    env = {**os.environ, "BENCH_UNIQUE": "1" if uncached else "0", "BENCH_EXPECT": expect}

    def load(seconds: int) -> str:
        threads = min(2, args.connections)
        command = [wrk, f"-t{threads}", f"-c{args.connections}", f"-d{seconds}s", "-s", str(REPORTER), url]
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout

    load(1)
    output = load(args.duration)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _quiet_and_busy(wrk: str, port: int, page: tuple, args, env: dict) -> tuple[dict, dict, str]:
    """The page under load quiet, then while members comment and register once a second."""
    url = f"http://127.0.0.1:{port}{page[1]}"
    quiet = _measure(wrk, url, False, args)
    writer = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("member_activity.py"))],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if writer.stdout.readline().strip() != "READY":  # Django's start-up is not part of the activity
            raise SystemExit("bench/member_activity.py did not start")
        busy = _measure(wrk, url, False, args)
    finally:
        writer.send_signal(signal.SIGTERM)
        written = writer.communicate(timeout=30)[0].strip()
    return quiet, busy, written


def _activity_report(pages: list[tuple], rows: list[tuple], args) -> int:
    print()
    print(f"{args.duration} s each, {args.connections} connections, gunicorn {args.workers} workers; busy = while")
    print("bench/member_activity.py writes one comment and one registration a second through the ORM.")
    header = f"{'halaman':<13} {'alamat':<52} {'tenang':>7} {'sibuk':>7} {'rasio':>6}  ditulis"
    print(header)
    print("-" * len(header))
    worst = 1.0
    for (name, path, _, _), (quiet, busy, written) in zip(pages, rows, strict=True):
        ratio = busy["rps"] / quiet["rps"]
        worst = min(worst, ratio)
        print(f"{name:<13} {path:<52} {quiet['rps']:>7.0f} {busy['rps']:>7.0f} {ratio:>6.2f}  {written}")
    print(f"lowest ratio {worst:.2f} (goal ≥ 0.90)")
    return 0 if worst >= 0.90 else 1


def _report(pages: list[tuple], rows: list[dict], args, env: dict) -> int:
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print()
    print(
        f"{len(pages)} pages × {args.duration} s, {args.connections} connections, gunicorn {args.workers} workers, "
        f"production settings, {database}, {os.cpu_count()} CPU cores"
    )
    print("wrk shares these cores with gunicorn, so the figures are a floor, not the server's ceiling.")
    print(
        "Load average (1/5/15 min) at the end: {:.1f} / {:.1f} / {:.1f}; above {} other processes took CPU too.".format(
            *os.getloadavg(), os.cpu_count()
        )
    )
    print()
    header = f"{'halaman':<13} {'alamat':<52} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'galat':>6}  target"
    print(header)
    print("-" * len(header))
    failures = 0
    for (name, path, minimum, uncached), row in zip(pages, rows, strict=True):
        errors = row["non2xx"] + row["socket_errors"]
        p50, p99 = row["p50_us"] / 1000, row["p99_us"] / 1000
        ok = row["rps"] >= minimum and p99 <= MAX_P99_MS and errors == 0
        failures += not ok
        verdict = "ok" if ok else "MISSED"
        path = path + ("&n=…" if uncached else "")
        print(
            f"{name:<13} {path:<52} {row['rps']:>7.0f} {p50:>7.1f} {p99:>7.1f} {errors:>6}  "
            f"≥{minimum}/s, p99 ≤{MAX_P99_MS} ms: {verdict}"
        )
    return 1 if failures else 0


def _ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        wrk = shutil.which("wrk")
    return wrk


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
