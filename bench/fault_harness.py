"""What the fault steps of bench/faults.py share: outcomes, checks, commands, and the scratch SQLite portal.

Steps 2–4 (elasticsearch, disk, tasks) run on a scratch SQLite portal (migrate, import_seed, load_demo,
update_index) with the dev settings and DEBUG off, through Django's test client in a child process, so each child
reads its settings from the environment as the portal does. The child is the step's own module run as a script,
`python bench/fault_<step>.py <inner name>`; this module is one too, for the queue drain after the build.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
INDICATOR = "/rubrik/pengembangan-karier/11-6-c/"
OK, FAILED, SKIPPED = "ok", "GAGAL", "dilewati"


def check(ok: bool, what: str) -> bool:
    """Prints one check as ✓ or ✗ and passes its outcome on, so a step can list its checks and then all() them."""
    print(f"  {'✓' if ok else '✗'} {what}", flush=True)
    return ok


def run_command(command: list[str], env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """A command from the checkout, captured, raising if it fails: a step that cannot set up must not go on."""
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs)


def free_port() -> int:
    """A local port nothing listens on now, for a server of this run's own."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(env: dict, *commands: list[str]) -> None:
    """Runs manage.py commands one after the other, printing each with how long it took."""
    for command in commands:
        started = time.monotonic()
        run_command(MANAGE + command, env)
        print(f"· manage.py {' '.join(command)} ({time.monotonic() - started:.0f} s)", flush=True)


def sqlite_env(var: Path) -> dict:
    """The environment of the scratch SQLite portal under `var`, built on first use and kept for the later steps."""
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
        build(env, ["migrate", "--noinput", "-v0"], ["import_seed"], ["load_demo"], ["update_index"])
        # Saving the seed pages queued their index updates (the database task backend); update_index did them all.
        run_inner(env, __file__, "drain")
    return env


def run_inner(env: dict, script: str, name: str, **extra: str) -> bool:
    """Runs `python script name` in a child process; its report goes to our stdout, its logs to a file."""
    log = Path(env["PORTAL_VAR_DIR"]) / f"{name}.log"
    with open(log, "w") as errors:
        done = subprocess.run(
            [sys.executable, str(Path(script).resolve()), name], env={**env, **extra}, cwd=ROOT, stderr=errors
        )
    if done.returncode:
        print(f"  (log of the child process: {log})")
    return done.returncode == 0


def inner_main(inners: dict[str, Callable[[], int]]) -> None:
    """The child's side of run_inner: runs the Django half named on the command line and exits with its status."""
    if len(sys.argv) != 2 or sys.argv[1] not in inners:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(inners)}}} (a step's Django half, started by bench/faults.py)")
    sys.exit(inners[sys.argv[1]]())


def setup_django() -> None:
    """Django set up from the environment the step passed, with the checkout importable."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _inner_drain() -> int:
    setup_django()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    return 0


if __name__ == "__main__":
    inner_main({"drain": _inner_drain})
