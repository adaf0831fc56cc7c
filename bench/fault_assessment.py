"""Fault step 5 of bench/faults.py, assessment: PostgreSQL restarted while a team saves its penilaian mandiri.

On a private cluster of its own (fault_postgres.PrivateCluster, port --pg-port + 1, dropped at the end) with the
production settings and persistent connections, the ketua saves answers through the aspect form's view (Django's test
client in a child process) in a loop while the cluster is stopped for a few seconds and started again. No save the
portal confirmed (302) may be lost: each must be in the answer's revisions and in the audit log, and each answer must
still hold its last confirmed text unless a later save committed although its response was lost. Run as a script,
this module is the step's Django half.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from fault_harness import FAILED, OK, ROOT, SKIPPED, build, check, inner_main, run_inner, setup_django
from fault_postgres import PrivateCluster

ANSWERS = 3  # indicators of one aspect, saved in turn
YEAR = 2025


def run(args, var: Path) -> str:
    """Sets up an assessment on a private cluster, restarts the cluster under the saving loop, and checks the saves."""
    if not (shutil.which("pg_createcluster") and os.path.isdir("/usr/lib/postgresql")):
        print("pg_createcluster is not installed (Debian's postgresql-common): skipped")
        return SKIPPED
    cluster = PrivateCluster(args.pg_port + 1, name="faults-assessment")
    folder = var / "assessment"
    folder.mkdir(exist_ok=True)
    # The plan the setup leaves for the loop, the loop's record of its saves, and two flags: it runs, it must end.
    files = {name: folder / f"{name}.json" for name in ("plan", "saves")} | {n: folder / n for n in ("ready", "stop")}
    for path in files.values():  # the folder may be kept between runs (--var-dir)
        path.unlink(missing_ok=True)
    env = {  # the environment of fault_postgres's gunicorn portal, plus the test client's host
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "faults-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
        "PORTAL_VAR_DIR": str(folder),
        "DATABASE_URL": cluster.url,
        # Persistent connections: the hard case, a connection held across the restart that killed it.
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        **{f"FAULTS_{name.upper()}": str(path) for name, path in files.items()},
    }
    cluster.create()
    loop = None
    try:
        build(env, ["migrate", "--noinput", "-v0"], ["import_seed"], ["collectstatic", "--noinput", "-v0"])
        if not run_inner(env, __file__, "assessment_setup"):
            return FAILED
        origin = time.time()
        env["FAULTS_ORIGIN"] = str(origin)
        with open(folder / "assessment_saves.log", "w") as errors:
            loop = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "assessment_saves"], env=env, cwd=ROOT, stderr=errors
            )
        deadline = time.monotonic() + 60
        while not files["ready"].exists():  # the first save confirmed: the loop runs
            if loop.poll() is not None or time.monotonic() > deadline:
                print(f"  the saving loop did not start (log: {folder / 'assessment_saves.log'})")
                return FAILED
            time.sleep(0.1)
        time.sleep(3)
        down_at = time.time() - origin
        cluster.ctl("stop")
        print(f"· {down_at:5.1f} s  pg_ctlcluster {cluster.version} {cluster.name} stop", flush=True)
        time.sleep(args.down_seconds)
        cluster.ctl("start")
        up_at = time.time() - origin
        print(f"· {up_at:5.1f} s  pg_ctlcluster {cluster.version} {cluster.name} start (returned)", flush=True)
        time.sleep(4)
        files["stop"].touch()
        if loop.wait(timeout=60):
            print(f"  the saving loop failed (log: {folder / 'assessment_saves.log'})")
            return FAILED
        times = {"FAULTS_DOWN_AT": str(down_at), "FAULTS_UP_AT": str(up_at)}
        return OK if run_inner(env, __file__, "assessment_check", **times) else FAILED
    finally:
        if loop is not None and loop.poll() is None:
            loop.kill()
            loop.wait()
        cluster.drop()
        print(f"· pg_dropcluster --stop {cluster.version} {cluster.name}")


def _inner_setup() -> int:
    """A complete scale on the seeded rubric, an instansi with its ketua, and the year's assessment started."""
    setup_django()
    from django.contrib.auth import get_user_model

    from assessment.filling import start
    from assessment.teams import Team, TeamMember
    from meritopedia.models import RubricVersion
    from portal.models import Instansi
    from tests.assessment.factories import give_scale

    version = RubricVersion.objects.get(is_current=True)
    if version.scale_problems():
        version = give_scale(version)
    instansi = Instansi.objects.create(name="Pemerintah Kabupaten Uji Gangguan", kind="kabupaten")
    ketua = get_user_model().objects.create_user("faults-ketua", "ketua.gangguan@contoh.go.id", "rahasia-123")
    TeamMember.objects.create(team=Team.objects.create(instansi=instansi), user=ketua, role=TeamMember.KETUA)
    assessment = start(instansi, YEAR, ketua)
    aspect = next(a for a in version.aspects.order_by("position") if a.indicators.count() >= ANSWERS)
    answers = assessment.answers.filter(indicator__aspect=aspect).select_related("indicator")[:ANSWERS]
    plan = {
        "user": ketua.pk,
        "url": f"/penilaian/{YEAR}/{aspect.slug}/",
        "answers": [
            {
                "pk": answer.pk,
                "code": answer.indicator.code,
                "levels": list(answer.indicator.levels.order_by("points").values_list("pk", flat=True)),
            }
            for answer in answers
        ],
    }
    Path(os.environ["FAULTS_PLAN"]).write_text(json.dumps(plan))
    codes = ", ".join(item["code"] for item in plan["answers"])
    print(f"· {instansi}: assessment {YEAR} started by its ketua; saving {codes} through {plan['url']}", flush=True)
    return 0


def _inner_saves() -> int:
    """Saves answers in turn until told to stop, each with a text of its own, and writes down how each went."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, close_old_connections
    from django.test import Client

    from assessment.assessments import Answer

    plan = json.loads(Path(os.environ["FAULTS_PLAN"]).read_text())
    origin, stop, ready = float(os.environ["FAULTS_ORIGIN"]), Path(os.environ["FAULTS_STOP"]), None
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(pk=plan["user"]))
    versions, saves, number = {}, [], 0
    while not stop.exists():
        item = plan["answers"][number % len(plan["answers"])]
        number += 1
        narrative, prefix = f"simpan-{number}", "i" + item["code"].replace(".", "_")
        began = time.time()
        # The test client leaves out the connection housekeeping that the WSGI handler does at a request's start
        # and end (close_old_connections on request_started/finished); done here, so a connection the restart broke
        # is dropped as gunicorn's workers drop it.
        close_old_connections()
        try:
            versions[item["pk"]] = Answer.objects.values_list("lock_version", flat=True).get(pk=item["pk"])
        except DatabaseError:
            pass  # PostgreSQL is down: the view will tell; send the version last read
        data = {
            "indicator": item["code"],
            f"{prefix}-lock_version": versions.get(item["pk"], 0),
            f"{prefix}-level": item["levels"][number % len(item["levels"])],
            f"{prefix}-narrative": narrative,
            f"{prefix}-progress": Answer.SEDANG,
        }
        try:
            response = client.post(plan["url"], data)
            status, location = response.status_code, response.get("Location", "")
            error = type(response.exc_info[1]).__name__ if getattr(response, "exc_info", None) else ""
        except Exception as exception:  # no answer at all counts as not confirmed
            status, location, error = None, "", type(exception).__name__
        close_old_connections()
        confirmed = status == 302 and location.startswith(plan["url"] + "#")
        if confirmed:
            versions[item["pk"]] = data[f"{prefix}-lock_version"] + 1  # what the next save sends if no read works
            client.cookies.pop("messages", None)  # the success message is never shown; it must not pile up
            if ready is None:
                ready = Path(os.environ["FAULTS_READY"])
                ready.touch()
        saves.append(
            {
                "began": began - origin,
                "ended": time.time() - origin,
                "answer": item["pk"],
                "code": item["code"],
                "narrative": narrative,
                "status": status,
                "error": error,
                "confirmed": confirmed,
            }
        )
        time.sleep(0.02)
    Path(os.environ["FAULTS_SAVES"]).write_text(json.dumps(saves))
    return 0


def _inner_check() -> int:
    """Each save against what the database holds: its revision, its audit-log entry, and the answer's text now."""
    setup_django()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    from assessment.assessments import Answer
    from assessment.log_entries import AssessmentLogEntry

    saves = json.loads(Path(os.environ["FAULTS_SAVES"]).read_text())
    down_at, up_at = float(os.environ["FAULTS_DOWN_AT"]), float(os.environ["FAULTS_UP_AT"])
    ids = sorted({str(s["answer"]) for s in saves})
    content_type = ContentType.objects.get_for_model(Answer)
    revisions = Counter(
        (revision.object_id, revision.content.get("narrative"))
        for revision in Revision.objects.filter(base_content_type=content_type, object_id__in=ids)
    )
    logged = Counter(
        (entry.object_id, ((entry.data or {}).get("changes") or {}).get("narrative", ["", ""])[1])
        for entry in AssessmentLogEntry.objects.filter(
            content_type=content_type, object_id__in=ids, action="assessment.answer"
        )
    )
    answers = {str(a.pk): a for a in Answer.objects.filter(pk__in=ids)}

    def key(save):
        return (str(save["answer"]), save["narrative"])

    def failed(save):
        return save["status"] is None or save["status"] >= 500

    confirmed = [s for s in saves if s["confirmed"]]
    failures = [s for s in saves if failed(s)]
    committed = [s for s in saves if revisions[key(s)]]
    lost_response = [s for s in committed if not s["confirmed"]]
    lost = [s for s in confirmed if not (revisions[key(s)] and logged[key(s)])]
    # A refusal (409, 400) is explained only by an earlier save of the same answer that committed unconfirmed: the
    # loop then sent a lock_version it read before that commit.
    refused = [s for s in saves if not s["confirmed"] and not failed(s)]
    unexplained = [
        s
        for s in refused
        if not (
            s["status"] == 409 and any(o["answer"] == s["answer"] and o["began"] < s["began"] for o in lost_response)
        )
    ]
    before = [s for s in saves if s["ended"] < down_at]
    last_failure = max((s["ended"] for s in failures), default=up_at)
    after = [s for s in saves if s["began"] > last_failure]
    recovered = next((s["ended"] for s in after if s["confirmed"]), None)
    wrong_text, wrong_version = [], []
    for pk, answer in answers.items():
        mine = [s for s in saves if str(s["answer"]) == pk]
        last = next((s for s in reversed(mine) if s["confirmed"]), None)
        allowed = {last["narrative"]} if last else {""}
        allowed |= {
            s["narrative"] for s in lost_response if str(s["answer"]) == pk and (not last or s["began"] > last["began"])
        }
        if answer.narrative not in allowed:
            wrong_text.append(f"{answer.indicator.code}: “{answer.narrative}”")
        if answer.lock_version != sum(n for (object_id, _text), n in revisions.items() if object_id == pk):
            wrong_version.append(answer.indicator.code)

    statuses = Counter(str(s["status"]) + (f" {s['error']}" if s["error"] else "") for s in failures)
    span = saves[-1]["ended"] - saves[0]["began"] if saves else 0
    print(f"  {len(saves)} saves in {span:.1f} s ({len(answers)} answers in turn, through the aspect form's view)")
    print(f"  confirmed (302):          {len(confirmed)}")
    print(f"  confirmed before the stop: {sum(s['confirmed'] for s in before)} of {len(before)}")
    print(f"  failed while down:        {len(failures)}  {dict(statuses)}")
    print(f"  refused (409/400):        {len(refused)}, of which unexplained {len(unexplained)}")
    print(f"  confirmed after:          {sum(s['confirmed'] for s in after)} of {len(after)}")
    if failures:
        first = min(s["began"] for s in failures)
        print(
            f"  saves failing:            {first:.1f} s → {recovered or last_failure:.1f} s "
            f"(cluster down {down_at:.1f} s → {up_at:.1f} s); slowest failure "
            f"{max(s['ended'] - s['began'] for s in failures) * 1000:.0f} ms"
        )
    print(f"  committed, response lost: {len(lost_response)}")
    print(f"  lost (confirmed, not in revisions and audit log): {len(lost)}")
    for save in lost[:5]:
        print(f"    {save['code']} “{save['narrative']}” at {save['began']:.1f} s")
    results = [
        check(bool(before) and all(s["confirmed"] for s in before), "every save was confirmed before the stop"),
        check(bool(failures), "saves failed while PostgreSQL was down"),
        check(
            all(s["ended"] >= down_at and s["began"] <= up_at + 2 for s in failures),
            "saves failed only while the cluster was down",
        ),
        check(all(s["status"] == 503 for s in failures), "every failed save was a 503 (database unreachable)"),
        check(not unexplained, "no save refused, except a conflict after a committed save whose response was lost"),
        check(
            len(after) >= 20 and all(s["confirmed"] for s in after) and recovered is not None and recovered - up_at < 5,
            "saves were confirmed again within 5 s of the start, and every one after",
        ),
        check(not lost, "every confirmed save is in the answer's revisions and in the audit log (lost = 0)"),
        check(
            all(revisions[key(s)] == logged[key(s)] <= 1 for s in saves),
            "each save is in the revisions and the audit log together, once, or in neither",
        ),
        check(
            not wrong_text,
            "each answer holds its last confirmed text (or a later committed one)"
            + (f": {', '.join(wrong_text)}" if wrong_text else ""),
        ),
        check(
            not wrong_version,
            "each answer's lock_version counts its revisions"
            + (f": {', '.join(wrong_version)}" if wrong_version else ""),
        ),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    inner_main({"assessment_setup": _inner_setup, "assessment_saves": _inner_saves, "assessment_check": _inner_check})
