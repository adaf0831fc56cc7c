"""Fault runs: what the portal does when the things it depends on fail, printed step by step.

    .venv/bin/python bench/faults.py                     # every step
    .venv/bin/python bench/faults.py --step postgres     # one step: postgres, elasticsearch, disk, tasks, assessment

Each step is a module of its own, whose docstring tells what it breaks and what it expects:
1. postgres (bench/fault_postgres.py): the database cluster stopped and started under a running gunicorn portal.
2. elasticsearch (bench/fault_elasticsearch.py): the search engine unreachable.
3. disk (bench/fault_disk.py): a full disk when a practice is submitted with an attachment.
4. tasks (bench/fault_tasks.py): no task worker running, then one batch of the worker.
5. assessment (bench/fault_assessment.py): PostgreSQL restarted while a team saves answers; no confirmed save lost.

Steps 2–4 run on a scratch SQLite portal, their Django half in a child process (bench/fault_harness.py); step 5 on a
private PostgreSQL cluster of its own (port --pg-port + 1), its Django half in child processes too. A step
whose tool is missing (pg_createcluster, mount) is skipped, except on CI (CI=true), where it fails. The exit code is
non-zero when any step failed.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import fault_assessment
import fault_disk
import fault_elasticsearch
import fault_postgres
import fault_tasks
from fault_harness import FAILED, SKIPPED

RUNNERS = {
    "postgres": fault_postgres.run,
    "elasticsearch": fault_elasticsearch.run,
    "disk": fault_disk.run,
    "tasks": fault_tasks.run,
    "assessment": fault_assessment.run,
}
STEPS = list(RUNNERS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", action="append", choices=STEPS, help="run only this step (repeatable)")
    parser.add_argument("--down-seconds", type=float, default=3.0, help="how long PostgreSQL stays down (3)")
    parser.add_argument("--pg-port", type=int, default=5499, help="private cluster port (5499; assessment: +1)")
    parser.add_argument("--var-dir", help="keep the scratch portals here (default: a temporary directory, removed)")
    args = parser.parse_args()

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


if __name__ == "__main__":
    sys.exit(main())
