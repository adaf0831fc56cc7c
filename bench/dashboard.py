"""The dashboard at national scale: 600 instansi × 5 years of results that KASN determined and published (with the
Verifikasi Akhir aspect scores that give the nilai mandiri), plus the deck's figures, through Django's test client
in-process with no page cache (every request is drawn).

Prints the number of SQL queries of /dasbor/, a province's drill-down and an instansi's history with 1 and with
5 years of results (they must be equal), and the render time of each (median and p95): once with the charts'
SVGs kept (what any request after the first for the same data costs) and once drawn cold, after emptying what the
process and the shared cache kept (what the first request after a publish costs).

    .venv/bin/python bench/dashboard.py [--instansi 600] [--years 5] [--runs 40]

Uses a throwaway SQLite file unless DATABASE_URL is set (then that database must be empty and disposable).
"""

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WORK = Path(tempfile.mkdtemp(prefix="bench-dasbor-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

PROVINCE = "Jawa Tengah"  # many kabupaten/kota, all of them in the sample


def populate(instansi_count: int, years: int, first_year: int):
    """Published results in bulk: every kementerian, LPNK and province, then kabupaten/kota province by province."""
    from assessment.models import SelfAssessment, VerificationRound
    from assessment.rounds import RoundAspectScore
    from meritopedia.models import RubricVersion
    from portal.models import Instansi

    version = RubricVersion.objects.get(is_current=True)
    aspects = list(version.aspects.all())
    order = {"kementerian": 0, "lpnk": 1, "provinsi": 2, "kabupaten": 3, "kota": 3}
    register = sorted(Instansi.objects.all(), key=lambda i: (order[i.kind], i.province != PROVINCE, i.code, i.pk))
    chosen = register[:instansi_count]
    now = timezone.now()
    assessments = []
    for n, instansi in enumerate(chosen):
        for y in range(years):
            points = Decimal(120 + (n * 37 + y * 23) % 280)
            band = version.category_for(points)
            assessments.append(SelfAssessment(
                instansi=instansi, year=first_year + y, version=version, status=SelfAssessment.DITETAPKAN,
                verified_points=points, index=version.index_for(points), category=band.name if band else "",
                determined_at=now, published_at=now,
            ))
    SelfAssessment.objects.bulk_create(assessments, batch_size=2000)
    rounds = [VerificationRound(assessment=a, number=4, closed_at=now) for a in SelfAssessment.objects.all()]
    VerificationRound.objects.bulk_create(rounds, batch_size=2000)
    scores = []
    for round_ in VerificationRound.objects.select_related("assessment"):
        share = round_.assessment.verified_points / len(aspects)
        scores += [
            RoundAspectScore(round=round_, aspect=aspect, self_points=(share * Decimal("1.2")).quantize(Decimal("0.1")),
                             verified_points=share.quantize(Decimal("0.1")))
            for aspect in aspects
        ]
    RoundAspectScore.objects.bulk_create(scores, batch_size=5000)
    # Determined but not published: present in the database, absent from every page.
    unpublished = register[instansi_count: instansi_count + 10]
    SelfAssessment.objects.bulk_create([
        SelfAssessment(instansi=i, year=first_year + years - 1, version=version, status=SelfAssessment.DITETAPKAN,
                       verified_points=Decimal(300), index=Decimal("0.73"), category="baik", determined_at=now)
        for i in unpublished
    ])
    return chosen


def queries(client, url) -> int:
    """The queries of a request after a first one (which fills what Wagtail keeps in the cache, the site's root)."""
    client.get(url)
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
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instansi", type=int, default=600)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    setup_test_environment()
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # the seed's search-index tasks, one line each
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_seed", stdout=open(os.devnull, "w"))
    from assessment.models import SelfAssessment
    from assessment.rounds import RoundAspectScore
    from dashboard import charts
    from dashboard.results import province_slug

    first_year = 2023
    last_year = first_year + args.years - 1
    chosen = populate(args.instansi, args.years, first_year)
    print(f"data: {len(chosen)} instansi, {SelfAssessment.objects.filter(published_at__isnull=False).count()} hasil "
          f"terbit, {RoundAspectScore.objects.count()} nilai aspek ({time.perf_counter() - started:.0f} s menyiapkan)")
    target = next(i for i in chosen if i.province == PROVINCE and i.kind == "kabupaten")
    pages = {
        "/dasbor/": f"/dasbor/?tahun={last_year}",
        f"/dasbor/{province_slug(PROVINCE)}/": f"/dasbor/{province_slug(PROVINCE)}/?tahun={last_year}",
        "/dasbor/instansi/<id>/": f"/dasbor/instansi/{target.pk}/",
        "/dasbor/data/hasil.csv (nasional)": "/dasbor/data/hasil.csv",
    }
    client = Client()
    local = [i for i in chosen if i.province == PROVINCE]
    print(f"provinsi {PROVINCE}: {len(local)} pemerintah daerah dengan hasil")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)

    timings = {}
    for name, url in pages.items():
        get(url)  # the charts of this data drawn and kept
        warm = timed(lambda url=url: get(url), args.runs)
        cold = []
        for _ in range(5):
            charts.forget()
            caches["default"].clear()
            cold.append(timed(lambda url=url: get(url), 1)[0])
        timings[name] = (warm, statistics.median(cold))
    full = {name: queries(client, url) for name, url in pages.items()}
    # The same pages with one year of results: the counts must not move.
    SelfAssessment.objects.exclude(year=last_year).delete()
    one = {name: queries(client, url) for name, url in pages.items()}
    print(f"\nhalaman                               kueri ({args.years} thn)  kueri (1 thn)   render tersimpan "
          "median / p95      render dingin (median 5×)")
    for name in pages:
        (median, p95), cold = timings[name]
        same = "sama" if full[name] == one[name] else "BEDA"
        print(f"{name:38} {full[name]:>10} {one[name]:>13} {same:>5}   {median:7.1f} / {p95:6.1f} ms"
              f"{cold:20.0f} ms")
    print("\ntarget: kueri sama untuk 1 dan 5 tahun; render tanpa cache halaman ≤ 50 ms (SVG grafik tersimpan)")


if __name__ == "__main__":
    main()
