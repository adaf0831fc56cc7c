"""Lighthouse (mobile) on the portal as production runs it: gunicorn, production settings, DEBUG off, static files
from WhiteNoise after collectstatic, on the seed and demo content.

    .venv/bin/python bench/lighthouse.py                        # scratch SQLite portal, removed afterwards
    .venv/bin/python bench/lighthouse.py --var-dir var/lighthouse   # keep the portal (built once) and the reports
    .venv/bin/python bench/lighthouse.py --only cari --details      # one page, with every audit that lost points

Lighthouse comes from the npm registry at the version package.json pins and is installed into var/node/ when
missing (as tests/browser/test_accessibility.py installs axe-core); it drives Debian's Chromium (/usr/bin/chromium,
or CHROME_PATH). For each page it prints the four category scores and the cumulative layout shift; the exit status
is 1 when any score is below --minimum (default 100). Performance is simulated on a throttled phone by a machine
whose cores the server shares, so it varies by a few points between runs; the other three do not.
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
NODE_DIR = ROOT / "var" / "node"
LIGHTHOUSE = NODE_DIR / "node_modules" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# As the machine's notes require for Chromium: headless, no sandbox as root, no GPU, no calls home.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
# (name, path); the event is looked up in the built portal, as load_demo's slugs may change.
PAGES = [
    ("beranda", "/"),
    ("indikator", "/rubrik/pengembangan-karier/11-6-c/"),
    ("cari", "/cari/?q=talent+pool"),
    ("regulasi", "/regulasi/permenpanrb-40-2018/"),
    ("acara", None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var-dir", help="keep the scratch portal and the JSON reports here (built once)")
    parser.add_argument("--only", help="audit only the pages whose name contains this (e.g. 'cari')")
    parser.add_argument("--details", action="store_true", help="list every audit that did not score 100")
    parser.add_argument("--minimum", type=int, default=100, help="exit 1 when a score is below this (default 100)")
    args = parser.parse_args()

    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    cli = _ensure_lighthouse()
    var = Path(args.var_dir).resolve() if args.var_dir else Path(tempfile.mkdtemp(prefix="meritopedia-lighthouse-"))
    var.mkdir(parents=True, exist_ok=True)
    env = _production_env(var)
    try:
        if not (var / "built").exists():
            _build_portal(env)
            (var / "built").touch()
        else:  # the CSS and JavaScript may have changed since the portal was built
            _manage(env, ["collectstatic", "--noinput", "-v0"])
        pages = [(name, path or _event_path(env)) for name, path in PAGES if not args.only or args.only in name]
        port = _free_port()
        server = _start_gunicorn(env, port, var)
        try:
            reports = []
            for name, path in pages:
                url = f"http://127.0.0.1:{port}{path}"
                urllib.request.urlopen(url, timeout=30).read()  # the first visitor fills the page cache
                reports.append(_lighthouse(cli, chrome, url, var / f"lighthouse-{name}.json"))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        if not args.var_dir:
            shutil.rmtree(var, ignore_errors=True)
    return _report(pages, reports, args)


def _ensure_lighthouse() -> Path:
    """Lighthouse's CLI at the version package.json pins, installed with npm into var/node/ when missing."""
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["lighthouse"]
    installed = LIGHTHOUSE / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        npm = shutil.which("npm")
        if not npm:
            raise SystemExit("npm is needed to install Lighthouse (apt-get install npm)")
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "package.json", NODE_DIR / "package.json")
        command = [npm, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--no-package-lock"]
        subprocess.run(command + ["--ignore-scripts"], check=True, capture_output=True)
    return LIGHTHOUSE / "cli" / "index.js"


def _production_env(var: Path) -> dict:
    """Production settings as they are, with only what a plain-HTTP local run needs changed."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",  # no TLS terminator in front of gunicorn here
        "SECURE_HSTS_SECONDS": "0",
        "PORTAL_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'portal.sqlite3'}",
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict, command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command], env=env, cwd=ROOT, check=True, **kwargs
    )


def _build_portal(env: dict) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["import_seed"],
        ["load_demo"],
        ["update_index"],
        ["compile_catalogues"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        print("·", "manage.py", " ".join(command), flush=True)
        _manage(env, command, stdout=subprocess.DEVNULL)


def _event_path(env: dict) -> str:
    """The address of a live event from load_demo."""
    code = "from cop.events import EventPage; print(EventPage.objects.live().public().first().url)"
    return _manage(env, ["shell", "-c", code], capture_output=True, text=True).stdout.strip().splitlines()[-1]


def _start_gunicorn(env: dict, port: int, var: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(var / "gunicorn.log", "ab")  # noqa: SIM115 - handed to the child process
    server = subprocess.Popen(
        [
            str(gunicorn),
            *("-c", str(ROOT / "deploy" / "gunicorn.conf.py")),
            *("--workers", "2", "--bind", f"127.0.0.1:{port}"),
        ],
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


def _lighthouse(cli: Path, chrome: str, url: str, output: Path) -> dict:
    """One mobile Lighthouse run (its default: a throttled mid-range phone), its JSON report kept in `output`."""
    command = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, check=True, cwd=ROOT)
    return json.loads(output.read_text())


def _report(pages: list[tuple], reports: list[dict], args) -> int:
    print()
    version = reports[0]["lighthouseVersion"]
    print(f"Lighthouse {version} mobile, production settings under gunicorn, {os.cpu_count()} cores")
    header = f"{'halaman':<10} {'alamat':<48} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'CLS':>7}"
    print(header)
    print("-" * len(header))
    low = 0
    for (name, path), report in zip(pages, reports, strict=True):
        scores = [round(100 * (report["categories"][category]["score"] or 0)) for category in CATEGORIES]
        low += any(score < args.minimum for score in scores)
        cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
        print(f"{name:<10} {path:<48} " + " ".join(f"{score:>5}" for score in scores) + f" {cls:>7.3f}")
    if args.details:
        for (name, _), report in zip(pages, reports, strict=True):
            print(f"\n{name}: audits that lost points")
            for category in CATEGORIES:
                for ref in report["categories"][category]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        value = audit.get("displayValue", "")
                        print(f"  {category:<15} {ref['id']:<32} {audit['score']:.2f} {value}")
    return 1 if low else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
