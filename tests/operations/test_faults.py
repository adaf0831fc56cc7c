"""Faults: a database that went away, a full disk on upload, a task worker that was stopped, a search engine that is
unreachable. `bench/faults.py` runs the same faults against a real portal and prints what happened; these tests pin
the portal's side of each, and run the PostgreSQL restart where a private cluster can be made."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from cop.discussion import Comment
from cop.practices import GoodPracticePage, PracticeAttachment
from meritopedia.models import IndicatorPage
from portal.models import HomePage, StandardPage
from tests.conftest import ROOT
from tests.cop.test_practices import PDF, SUBMIT_URL, act, make_user, practice_data, submission_url

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FULL = "Penyimpanan server penuh; kiriman belum tersimpan"
TWO_MB_PDF = PDF + b"0" * (2 * 1024 * 1024)


@pytest.fixture
def member():
    return make_user("sari", name="Sari Wulandari")


# Database unreachable ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unreachable_database_gets_the_indonesian_503_page():
    """Any view or middleware that cannot reach the database ends in portal.views.server_error, which answers 503
    (the fault is passing) instead of 500."""
    client = Client(raise_request_exception=False)
    with mock.patch("search.query.search", side_effect=OperationalError("connection refused")):
        response = client.get("/cari/", {"q": "talent"})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert 'lang="id"' in page and "Layanan sementara tidak tersedia" in page and "Traceback" not in page


@pytest.mark.django_db
def test_other_errors_still_get_the_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("search.query.search", side_effect=ValueError("bug")):
        response = client.get("/cari/", {"q": "talent"})
    assert response.status_code == 500
    assert "Terjadi gangguan di server" in response.content.decode()


# Full disk on upload -------------------------------------------------------------------------------------------


class _HalfWritingStorage(FileSystemStorage):
    """A full disk where mounting one is not permitted: half the file lands, then ENOSPC, as FileSystemStorage
    leaves it when the disk fills up mid-write."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(content.size // 2))
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(tmp_path):
    """The attachment storage on a 1 MB tmpfs (a real full filesystem), or on _HalfWritingStorage where `mount` is
    not permitted. Yields the folder to check for leftovers."""
    root = tmp_path / "private"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root)], capture_output=True)
    storage_class = FileSystemStorage if mounted.returncode == 0 else _HalfWritingStorage
    storage = storage_class(location=str(root), base_url="/praktik-baik/lampiran/")
    try:
        with mock.patch.object(PracticeAttachment._meta.get_field("file"), "storage", storage):
            yield root
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", str(root)], check=True)


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.django_db
def test_a_full_disk_on_submit_keeps_the_text_and_leaves_nothing_behind(client, member, full_disk):
    client.force_login(member)
    data = practice_data(attachments=[SimpleUploadedFile("bukti.pdf", TWO_MB_PDF, "application/pdf")])
    response = client.post(SUBMIT_URL, data)
    assert response.status_code == 507
    page = response.content.decode()
    assert FULL in page
    assert "Talent pool nine box di Kabupaten Contoh" in page and "Kami memetakan 420 pegawai" in page
    assert not GoodPracticePage.objects.exists() and not PracticeAttachment.objects.exists()
    assert _files(full_disk) == []


@pytest.mark.django_db
def test_a_full_disk_on_edit_keeps_the_draft_and_the_file_it_was_to_remove(client, member, tmp_path):
    """The member removes one file and adds another; the new one does not fit: the edit is not saved, so the
    removed file must still be there (it is deleted only once an edit commits)."""
    editor = make_user("editor", "Editors")
    storage = FileSystemStorage(location=str(tmp_path / "ok"), base_url="/praktik-baik/lampiran/")
    field = PracticeAttachment._meta.get_field("file")
    with mock.patch.object(field, "storage", storage):
        client.force_login(member)
        client.post(SUBMIT_URL, practice_data(attachments=[SimpleUploadedFile("lama.pdf", PDF, "application/pdf")]))
        practice = GoodPracticePage.objects.get()
        act(client, editor, practice, "reject", "Lengkapi buktinya.")
        old = practice.attachments.get()
    full = _HalfWritingStorage(location=storage.location, base_url=storage.base_url)
    with mock.patch.object(field, "storage", full):
        client.force_login(member)
        data = practice_data(
            results="Sebelum 94 hari, sesudah 35 hari.",
            remove_attachments=[old.pk],
            attachments=[SimpleUploadedFile("baru.pdf", TWO_MB_PDF, "application/pdf")],
        )
        response = client.post(submission_url(practice) + "ubah/", data)
    assert response.status_code == 507 and FULL in response.content.decode()
    assert "Sebelum 94 hari, sesudah 35 hari." in response.content.decode()
    assert list(practice.attachments.all()) == [old]
    assert [path.name for path in _files(tmp_path / "ok")] == [Path(old.file.name).name]
    assert practice.get_latest_revision_as_object().results != "Sebelum 94 hari, sesudah 35 hari."


# Task worker stopped -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_emails_and_index_updates_wait_for_the_worker_and_are_all_done_when_it_comes_back(client, monkeypatch):
    """With no worker running, the database task backend keeps every e-mail and index update; `db_worker --batch`
    does them all."""
    # The worker closes "old" connections between tasks; inside this test's transaction (PostgreSQL) that would
    # close the test's own connection. Everything else is the real worker loop on the real queue table.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    asker = make_user("penanya")
    indicator = IndicatorPage.objects.live().public().first()
    question = Comment.objects.create(page=indicator, author=asker, kind=Comment.QUESTION, body="Mulai dari mana?")
    client.force_login(make_user("penjawab"))
    client.post(f"/diskusi/{indicator.pk}/kirim/", {"body": "Dari data SIASN.", "parent": question.pk})
    page = HomePage.objects.first().add_child(instance=StandardPage(title="Catatan kenariantrean"))
    page.save_revision().publish()

    waiting = DBTaskResult.objects.filter(status="READY")
    paths = set(waiting.values_list("task_path", flat=True))
    assert "cop.tasks.send_comment_notification" in paths
    assert any(path.endswith("insert_or_update_object_task") for path in paths)
    assert mail.outbox == []
    assert not Page.objects.live().search("kenariantrean")

    call_command("db_worker", batch=True, startup_delay=False, reload=False)

    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert [m.to for m in mail.outbox] == [[asker.email]]
    assert "Jawaban atas pertanyaan Anda" in mail.outbox[0].subject
    assert [p.pk for p in Page.objects.live().search("kenariantrean")] == [page.pk]


# Search engine unreachable -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_falls_back_to_the_database_when_elasticsearch_is_unreachable(client):
    backends = {
        "default": {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "faults_",
            "TIMEOUT": 2,
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        response = client.get("/cari/", {"q": "talent"})
    assert response.status_code == 200
    assert "search-fallback" in response.content.decode()


# PostgreSQL restarted under a running portal -------------------------------------------------------------------


ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.skipif(not ON_POSTGRES, reason="runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…)")
@pytest.mark.skipif(
    not shutil.which("pg_ctlcluster") and not ON_CI, reason="needs Debian's pg_createcluster/pg_ctlcluster (root)"
)
def test_postgres_restart_fails_cleanly_and_recovers_without_a_portal_restart():
    """bench/faults.py makes a private cluster, serves the portal from it with gunicorn, stops and starts the
    cluster under a 100 ms poll and checks every answer; on CI's PostgreSQL pass a missing pg_ctlcluster fails
    here."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "faults.py"), "--step", "postgres"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "postgres       ok" in done.stdout
