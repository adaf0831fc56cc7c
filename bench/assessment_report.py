"""How long the assessment report takes (issue item 6; target: the XLSX of one assessment in at most 1 s with 46
indicators): a throwaway SQLite database, migrated and seeded by the real commands, one full assessment (last
year's answered, this year's answered and through Verifikasi Awal with findings, Asistensi 1 open, five rencana
aksi), then the XLSX, PDF, CSV and the page fetched through Django's test client; prints median and p95 in ms.

    .venv/bin/python bench/assessment_report.py [--runs 20] [--out DIR]

The database is ASSESSMENT_BENCH_DB (a file path) if set, else a file in a new temporary folder, removed after.
`--out` keeps one copy of each download there, to look at.
"""

import argparse
import datetime
import io
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULT_MARK = "BENCH-RESULT "
TARGET_MS = {"xlsx": 1000}
FORMATS = {"xlsx": "laporan.xlsx", "pdf": "laporan.pdf", "csv": "laporan.csv", "halaman": "laporan/"}


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ.setdefault("PORTAL_VAR_DIR", str(database.parent))
    import django

    django.setup()
    logging.disable(logging.INFO)  # WeasyPrint's layout steps and the immediate tasks: not what is measured
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("import_seed", stdout=io.StringIO())


def _build():
    """One assessment as a team and its verifikator leave it mid-verification; returns (ketua, assessment)."""
    from assessment.action_plan import ActionItem
    from assessment.verification import save_review
    from portal.models import Instansi
    from tests.assessment.factories import (
        answer_all,
        assign_verifier,
        give_scale,
        make_assessment,
        make_team,
        make_user,
        submit_assessment,
        verify_round,
    )

    instansi = Instansi.objects.get(kind="provinsi", province="Nusa Tenggara Timur")
    ketua, verifier = make_user("bench-ketua", first_name="Yohana"), make_user("bench-verifikator")
    make_team(instansi, ketua, members=[(make_user("bench-anggota"), "kinerja")])
    access = assign_verifier(instansi, verifier)
    give_scale()
    year = 2024
    answer_all(make_assessment(instansi, year - 1, ketua), ketua, "half")
    assessment = make_assessment(instansi, year, ketua)
    narrative = "Dokumen perencanaan kebutuhan pegawai lima tahun telah ditetapkan dan diunggah ke sistem. " * 4
    answer_all(assessment, ketua, "top", narrative=narrative)
    codes = list(assessment.answers.values_list("indicator__code", flat=True))
    verify_round(submit_assessment(assessment), verifier, points={code: "half" for code in codes[::3]},
                 flag=codes[::5], findings={code: f"Bukti {code} belum lengkap; lampirkan SK PPK." for code in codes})
    round_two = submit_assessment(assessment)
    for answer in assessment.answers.select_related("indicator", "level")[:20]:
        save_review(round_two, answer, verifier, access, None, answer.level, "Sudah sesuai.", False)
    answers = list(assessment.answers.select_related("indicator")[:5])
    for i, answer in enumerate(answers):
        ActionItem.objects.create(
            assessment=assessment, indicator=answer.indicator, action=f"Tindak lanjut temuan {answer.indicator.code}",
            output_target="SK PPK", outcome_target="Nilai naik", owner=ketua, created_by=ketua,
            due_date=datetime.date(2024, 10, 1) + datetime.timedelta(days=30 * i),
        )
    return ketua, assessment


def _time(client, url: str, runs: int) -> tuple[list[float], bytes]:
    timings, body = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return timings, body


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path, help="keep one copy of each download here")
    args = parser.parse_args()

    given = os.environ.get("ASSESSMENT_BENCH_DB")
    folder = None if given else Path(tempfile.mkdtemp(prefix="assessment-report-bench-"))
    database = Path(given) if given else folder / "bench.sqlite3"
    if given and database.exists():
        database.unlink()  # throwaway: always built afresh
    try:
        started = time.perf_counter()
        _setup_django(database)
        from django.test import Client

        ketua, assessment = _build()
        print(f"setup (migrate, seed, one assessment of {assessment.answers.count()} indicators): "
              f"{time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(ketua)
        failed = False
        for name, tail in FORMATS.items():
            url = f"/penilaian/{assessment.year}/{tail}"
            _time(client, url, 1)  # warm: templates, fonts
            timings, body = _time(client, url, args.runs)
            median, p95 = statistics.median(timings), _p95(timings)
            target = TARGET_MS.get(name)
            verdict = "" if target is None else (" ok" if p95 <= target else f" OVER {target} ms")
            failed |= bool(target and p95 > target)
            print(f"{RESULT_MARK}{name}: median {median:.0f} ms, p95 {p95:.0f} ms, {len(body) // 1024} KiB, "
                  f"{args.runs} runs{verdict}")
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / ("laporan.html" if name == "halaman" else tail)).write_bytes(body)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
