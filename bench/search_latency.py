"""Search latency at scale: N synthetic practice write-ups and articles in realistic Indonesian (as `ArticlePage`s
beside the seed content; the good-practice page type lives on main), indexed with `manage.py search_reindex`,
then 200 mixed queries through /api/search/; prints the indexing time and p50/p95 latency per size, for every
engine that answers on this machine (as bench/search_relevance.py: SQLite in memory, PostgreSQL when DATABASE_URL
names one or the local one answers, Elasticsearch when ELASTICSEARCH_URL or 127.0.0.1:9200 answers).

    .venv/bin/python bench/search_latency.py [--sizes 1000,10000,100000] [--only sqlite|postgresql|elasticsearch]

Sizes grow one database: the pages of the next size are added to those of the previous one, and the whole site
is reindexed each time (the figure is that rebuild's time). Pages are written in bulk (no revisions), which is
what an import would do; the index is built by the real command.
"""

import argparse
import io
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/meritopedia-bench")

from search_relevance import BENCH_TAG, _runs  # noqa: E402  (the same engines, found the same way)

RESULT_MARK = "BENCH-RESULT "
QUERIES = 200
# Each search is recorded for the editors' report as production does it, by queueing a task (one INSERT); the test
# settings this bench starts from run tasks at once, inside the request.
RECORDED_AS_IN_PRODUCTION = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Realistic pieces of what instansi staff write about their merit-system practice.
INSTANSI = [
    "Pemerintah Provinsi Jawa Barat",
    "Kabupaten Banyuwangi",
    "Kota Surabaya",
    "Kementerian Keuangan",
    "Badan Kepegawaian Negara",
    "Pemerintah Provinsi Nusa Tenggara Timur",
    "Kabupaten Sleman",
    "Kota Makassar",
    "Kementerian Kesehatan",
    "Pemerintah Provinsi Kalimantan Timur",
    "Kabupaten Kulon Progo",
    "Kota Pontianak",
]
TOPIK = [
    ("penyusunan standar kompetensi jabatan", "SKJ"),
    ("analisis beban kerja", "ABK"),
    ("penilaian kinerja triwulanan", "e-performance"),
    ("pengembangan talent pool", "manajemen talenta"),
    ("seleksi terbuka jabatan pimpinan tinggi", "JPT"),
    ("uji kompetensi di assessment center", "assessment center"),
    ("pemetaan kompetensi pegawai", "pemetaan talenta"),
    ("perencanaan kebutuhan pegawai", "formasi"),
    ("penyusunan rencana suksesi", "kelompok rencana suksesi"),
    ("pendidikan dan pelatihan berbasis kompetensi", "diklat"),
    ("penerapan sistem informasi kepegawaian", "SIASN"),
    ("penegakan disiplin pegawai", "kode etik"),
    ("pemberian penghargaan dan pengakuan", "tunjangan kinerja"),
    ("promosi dan mutasi terbuka", "rotasi"),
]
KALIMAT = [
    "{instansi} memulai {topik} pada tahun {tahun} dengan melibatkan seluruh unit kerja.",
    "Tim kecil menyiapkan pedoman {topik} yang mengacu pada PermenPANRB Nomor 40 Tahun 2018.",
    "Setiap pejabat pengelola kepegawaian menilai hasil {topik} bersama atasan langsung.",
    "Kendala terbesar adalah data pegawai yang belum mutakhir, sehingga {alias} harus diperbaiki lebih dulu.",
    "Hasil {topik} dipakai untuk merencanakan pengembangan karier dan menetapkan kebutuhan pelatihan.",
    "Pegawai dapat memantau perkembangan {alias} melalui aplikasi yang terhubung dengan sistem informasi ASN.",
    "Evaluasi tiga bulanan menunjukkan peningkatan nilai indeks sistem merit dari kategori baik ke sangat baik.",
    "Pelajaran penting: libatkan inspektorat sejak awal agar audit dan supervisi berjalan lancar.",
    "Dokumen pendukung seperti surat keputusan, notulen rapat dan laporan disimpan sebagai bukti dukung.",
    "Praktik ini dapat ditiru instansi lain yang sedang menyiapkan penilaian mandiri sistem merit.",
    "Pimpinan tinggi pratama memberi arahan agar {topik} selesai sebelum penilaian KASN berikutnya.",
    "Anggota komunitas praktik berbagi templat {alias} dan contoh pengisian pada pertemuan daring.",
]
QUERY_SET = [
    "cara menyusun SKJ",
    "analisis beban kerja",
    "penilaian kinerja tiap tiga bulan",
    "talent pool",
    "assessment center",
    "seleksi terbuka JPT",
    "menilai kinerja pegawai",
    "rencana suksesi",
    "40/2018",
    "pemetaan kompetensi",
    "kode etik dan disiplin",
    "pelatihan berbasis kompetensi",
    "e-performance",
    "bukti dukung penilaian mandiri",
    "apa itu sistem merit",
    "mutasi terbuka",
    "Kabupaten Banyuwangi",
    "sistem informasi kepegawaian",
    "penghargaan pegawai",
    "audit dan supervisi",
    "kompetensy",
    "perencanaan kebutuhan pegawai",
    "manajemen talenta",
    "pasal 13 huruf d",
    "diklat",
]


def _document(rng: random.Random, number: int) -> tuple[str, str, str]:
    topik, alias = rng.choice(TOPIK)
    instansi = rng.choice(INSTANSI)
    kind = "Praktik baik" if number % 2 else "Artikel"
    title = f"{kind}: {topik} di {instansi} ({number})"
    fill = {"instansi": instansi, "topik": topik, "alias": alias, "tahun": rng.randint(2019, 2025)}
    sentences = [template.format(**fill) for template in rng.sample(KALIMAT, 8)]
    intro = " ".join(sentences[:2])
    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>" + " ".join(sentences[i : i + 3]) + "</p>", "id": f"p{number}-{i}"}
            for i in (2, 5)
        ]
    )
    return title, intro, body


def _add_articles(parent, start: int, count: int, rng: random.Random):
    """`count` live article pages under `parent`, written in bulk: the tree paths computed as treebeard would."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    from meritopedia.models import ArticlePage
    from portal.models import SeciMode

    content_type = ContentType.objects.get_for_model(ArticlePage)
    mode = SeciMode.objects.filter(code=ArticlePage.default_seci).first()
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").first()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    for batch_start in range(start, start + count, 1000):
        numbers = range(batch_start, min(batch_start + 1000, start + count))
        documents = {n: _document(rng, n) for n in numbers}
        pages = []
        for n in numbers:
            position += 1
            slug = f"sintetis-{n}"
            pages.append(
                Page(
                    title=documents[n][0],
                    draft_title=documents[n][0],
                    slug=slug,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    path=Page._get_path(parent.path, parent.depth + 1, position),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        Page.objects.bulk_create(pages)
        articles = [
            ArticlePage(
                page_ptr_id=page.pk,
                intro=documents[n][1],
                body=documents[n][2],
                publication_date=now.date(),
                seci_mode=mode,
            )
            for n, page in zip(numbers, pages, strict=True)
        ]
        fields = ArticlePage._meta.local_concrete_fields
        ArticlePage.objects._insert(articles, fields=fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=children.count())


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _child(sizes: list[int]):
    import gc

    import django

    django.setup()
    gc.freeze()  # as portal/wsgi.py does once the portal is loaded: full collections then skip Django and Wagtail
    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_databases, teardown_databases
    from wagtail.search.backends import get_search_backends

    from meritopedia.models import MeritopediaIndexPage

    Path(os.environ["PORTAL_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    # A database of its own; on SQLite a file, as the portal's is (Django's in-memory test database is shared-cache
    # memory, which is not what the portal runs on).
    test_name = f"test_meritopedia_latency{BENCH_TAG}"
    if connection.vendor == "sqlite":
        test_name = str(Path(os.environ["PORTAL_VAR_DIR"]) / f"{test_name}.sqlite3")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name
    old_config = setup_databases(verbosity=0, interactive=False)
    rng = random.Random(40_2018)
    rows = []
    try:
        call_command("import_seed", stdout=io.StringIO())
        parent = MeritopediaIndexPage.objects.get()
        client, added = Client(), 0
        for size in sizes:
            started = time.perf_counter()
            _add_articles(parent, added, size - added, rng)
            written = time.perf_counter() - started
            added = size
            started = time.perf_counter()
            call_command("search_reindex", stdout=io.StringIO())
            for backend in get_search_backends():
                backend.refresh_indexes()
            indexed = time.perf_counter() - started
            if connection.vendor == "postgresql":
                # Writing 100 000 pages and their documents leaves autovacuum work that takes one of the two cores
                # for the next seconds (first 100 queries at 120 ms instead of 40): measure once it is done.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            queries = [QUERY_SET[i % len(QUERY_SET)] for i in range(QUERIES)]
            rng.shuffle(queries)
            client.get("/api/search/", {"q": queries[0]})  # warm caches (Sastrawi's dictionary, synonyms)
            # The queries then run in a process like a web worker's: what building the site left behind (migrations'
            # state, the import, the rebuild) is frozen with the portal's own modules, as portal/wsgi.py does.
            gc.collect()
            gc.freeze()
            timings = []
            with override_settings(TASKS=RECORDED_AS_IN_PRODUCTION):
                for q in queries:
                    t = time.perf_counter()
                    response = client.get("/api/search/", {"q": q})
                    timings.append(1000 * (time.perf_counter() - t))
                    assert response.status_code == 200
            rows.append(
                {
                    "size": size,
                    "write_s": written,
                    "index_s": indexed,
                    "p50": statistics.median(timings),
                    "p95": _percentile(timings, 0.95),
                }
            )
            print(f"  {size}: indexed in {indexed:.1f}s, p95 {rows[-1]['p95']:.0f} ms", file=sys.stderr, flush=True)
        print(RESULT_MARK + json.dumps(rows))
    finally:
        teardown_databases(old_config, verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated document counts")
    parser.add_argument("--only", choices=["sqlite", "postgresql", "elasticsearch"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.child:
        return _child(sizes)
    print(f"{QUERIES} mixed queries per size through /api/search/; sizes {sizes}")
    print(f"\n{'engine':28} {'documents':>9} {'indexing':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for engine, env, why_not in _runs(args.only):
        if env is None:
            print(f"{engine:28} not measured: {why_not}")
            continue
        if "SEARCH_BACKEND" in env:
            env = {**env, "ELASTICSEARCH_INDEX_PREFIX": f"meritopedia_latency{BENCH_TAG}_"}
        command = [sys.executable, __file__, "--child", "--sizes", args.sizes]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
        if done.returncode or not lines:
            print(f"{engine:28} failed:\n{done.stderr[-3000:]}")
            continue
        for row in json.loads(lines[-1][len(RESULT_MARK) :]):
            print(f"{engine:28} {row['size']:9d} {row['index_s']:8.1f}s {row['p50']:8.0f} {row['p95']:8.0f}")


if __name__ == "__main__":
    main()
