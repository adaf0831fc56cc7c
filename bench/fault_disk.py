"""Fault step 3 of bench/faults.py, disk: a full disk on upload.

PRIVATE_MEDIA_ROOT on a 1 MB tmpfs and a practice submitted with a 2 MB PDF: a clear message (507), the typed text
kept, no page or attachment row, no half-written file. Then the same with room to spare works. Without permission
to mount, the full disk is simulated by a storage that writes half a file and raises ENOSPC. Run as a script, this
module is the step's Django half on the scratch portal.
"""

import os
import subprocess
from pathlib import Path

from fault_harness import FAILED, OK, check, inner_main, run_command, run_inner, setup_django, sqlite_env


def run(args, var: Path) -> str:
    """Submits a practice to the scratch portal, in child processes, with the private media on a full disk and then
    on one with room."""
    env = sqlite_env(var)
    mountpoint = var / "private-full"
    mountpoint.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)], capture_output=True)
    if mounted.returncode:
        print(f"· mount -t tmpfs not permitted ({mounted.stderr.strip()}): simulating ENOSPC in the storage")
        full = run_inner(env, __file__, "disk_full", PRIVATE_MEDIA_ROOT=str(mountpoint), FAULTS_SIMULATE_ENOSPC="1")
        return OK if full else FAILED
    try:
        print(f"· mount -t tmpfs -o size=1m tmpfs {mountpoint}  (PRIVATE_MEDIA_ROOT)")
        full = run_inner(env, __file__, "disk_full", PRIVATE_MEDIA_ROOT=str(mountpoint))
        run_command(["mount", "-o", "remount,size=8m", str(mountpoint)])
        print(f"· mount -o remount,size=8m {mountpoint}")
        room = run_inner(env, __file__, "disk_room", PRIVATE_MEDIA_ROOT=str(mountpoint))
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
    setup_django()
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
        check(response.status_code == 507, "answered 507 Insufficient Storage, not 500"),
        check("Penyimpanan server penuh; kiriman belum tersimpan" in body, "the message says the storage is full"),
        check(title in body and "420 pegawai" in body, "the form came back with the typed text"),
        check(GoodPracticePage.objects.count() == pages, "no practice page or draft created"),
        check(PracticeAttachment.objects.count() == attachments, "no attachment row created"),
        check(not _files(root), f"no file left in {root} (half-written one removed)"),
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
    setup_django()
    from django.conf import settings

    from cop.practices import GoodPracticePage, PracticeAttachment

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    response = _practice_post("Talent pool nine box di Kabupaten Lapang")
    practice = GoodPracticePage.objects.filter(title="Talent pool nine box di Kabupaten Lapang").first()
    print(f"  the same submission with 8 MB free → {response.status_code}")
    checks = [
        check(response.status_code == 302 and practice is not None, "saved as a draft and redirected"),
        check(PracticeAttachment.objects.filter(practice=practice).count() == 1, "with its attachment row"),
        check([p.stat().st_size for p in _files(root)] == [2 * 1024 * 1024 + 9], "and its whole 2 MB file"),
    ]
    return 0 if all(checks) else 1


if __name__ == "__main__":
    inner_main({"disk_full": _inner_disk_full, "disk_room": _inner_disk_room})
