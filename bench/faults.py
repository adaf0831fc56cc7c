"""Fault runs: what the portal does when the things it depends on fail, printed step by step.

    .venv/bin/python bench/faults.py                     # every step
    .venv/bin/python bench/faults.py --step postgres     # one step (postgres, elasticsearch, disk, tasks)

1. postgres: the portal under gunicorn (deploy/gunicorn.conf.py, 2 workers, production settings) on a PostgreSQL
   cluster of its own (`pg_createcluster`, port 5499, dropped at the end; never the shared "main" cluster), polled
   every 100 ms while that cluster is stopped for a few seconds and started again. Requests must fail cleanly
   (the Indonesian 503 page, quickly, no traceback) and succeed again afterwards with the same gunicorn workers.
2. elasticsearch: SEARCH_BACKEND=elasticsearch pointing at a closed port; /cari/?q=talent must still answer from
   the database index, with a notice. (Elasticsearch lost while a portal runs, and back, is a test on a real
   cluster: tests/test_search_elasticsearch.py.)
3. disk: PRIVATE_MEDIA_ROOT on a 1 MB tmpfs and a practice submitted with a 2 MB PDF: a clear message (507), the
   typed text kept, no page or attachment row, no half-written file. Then the same with room to spare works.
   Without permission to mount, the full disk is simulated by a storage that writes half a file and raises ENOSPC.
4. tasks: the database task backend with no worker running: a comment e-mail and a search index update wait in
   the queue; `manage.py db_worker --batch` sends and indexes them all.

Steps 2–4 run on a scratch SQLite portal (migrate, import_seed, load_demo, update_index) with the dev settings and
DEBUG off, through Django's test client in a child process, so each child reads its settings from the environment
as the portal does. A step whose tool is missing (pg_createcluster, mount) is skipped, except on CI (CI=true), where
it fails. The exit code is non-zero when any step failed.
"""

import argparse
import email.policy
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
STEPS = ["postgres", "elasticsearch", "disk", "tasks"]
INDICATOR = "/rubrik/pengembangan-karier/11-6-c/"
OK, FAILED, SKIPPED = "ok", "GAGAL", "dilewati"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", action="append", choices=STEPS, help="run only this step (repeatable)")
    parser.add_argument("--down-seconds", type=float, default=3.0, help="how long PostgreSQL stays down (3)")
    parser.add_argument("--pg-port", type=int, default=5499, help="port of the private cluster (5499)")
    parser.add_argument("--var-dir", help="keep the scratch portals here (default: a temporary directory, removed)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)  # a step's Django half, in a child process
    args = parser.parse_args()
    if args.inner:
        return INNER[args.inner]()

    var = Path(args.var_dir) if args.var_dir else Path(tempfile.mkdtemp(prefix="meritopedia-faults-"))
    var.mkdir(parents=True, exist_ok=True)
    outcomes = {}
    try:
        for step in args.step or STEPS:
            print(f"\n=== {step} ===", flush=True)
            try:
                outcomes[step] = RUNNERS[step](args, var)
            except Exception as error:  # a broken step must not hide the others
                print(f"! {step}: {error!r}", flush=True)
                outcomes[step] = FAILED
    finally:
        if not args.var_dir:
            shutil.rmtree(var, ignore_errors=True)
    print("\n=== ringkasan ===")
    for step, outcome in outcomes.items():
        print(f"{step:<14} {outcome}")
    on_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    failed = [s for s, o in outcomes.items() if o == FAILED or (on_ci and o == SKIPPED)]
    return 1 if failed else 0


def _check(ok: bool, what: str) -> bool:
    print(f"  {'✓' if ok else '✗'} {what}", flush=True)
    return ok


def _run(command: list[str], env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _build(env: dict, *commands: list[str]) -> None:
    for command in commands:
        started = time.monotonic()
        _run(MANAGE + command, env)
        print(f"· manage.py {' '.join(command)} ({time.monotonic() - started:.0f} s)", flush=True)


# 1. PostgreSQL restarted ---------------------------------------------------------------------------------------


class PrivateCluster:
    """A PostgreSQL cluster of this run's own (Debian's postgresql-common), so stopping it disturbs nobody."""

    def __init__(self, port: int, name: str = "faults"):
        self.version = sorted(os.listdir("/usr/lib/postgresql"), key=float)[-1]
        self.name, self.port = name, port
        self.url = f"postgres://meritopedia:meritopedia@127.0.0.1:{port}/meritopedia_faults"

    def create(self) -> None:
        self.drop()
        _run(["pg_createcluster", self.version, self.name, "--port", str(self.port), "--start"])
        self.psql("CREATE ROLE meritopedia LOGIN PASSWORD 'meritopedia'")
        self.psql("CREATE DATABASE meritopedia_faults OWNER meritopedia")
        print(f"· pg_createcluster {self.version} {self.name} --port {self.port} --start; role and database created")

    def psql(self, sql: str) -> None:
        socket_dir = "/var/run/postgresql"
        _run(["runuser", "-u", "postgres", "--", "psql", "-h", socket_dir, "-p", str(self.port), "-qc", sql])

    def ctl(self, action: str) -> None:
        _run(["pg_ctlcluster", self.version, self.name, action])

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


def step_postgres(args, var: Path) -> str:
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
        _build(env, ["migrate", "--noinput", "-v0"], ["import_seed"], ["collectstatic", "--noinput", "-v0"])
        port = _free_port()
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
        return _report_postgres(probes, down_at, up_at, same_workers, folder)
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


def _report_postgres(probes: list[Probe], down_at: float, up_at: float, same_workers: bool, folder: Path) -> str:
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
        _check(bool(before) and all(p.ok for p in before), "every request succeeded before the stop"),
        _check(bool(failures), "requests failed while PostgreSQL was down"),
        _check(all(p.clean for p in failures), "every failure was the Indonesian error page, under 5 s, no traceback"),
        _check(statuses.keys() <= {"503"}, "every failure was 503 (database unreachable), not 500"),
        _check(all(down_at <= p.at <= up_at + 2 for p in failures), "failures only while the cluster was down"),
        _check(len(after) >= 20 and all(p.ok for p in after), "every request succeeded after the start"),
        _check(same_workers, "the same gunicorn master and workers served throughout (no portal restart)"),
    ]
    if not all(results):
        print(f"  gunicorn log: {folder / 'gunicorn.log'} (kept with --var-dir)")
    return OK if all(results) else FAILED


# Steps 2–4: a scratch SQLite portal, each step's Django half in a child process --------------------------------


def _sqlite_env(var: Path) -> dict:
    folder = var / "sqlite"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "PORTAL_VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    if not (folder / "portal.sqlite3").exists():
        folder.mkdir(parents=True, exist_ok=True)
        _build(env, ["migrate", "--noinput", "-v0"], ["import_seed"], ["load_demo"], ["update_index"])
        # Saving the seed pages queued their index updates (the database task backend); update_index did them all.
        _inner(env, "drain")
    return env


def _inner(env: dict, name: str, **extra: str) -> bool:
    """Runs `--inner name` in a child process; its report goes to our stdout, its logs to a file."""
    log = Path(env["PORTAL_VAR_DIR"]) / f"{name}.log"
    with open(log, "w") as errors:
        done = subprocess.run(
            [sys.executable, __file__, "--inner", name], env={**env, **extra}, cwd=ROOT, stderr=errors
        )
    if done.returncode:
        print(f"  (log of the child process: {log})")
    return done.returncode == 0


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def step_elasticsearch(args, var: Path) -> str:
    env = _sqlite_env(var)
    ok = _inner(env, "elasticsearch", SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9")
    return OK if ok else FAILED


def _inner_elasticsearch() -> int:
    _django()
    from django.test import Client

    print("· SEARCH_BACKEND=elasticsearch, ELASTICSEARCH_URL=http://127.0.0.1:9 (nothing listens there)")
    began = time.monotonic()
    response = Client(raise_request_exception=False).get("/cari/", {"q": "talent"})
    seconds = time.monotonic() - began
    body = response.content.decode(errors="replace")
    results = body.count('<li class="result') or body.count("<li><h2>")
    print(f"  GET /cari/?q=talent → {response.status_code} in {seconds * 1000:.0f} ms, {results} results listed")
    checks = [
        _check(response.status_code == 200, "search answered 200"),
        _check("search-fallback" in body, "with the notice that the main search engine is unreachable"),
        _check(results > 0, "with results from the database index"),
        _check(seconds < 10, "within 10 s"),
    ]
    return 0 if all(checks) else 1


def step_disk(args, var: Path) -> str:
    env = _sqlite_env(var)
    mountpoint = var / "private-full"
    mountpoint.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)], capture_output=True)
    if mounted.returncode:
        print(f"· mount -t tmpfs not permitted ({mounted.stderr.strip()}): simulating ENOSPC in the storage")
        full = _inner(env, "disk_full", PRIVATE_MEDIA_ROOT=str(mountpoint), FAULTS_SIMULATE_ENOSPC="1")
        return OK if full else FAILED
    try:
        print(f"· mount -t tmpfs -o size=1m tmpfs {mountpoint}  (PRIVATE_MEDIA_ROOT)")
        full = _inner(env, "disk_full", PRIVATE_MEDIA_ROOT=str(mountpoint))
        _run(["mount", "-o", "remount,size=8m", str(mountpoint)])
        print(f"· mount -o remount,size=8m {mountpoint}")
        room = _inner(env, "disk_room", PRIVATE_MEDIA_ROOT=str(mountpoint))
    finally:
        subprocess.run(["umount", str(mountpoint)], capture_output=True)
    return OK if full and room else FAILED


def _practice_post(title: str):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from cop.members import MemberProfile
    from meritopedia.models import Indicator
    from portal.models import Instansi

    user, _ = get_user_model().objects.get_or_create(username=f"faults-{title[:20]}", email="sari@contoh.go.id")
    MemberProfile.objects.get_or_create(user=user, defaults={"full_name": "Sari", "instansi": Instansi.objects.first()})
    indicator = Indicator.objects.get(code="11.6.c", aspect__version__is_current=True)
    pdf = b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024)  # 2 MB that no filesystem can compress
    data = {
        "title": title,
        "instansi": Instansi.objects.first().pk,
        "aspect": indicator.aspect_id,
        "indicators": [indicator.pk],
        "problem": "Pengisian jabatan lambat karena data talenta tersebar.",
        "action": "Kami memetakan 420 pegawai ke nine box.",
        "results": "Waktu pengisian turun dari 94 menjadi 35 hari.",
        "lessons": "Mulai dari data yang ada.",
        "attachments": [SimpleUploadedFile("bukti-2mb.pdf", pdf, "application/pdf")],
    }
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client.post("/praktik-baik/kirim/", data)


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _inner_disk_full() -> int:
    _django()
    from django.conf import settings

    from cop.practices import GoodPracticePage, PracticeAttachment

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if os.environ.get("FAULTS_SIMULATE_ENOSPC"):
        _simulate_full_disk()
    pages, attachments = GoodPracticePage.objects.count(), PracticeAttachment.objects.count()
    title = "Talent pool nine box di Kabupaten Penuh"
    response = _practice_post(title)
    body = response.content.decode(errors="replace")
    print(f"  POST /praktik-baik/kirim/ with a 2 MB PDF → {response.status_code}")
    checks = [
        _check(response.status_code == 507, "answered 507 Insufficient Storage, not 500"),
        _check("Penyimpanan server penuh; kiriman belum tersimpan" in body, "the message says the storage is full"),
        _check(title in body and "420 pegawai" in body, "the form came back with the typed text"),
        _check(GoodPracticePage.objects.count() == pages, "no practice page or draft created"),
        _check(PracticeAttachment.objects.count() == attachments, "no attachment row created"),
        _check(not _files(root), f"no file left in {root} (half-written one removed)"),
    ]
    return 0 if all(checks) else 1


def _simulate_full_disk() -> None:
    """Like a full disk under FileSystemStorage: half the file lands on disk, then the write fails."""
    import errno

    from cop.practices import PracticeAttachment

    storage = PracticeAttachment._meta.get_field("file").storage

    def _save(name, content):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(content.size // 2))
        raise OSError(errno.ENOSPC, "No space left on device (simulated)")

    storage._save = _save


def _inner_disk_room() -> int:
    _django()
    from django.conf import settings

    from cop.practices import GoodPracticePage, PracticeAttachment

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    response = _practice_post("Talent pool nine box di Kabupaten Lapang")
    practice = GoodPracticePage.objects.filter(title="Talent pool nine box di Kabupaten Lapang").first()
    print(f"  the same submission with 8 MB free → {response.status_code}")
    checks = [
        _check(response.status_code == 302 and practice is not None, "saved as a draft and redirected"),
        _check(PracticeAttachment.objects.filter(practice=practice).count() == 1, "with its attachment row"),
        _check([p.stat().st_size for p in _files(root)] == [2 * 1024 * 1024 + 9], "and its whole 2 MB file"),
    ]
    return 0 if all(checks) else 1


def step_tasks(args, var: Path) -> str:
    env = _sqlite_env(var)
    # A word of its own for this run's page, and only this run's tasks and mail counted: the scratch portal may be
    # kept between runs (--var-dir).
    shutil.rmtree(Path(env["PORTAL_VAR_DIR"]) / "mail", ignore_errors=True)
    letters = "".join(random.choices("bcdfghjklmnprstvz", k=6))
    env = {**env, "FAULTS_WORD": f"kenari{letters}", "FAULTS_SINCE": str(time.time())}
    queued = _inner(env, "tasks_enqueue")
    began = time.monotonic()
    worker = subprocess.run(
        MANAGE + ["db_worker", "--batch", "--no-startup-delay"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    print(
        f"· manage.py db_worker --batch --no-startup-delay → exit {worker.returncode} "
        f"({time.monotonic() - began:.1f} s)"
    )
    done = _inner(env, "tasks_done")
    return OK if queued and worker.returncode == 0 and done else FAILED


def _queue_counts() -> Counter:
    """This run's tasks in django_tasks_db's table, by task and status."""
    import datetime

    from django_tasks_db.models import DBTaskResult

    since = datetime.datetime.fromtimestamp(float(os.environ["FAULTS_SINCE"]), tz=datetime.UTC)
    rows = DBTaskResult.objects.filter(enqueued_at__gte=since).values_list("task_path", "status")
    return Counter(f"{path.rsplit('.', 1)[-1]} {status}" for path, status in rows)


def _inner_tasks_enqueue() -> int:
    _django()
    from django.conf import settings
    from django.contrib.auth import get_user_model

    word = os.environ["FAULTS_WORD"]  # in no seed or demo page
    from django.test import Client
    from wagtail.models import Page

    from cop.discussion import Comment
    from meritopedia.models import IndicatorPage
    from portal.models import HomePage, StandardPage

    print(f"· TASKS backend: {settings.TASKS['default']['BACKEND']}; no worker running")
    users = get_user_model().objects
    asker = users.get_or_create(username="faults-asker", email="penanya@contoh.go.id")[0]
    answerer = users.get_or_create(username="faults-answerer", email="penjawab@contoh.go.id")[0]
    indicator = IndicatorPage.objects.live().public().first()
    client = Client(raise_request_exception=False)
    client.force_login(asker)
    client.post(f"/diskusi/{indicator.pk}/kirim/", {"kind": "pertanyaan", "body": "Bagaimana memulai talent pool?"})
    question = Comment.objects.filter(page=indicator).latest("pk")
    client.force_login(answerer)
    answer = client.post(f"/diskusi/{indicator.pk}/kirim/", {"body": "Mulai dari data SIASN.", "parent": question.pk})
    print(f"  a question and an answer on {indicator.url} (answer → {answer.status_code})")

    home = HomePage.objects.first()
    page = home.add_child(instance=StandardPage(title=f"Catatan uji antrean {word}", intro=f"Kata {word}."))
    page.save_revision().publish()
    print(f"  published {page.url}")

    counts = _queue_counts()
    for name, count in sorted(counts.items()):
        print(f"  queue: {count:>3} {name}")
    mail = Path(settings.EMAIL_FILE_PATH)
    found = Page.objects.live().search(word).count()
    checks = [
        _check(counts["send_comment_notification READY"] == 2, "2 comment notifications wait in the queue"),
        _check(counts["insert_or_update_object_task READY"] >= 1, "the new page's index update waits in the queue"),
        _check(not mail.exists() or not any(mail.iterdir()), "no e-mail sent yet"),
        _check(found == 0, f"search does not find “{word}” yet"),
    ]
    return 0 if all(checks) else 1


def _inner_tasks_done() -> int:
    _django()
    from django.conf import settings
    from django.test import Client
    from wagtail.models import Page

    word = os.environ["FAULTS_WORD"]
    counts = _queue_counts()
    for name, count in sorted(counts.items()):
        print(f"  queue: {count:>3} {name}")
    parse = BytesParser(policy=email.policy.default).parsebytes
    mails = [parse(path.read_bytes()) for path in Path(settings.EMAIL_FILE_PATH).glob("*.log")]
    for mail in mails:
        print(f"  e-mail to {mail['To']}: {mail['Subject'][:70]}")
    answers = [m for m in mails if "Jawaban atas pertanyaan Anda" in m["Subject"] and "penanya@" in m["To"]]
    found = Page.objects.live().search(word).count()
    response = Client().get("/cari/", {"q": word})
    checks = [
        _check(not any(name.endswith(" READY") for name in counts), "the queue is empty"),
        _check(not any(name.endswith(" FAILED") for name in counts), "no task failed"),
        _check(len(answers) == 1, "the asker got the answer e-mail"),
        _check(found == 1, f"search finds “{word}” now"),
        _check(word in response.content.decode(), f"and /cari/?q={word} lists the new page"),
    ]
    return 0 if all(checks) else 1


def _inner_drain() -> int:
    _django()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    return 0


RUNNERS = {"postgres": step_postgres, "elasticsearch": step_elasticsearch, "disk": step_disk, "tasks": step_tasks}
INNER = {
    "elasticsearch": _inner_elasticsearch,
    "disk_full": _inner_disk_full,
    "disk_room": _inner_disk_room,
    "tasks_enqueue": _inner_tasks_enqueue,
    "tasks_done": _inner_tasks_done,
    "drain": _inner_drain,
}

if __name__ == "__main__":
    sys.exit(main())
