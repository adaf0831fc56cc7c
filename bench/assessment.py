"""Penilaian mandiri at national scale: 600 instansi × 46 indicators × 3 years of answers, then the pages a team
and its verifikator use, through Django's test client in-process.

Prints, for the workspace and the biggest aspect form (pengembangan karier, 13 indicators), the number of SQL
queries with 3 and with 2 years of history and with few and all indicators answered (they must be equal), the
time of saving one answer (median and p95 of N saves), the XLSX of one assessment, and whether the public page
cache kept its pages while answers were saved.

    .venv/bin/python bench/assessment.py [--instansi 600] [--years 3] [--saves 200]

Uses a throwaway SQLite file unless DATABASE_URL is set (then that database must be empty and disposable).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WORK = Path(tempfile.mkdtemp(prefix="bench-penilaian-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# A real page cache (the test settings have none), so a purge caused by saving answers would show.
settings.CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-pages"}

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def give_scale(version):
    from meritopedia.models import IndicatorLevel

    for aspect in version.aspects.all():
        indicators = list(aspect.indicators.all())
        share = (aspect.max_points / len(indicators)).quantize(Decimal("0.5"))
        for i, indicator in enumerate(indicators):
            top = share if i < len(indicators) - 1 else aspect.max_points - share * (len(indicators) - 1)
            for points in (Decimal(0), (top / 2).quantize(Decimal("0.1")), top):
                IndicatorLevel.objects.get_or_create(
                    indicator=indicator, points=points, defaults={"description": f"Tingkat bench {points}"}
                )


def populate(instansi_count: int, years: int):
    """Rows written in bulk, as many as a national roll-out holds; one instansi gets a real team and users."""
    from django.contrib.auth import get_user_model

    from assessment.models import Answer, SelfAssessment, Team, TeamMember, VerifierAssignment
    from meritopedia.models import Indicator, RubricVersion
    from portal.models import Instansi

    version = RubricVersion.objects.get(is_current=True)
    give_scale(version)
    indicators = list(Indicator.objects.filter(aspect__version=version).prefetch_related("levels"))
    existing = list(Instansi.objects.order_by("pk")[:instansi_count])
    missing = instansi_count - len(existing)
    Instansi.objects.bulk_create(
        [Instansi(name=f"Pemerintah Kabupaten Bench {i}", kind="kabupaten") for i in range(missing)]
    )
    instansi = list(Instansi.objects.order_by("pk")[:instansi_count])
    this_year = django.utils.timezone.localdate().year
    assessments = [
        SelfAssessment(instansi=i, year=this_year - back, version=version, status=SelfAssessment.SEDANG)
        for i in instansi
        for back in range(years)
    ]
    SelfAssessment.objects.bulk_create(assessments, batch_size=2000)
    answers = []
    for assessment in SelfAssessment.objects.all().only("pk"):
        for n, indicator in enumerate(indicators):
            level = list(indicator.levels.all())[n % 3]
            answers.append(
                Answer(assessment=assessment, indicator=indicator, level=level, points=level.points,
                       narrative="Uraian bench.", progress=Answer.SEDANG)
            )
        if len(answers) > 20000:
            Answer.objects.bulk_create(answers, batch_size=5000)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=5000)
    User = get_user_model()
    target = instansi[0]
    team = Team.objects.create(instansi=target)
    ketua = User.objects.create_user("bench-ketua", "bench-ketua@contoh.test", "bench-kata-sandi-1")
    verifier = User.objects.create_user("bench-verifikator", "bench-verifikator@contoh.test", "bench-kata-sandi-1")
    TeamMember.objects.create(team=team, user=ketua, role=TeamMember.KETUA)
    VerifierAssignment.objects.create(user=verifier, instansi=target)
    return target, ketua, verifier, this_year


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def timed(function, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instansi", type=int, default=600)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_seed", stdout=open(os.devnull, "w"))
    from assessment.models import Answer, SelfAssessment

    target, ketua, verifier, year = populate(args.instansi, args.years)
    print(f"data: {SelfAssessment.objects.count()} penilaian, {Answer.objects.count()} jawaban "
          f"({time.perf_counter() - started:.0f} s menyiapkan)")
    team, checker = Client(), Client()
    team.force_login(ketua)
    checker.force_login(verifier)
    current = SelfAssessment.objects.get(instansi=target, year=year)
    aspect_url = f"/penilaian/{year}/pengembangan-karier/"
    verifier_url = f"/penilaian/verifikasi/{target.pk}/{year}/pengembangan-karier/"
    pages = {"ruang kerja /penilaian/": "/penilaian/", "ringkasan tahun": f"/penilaian/{year}/",
             "aspek pengembangan karier (tim)": aspect_url, "aspek pengembangan karier (verifikator)": verifier_url}
    def counts():
        return {name: queries(team if "verifikator" not in name else checker, url) for name, url in pages.items()}

    # The same pages with fewer years of history, then with a few answers only: the counts must not move. (With
    # no earlier year at all a page has nothing to compare and skips that query; two years is the smallest history.)
    counts()  # the first request also reads the site and the menu, which later ones find in the cache
    full = counts()
    oldest = SelfAssessment.objects.filter(instansi=target).order_by("year")
    if oldest.count() > 2:
        SelfAssessment.objects.filter(instansi=target, year__lt=year - 1).delete()
    shorter = counts()
    current.answers.exclude(indicator__code__in=["11.2.a", "11.6.c"]).update(level=None, points=None, narrative="")
    few = counts()
    print(f"\nhalaman                                  kueri ({args.years} thn, terisi)  (2 thn, terisi)  "
          "(2 thn, 2 terisi)")
    for name in pages:
        same = full[name] == shorter[name] == few[name]
        print(f"{name:42} {full[name]:>8} {shorter[name]:>16} {few[name]:>18}  {'sama' if same else 'BEDA'}")

    answer = current.answers.select_related("indicator").get(indicator__code="11.6.c")
    levels = list(answer.indicator.levels.order_by("points"))
    prefix = "i11_6_c"
    from portal.cache import generation

    pages_cache = caches["pages"]
    pages_cache.set("bench-public-page", "kept", 3600)
    before = {tag: generation(tag) for tag in ("all", "content", "rubric", "any")}
    count = [0]

    def save():
        answer.refresh_from_db()
        count[0] += 1
        response = team.post(aspect_url, {
            "indicator": "11.6.c", f"{prefix}-lock_version": answer.lock_version,
            f"{prefix}-level": levels[count[0] % len(levels)].pk, f"{prefix}-narrative": f"Uraian ke-{count[0]}",
            f"{prefix}-progress": "sedang",
        })
        assert response.status_code == 302, response.status_code

    median, p95 = timed(save, args.saves)
    print(f"\nsimpan satu jawaban (POST, {args.saves}×): median {median:.1f} ms, p95 {p95:.1f} ms (target ≤ 50 ms)")
    xlsx_url = f"/penilaian/{year}/laporan.xlsx"

    def xlsx():
        response = team.get(xlsx_url)
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content) if response.streaming else response.content

    median, p95 = timed(xlsx, 20)
    print(f"XLSX satu penilaian (20×): median {median:.0f} ms, p95 {p95:.0f} ms (target ≤ 1000 ms)")
    time.sleep(1.1)  # past the in-process memo of generations
    purged = [tag for tag, value in before.items() if generation(tag) != value]
    kept = pages_cache.get("bench-public-page") == "kept" and not purged
    print(f"cache halaman publik setelah {args.saves} simpan: {'utuh' if kept else 'DIPURGE: ' + ', '.join(purged)}")


if __name__ == "__main__":
    main()
