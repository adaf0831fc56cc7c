"""Fault step 4 of bench/faults.py, tasks: no task worker running.

The database task backend with no worker running: a comment e-mail and a search index update wait in the queue;
`manage.py db_worker --batch` sends and indexes them all. Run as a script, this module is the step's Django half on
the scratch portal.
"""

import email.policy
import os
import random
import shutil
import subprocess
import time
from collections import Counter
from email.parser import BytesParser
from pathlib import Path

from fault_harness import FAILED, MANAGE, OK, ROOT, check, inner_main, run_inner, setup_django, sqlite_env


def run(args, var: Path) -> str:
    """Queues work on the scratch portal with no worker, runs one worker batch, and checks that all of it was done."""
    env = sqlite_env(var)
    # A word of its own for this run's page, and only this run's tasks and mail counted: the scratch portal may be
    # kept between runs (--var-dir).
    shutil.rmtree(Path(env["PORTAL_VAR_DIR"]) / "mail", ignore_errors=True)
    letters = "".join(random.choices("bcdfghjklmnprstvz", k=6))
    env = {**env, "FAULTS_WORD": f"kenari{letters}", "FAULTS_SINCE": str(time.time())}
    queued = run_inner(env, __file__, "tasks_enqueue")
    began = time.monotonic()
    worker = subprocess.run(
        MANAGE + ["db_worker", "--batch", "--no-startup-delay"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    print(
        f"· manage.py db_worker --batch --no-startup-delay → exit {worker.returncode} "
        f"({time.monotonic() - began:.1f} s)"
    )
    done = run_inner(env, __file__, "tasks_done")
    return OK if queued and worker.returncode == 0 and done else FAILED


def _queue_counts() -> Counter:
    """This run's tasks in django_tasks_db's table, by task and status."""
    import datetime

    from django_tasks_db.models import DBTaskResult

    since = datetime.datetime.fromtimestamp(float(os.environ["FAULTS_SINCE"]), tz=datetime.UTC)
    rows = DBTaskResult.objects.filter(enqueued_at__gte=since).values_list("task_path", "status")
    return Counter(f"{path.rsplit('.', 1)[-1]} {status}" for path, status in rows)


def _inner_tasks_enqueue() -> int:
    setup_django()
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
        check(counts["send_comment_notification READY"] == 2, "2 comment notifications wait in the queue"),
        check(counts["insert_or_update_object_task READY"] >= 1, "the new page's index update waits in the queue"),
        check(not mail.exists() or not any(mail.iterdir()), "no e-mail sent yet"),
        check(found == 0, f"search does not find “{word}” yet"),
    ]
    return 0 if all(checks) else 1


def _inner_tasks_done() -> int:
    setup_django()
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
        check(not any(name.endswith(" READY") for name in counts), "the queue is empty"),
        check(not any(name.endswith(" FAILED") for name in counts), "no task failed"),
        check(len(answers) == 1, "the asker got the answer e-mail"),
        check(found == 1, f"search finds “{word}” now"),
        check(word in response.content.decode(), f"and /cari/?q={word} lists the new page"),
    ]
    return 0 if all(checks) else 1


if __name__ == "__main__":
    inner_main({"tasks_enqueue": _inner_tasks_enqueue, "tasks_done": _inner_tasks_done})
