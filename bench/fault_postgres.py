"""Fault step 1 of bench/faults.py, postgres: the database stopped and started again under a running portal.

The portal under gunicorn (deploy/gunicorn.conf.py, 2 workers, production settings) on a PostgreSQL cluster of its
own (`pg_createcluster`, port 5499, dropped at the end; never the shared "main" cluster), polled every 100 ms while
that cluster is stopped for a few seconds and started again. Requests must fail cleanly (the Indonesian 503 page,
quickly, no traceback) and succeed again afterwards with the same gunicorn workers. Its Django half is gunicorn
itself, so this module has no child script.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fault_harness import FAILED, INDICATOR, OK, ROOT, SKIPPED, build, check, free_port, run_command


class PrivateCluster:
    """A PostgreSQL cluster of this run's own (Debian's postgresql-common), so stopping it disturbs nobody."""

    def __init__(self, port: int, name: str = "faults"):
        self.version = sorted(os.listdir("/usr/lib/postgresql"), key=float)[-1]
        self.name, self.port = name, port
        self.url = f"postgres://meritopedia:meritopedia@127.0.0.1:{port}/meritopedia_faults"

    def create(self) -> None:
        self.drop()
        run_command(["pg_createcluster", self.version, self.name, "--port", str(self.port), "--start"])
        self.psql("CREATE ROLE meritopedia LOGIN PASSWORD 'meritopedia'")
        self.psql("CREATE DATABASE meritopedia_faults OWNER meritopedia")
        print(f"· pg_createcluster {self.version} {self.name} --port {self.port} --start; role and database created")

    def psql(self, sql: str) -> None:
        socket_dir = "/var/run/postgresql"
        run_command(["runuser", "-u", "postgres", "--", "psql", "-h", socket_dir, "-p", str(self.port), "-qc", sql])

    def ctl(self, action: str) -> None:
        run_command(["pg_ctlcluster", self.version, self.name, action])

    def drop(self) -> None:
        subprocess.run(["pg_dropcluster", "--stop", self.version, self.name], capture_output=True)


@dataclass
class Probe:
    at: float  # seconds since polling began
    path: str
    status: int | None  # None: no HTTP answer at all
    seconds: float
    body: bytes

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def clean(self) -> bool:
        """A failure as a visitor should see it: the Indonesian error page, fast, no traceback."""
        return (
            self.status in (500, 503)
            and b'lang="id"' in self.body
            and b"Traceback" not in self.body
            and self.seconds < 5
        )


def _poll(base: str, stop: threading.Event, probes: list[Probe], started: float) -> None:
    """`/` and an indicator page every 100 ms. Each request has its own query string, so the page cache cannot
    answer it and it reaches the database, as every request of a signed-in member does."""
    number = 0
    while not stop.is_set():
        tick = time.monotonic()
        for path in ("/", INDICATOR):
            number += 1
            began = time.monotonic()
            try:
                with urllib.request.urlopen(f"{base}{path}?faults={number}", timeout=15) as response:
                    status, body = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read()
            except OSError as error:
                status, body = None, repr(error).encode()
            probes.append(Probe(began - started, path, status, time.monotonic() - began, body))
        stop.wait(max(0.0, 0.1 - (time.monotonic() - tick)))


def _workers(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return set(children.read_text().split()) if children.exists() else set()


def run(args, var: Path) -> str:
    """Serves the portal from a private cluster, stops and starts it under the poll, and judges every answer."""
    if not (shutil.which("pg_createcluster") and os.path.isdir("/usr/lib/postgresql")):
        print("pg_createcluster is not installed (Debian's postgresql-common): skipped")
        return SKIPPED
    cluster = PrivateCluster(args.pg_port)
    folder = var / "postgres"
    folder.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "faults-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "PORTAL_VAR_DIR": str(folder),
        "DATABASE_URL": cluster.url,
        # Persistent connections: the hard case, a worker holding a connection the restart has killed.
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    cluster.create()
    server = None
    try:
        build(env, ["migrate", "--noinput", "-v0"], ["import_seed"], ["collectstatic", "--noinput", "-v0"])
        port = free_port()
        log = open(folder / "gunicorn.log", "ab")  # noqa: SIM115 - handed to the child process
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, server, folder / "gunicorn.log")
        time.sleep(1)  # both workers booted
        workers = _workers(server.pid)
        print(f"· gunicorn -c deploy/gunicorn.conf.py on {base}: master {server.pid}, workers {sorted(workers)}")

        probes: list[Probe] = []
        stop, started = threading.Event(), time.monotonic()
        poller = threading.Thread(target=_poll, args=(base, stop, probes, started))
        poller.start()
        time.sleep(3)
        down_at = time.monotonic() - started
        cluster.ctl("stop")
        print(f"· {down_at:5.1f} s  pg_ctlcluster {cluster.version} {cluster.name} stop", flush=True)
        time.sleep(args.down_seconds)
        cluster.ctl("start")
        up_at = time.monotonic() - started
        print(f"· {up_at:5.1f} s  pg_ctlcluster {cluster.version} {cluster.name} start (returned)", flush=True)
        time.sleep(4)
        stop.set()
        poller.join()
        same_workers = _workers(server.pid) == workers and server.poll() is None
        return _report(probes, down_at, up_at, same_workers, folder)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        cluster.drop()
        print(f"· pg_dropcluster --stop {cluster.version} {cluster.name}")


def _wait_for(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"gunicorn did not start; see {log}") from None
            time.sleep(0.5)


def _report(probes: list[Probe], down_at: float, up_at: float, same_workers: bool, folder: Path) -> str:
    before = [p for p in probes if p.at < down_at]
    failures = [p for p in probes if not p.ok]
    last_failure = max((p.at for p in failures), default=down_at)
    after = [p for p in probes if p.at > last_failure]
    recovered = next((p.at for p in after if p.ok), None)
    statuses = Counter(str(p.status) for p in failures)
    print(f"  {len(probes)} requests in {probes[-1].at:.1f} s ({INDICATOR} and /, each every 100 ms)")
    print(f"  ok before the stop:  {sum(p.ok for p in before)} of {len(before)}")
    print(f"  failed while down:   {len(failures)}  status codes {dict(statuses)}")
    print(f"  ok after:            {sum(p.ok for p in after)} of {len(after)}")
    if failures:
        first = min(p.at for p in failures)
        print(
            f"  downtime seen:       {first:.1f} s → {recovered or last_failure:.1f} s = "
            f"{(recovered or last_failure) - first:.1f} s (cluster down {down_at:.1f} s → {up_at:.1f} s)"
        )
        print(f"  slowest failure:     {max(p.seconds for p in failures) * 1000:.0f} ms")
        sample = next(p for p in failures if p.status is not None) if statuses.keys() - {"None"} else None
        if sample is not None:
            title = sample.body.split(b"<h1>")[-1].split(b"</h1>")[0].decode(errors="replace")
            print(f"  a failed request showed: {sample.status} “{title}”")
    results = [
        check(bool(before) and all(p.ok for p in before), "every request succeeded before the stop"),
        check(bool(failures), "requests failed while PostgreSQL was down"),
        check(all(p.clean for p in failures), "every failure was the Indonesian error page, under 5 s, no traceback"),
        check(statuses.keys() <= {"503"}, "every failure was 503 (database unreachable), not 500"),
        check(all(down_at <= p.at <= up_at + 2 for p in failures), "failures only while the cluster was down"),
        check(len(after) >= 20 and all(p.ok for p in after), "every request succeeded after the start"),
        check(same_workers, "the same gunicorn master and workers served throughout (no portal restart)"),
    ]
    if not all(results):
        print(f"  gunicorn log: {folder / 'gunicorn.log'} (kept with --var-dir)")
    return OK if all(results) else FAILED
