"""Demo articles, handbook chapters and a demo scale for `manage.py load_demo`: enough to see every page type
working and to try the penilaian mandiri.

They are written as examples ("Contoh") and carry `is_demo`, which the site shows as a "Konten demo" badge;
they cite real indicators and clauses from the seed but state no facts of their own.
"""

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from wagtail.rich_text import RichText

from portal.importer import Report, SeedError, site_root, sync_page

from .articles import ArticleAuthor, ArticlePage
from .handbook import HandbookChapterPage, HandbookPage
from .models import MeritopediaIndexPage
from .regulations import Clause
from .rubric import Indicator, RubricVersion
from .scale import IndicatorLevel

AUTHOR = ArticleAuthor(name="Tim Demo Meritopedia", affiliation="Konten contoh, bukan tulisan resmi KASN")

ARTICLES = [
    {
        "slug": "demo-menyusun-standar-kompetensi-jabatan",
        "title": "Contoh: menyusun Standar Kompetensi Jabatan langkah demi langkah",
        "intro": "Artikel contoh tentang cara tim kepegawaian menyusun SKJ untuk seluruh jabatan.",
        "indicators": ["11.3.a", "11.3.b"],
        "paragraphs": [
            "Standar Kompetensi Jabatan (SKJ) menjadi dasar pengembangan karier ASN. Artikel contoh ini "
            "menunjukkan bagaimana sebuah tulisan Meritopedia merujuk indikator dan ketentuan.",
            "Langkah yang lazim: inventarisasi jabatan dari peta jabatan, analisis jabatan, lalu penetapan "
            "SKJ oleh Pejabat Pembina Kepegawaian.",
        ],
        "clause": "pasal-11-ayat-3-huruf-b",
    },
    {
        "slug": "demo-penilaian-kinerja-triwulanan",
        "title": "Contoh: penilaian kinerja tiap tiga bulan",
        "intro": "Artikel contoh tentang penilaian kinerja berkala dan cara menyimpan bukti dukungnya.",
        "indicators": ["13.c", "13.d"],
        "paragraphs": [
            "Penilaian kinerja berkala membantu Instansi Pemerintah memastikan target tercapai. Contoh ini "
            "menunjukkan rujukan ke indikator manajemen kinerja.",
            "Simpan hasil penilaian setiap triwulan dalam aplikasi e-performance agar mudah ditunjukkan "
            "sebagai bukti dukung.",
        ],
        "clause": "pasal-13-huruf-d",
    },
    {
        "slug": "demo-talent-pool-dan-rencana-suksesi",
        "title": "Contoh: dari pemetaan talenta ke talent pool",
        "intro": "Artikel contoh tentang pemetaan talenta, kelompok rencana suksesi, dan pengisian JPT.",
        "indicators": ["11.6.a", "11.6.c", "12.b"],
        "paragraphs": [
            "Manajemen Talenta menghubungkan pemetaan talenta dengan Rencana Suksesi dan pengisian Jabatan "
            "Pimpinan Tinggi. Tulisan ini hanya contoh bentuk artikel.",
        ],
        "clause": "pasal-11-ayat-6-huruf-c",
    },
]

CHAPTERS = [
    {
        "slug": "demo-bab-mengenal-sistem-merit",
        "title": "Mengenal Sistem Merit",
        "summary": "Bab contoh: apa itu Sistem Merit dan mengapa instansi menilai penerapannya sendiri.",
        "indicators": [],
        "paragraphs": [
            "Sistem Merit adalah kebijakan dan manajemen ASN berdasarkan kualifikasi, kompetensi, dan kinerja. "
            "Bab contoh ini menunjukkan susunan handbook.",
        ],
        "clause": "pasal-1-angka-7",
    },
    {
        "slug": "demo-bab-perencanaan-kebutuhan",
        "title": "Perencanaan kebutuhan pegawai",
        "summary": "Bab contoh: peta jabatan, data kekurangan pegawai, dan rencana kebutuhan lima tahun.",
        "indicators": ["9.a", "9.b"],
        "paragraphs": ["Perencanaan kebutuhan dimulai dari peta jabatan dan Analisis Beban Kerja (ABK)."],
        "clause": "pasal-9-huruf-a",
    },
    {
        "slug": "demo-bab-pengembangan-karier",
        "title": "Pengembangan karier dan manajemen talenta",
        "summary": "Bab contoh: standar kompetensi, analisis kesenjangan, dan rencana suksesi.",
        "indicators": ["11.3.b", "11.6.c"],
        "paragraphs": ["Pengembangan karier bertumpu pada SKJ dan hasil pemetaan talenta."],
        "clause": "pasal-11-ayat-6-huruf-c",
    },
    {
        "slug": "demo-bab-manajemen-kinerja",
        "title": "Manajemen kinerja",
        "summary": "Bab contoh: kontrak kinerja, penilaian berkala, dan tindak lanjut hasilnya.",
        "indicators": ["13.a", "13.d"],
        "paragraphs": ["Kontrak kinerja yang terukur adalah titik awal penilaian kinerja yang objektif."],
        "clause": "pasal-13-huruf-a",
    },
]


def load(report: Report) -> None:
    home = site_root()
    meritopedia = MeritopediaIndexPage.objects.child_of(home).first()
    handbook = HandbookPage.objects.child_of(home).first()
    if meritopedia is None or handbook is None:
        raise SeedError("Jalankan `manage.py import_seed` dahulu: demo ditempatkan di /meritopedia/ dan /handbook/.")
    for item in ARTICLES:
        _demo_page(meritopedia, ArticlePage, item, report, intro=item["intro"], authors=[_author()])
    for item in CHAPTERS:
        _demo_page(handbook, HandbookChapterPage, item, report, summary=item["summary"])
    load_scale(report)


def _demo_page(parent, model, item, report, **fields):
    """Created once with its body and indicators, then left to whoever edits it; a rerun changes nothing."""
    clause = Clause.objects.filter(anchor=item["clause"], regulation__slug="permenpanrb-40-2018").first()
    indicators = list(Indicator.objects.filter(code__in=item["indicators"], aspect__version__is_current=True))
    body = [("callout", {"kind": "info", "text": RichText("<p>Ini konten demo, bukan informasi resmi KASN.</p>")})]
    body += [("paragraph", RichText(f"<p>{text}</p>")) for text in item["paragraphs"]]
    body += [("indicator", indicator) for indicator in indicators]
    if clause:
        body.append(("clause", clause))
    sync_page(
        parent,
        model,
        item["slug"],
        report,
        values={"is_demo": True},
        initial={"title": item["title"], "body": body, "indicators": indicators, **fields},
    )


def _author():
    return ArticleAuthor(name=AUTHOR.name, affiliation=AUTHOR.affiliation)


# The four demo levels of an indicator: the share of its points each reaches, and what it says.
DEMO_LEVELS = [
    (Decimal(0), "belum diterapkan"),
    (Decimal(1) / 3, "mulai diterapkan pada sebagian kecil unit kerja"),
    (Decimal(2) / 3, "diterapkan pada sebagian besar unit kerja"),
    (Decimal(1), "diterapkan di seluruh unit kerja dan ditetapkan secara resmi"),
]
HALF = Decimal("0.5")


def load_scale(report: Report) -> None:
    """A demo scale for the current rubric's indicators that have none, so the penilaian mandiri can be tried
    before KASN editors write the real one. Each aspect's remaining points are shared among its indicators
    without levels (in 0,5 steps), so the top levels add up to the aspect's maximum; an indicator that already
    has levels, demo or not, is left as it is."""
    version = RubricVersion.objects.filter(is_current=True).first()
    if version is None:
        return
    for aspect in version.aspects.prefetch_related("indicators__levels"):
        indicators = list(aspect.indicators.all())
        bare = [indicator for indicator in indicators if indicator.max_points is None]
        for indicator in indicators:
            for level in indicator.levels.all():
                if level.is_demo:
                    report.add(IndicatorLevel, "unchanged")
        if not bare:
            continue
        remaining = aspect.max_points - sum((i.max_points for i in indicators if i.max_points is not None), Decimal(0))
        shares = _shares(remaining, len(bare))
        if shares is None:
            continue  # the levels editors wrote leave no points: scale_problems() says so
        for indicator, share in zip(bare, shares, strict=True):
            _demo_levels(indicator, share, report)


def _shares(total: Decimal, count: int) -> list[Decimal] | None:
    """`total` split into `count` shares in steps of 0,5 (the last takes any finer remainder), or None when a
    share would be too small for four distinct levels."""
    base = (total / count / HALF).to_integral_value(ROUND_FLOOR) * HALF
    if base < 3 * HALF:
        return None
    shares = [base] * count
    extra = int((total - base * count) / HALF)
    for i in range(extra):
        shares[i] += HALF
    shares[-1] += total - sum(shares)
    return shares


def _demo_levels(indicator: Indicator, share: Decimal, report: Report) -> None:
    for position, (fraction, text) in enumerate(DEMO_LEVELS):
        points = share if fraction == 1 else (share * fraction / HALF).quantize(Decimal(1), ROUND_HALF_UP) * HALF
        IndicatorLevel.objects.create(
            indicator=indicator,
            points=points,
            sort_order=position,
            is_demo=True,
            description=f"Contoh tingkat {position + 1} dari {len(DEMO_LEVELS)} untuk indikator {indicator.code}: "
            f"{text}. Skala demo, bukan rubrik resmi KASN.",
        )
        report.add(IndicatorLevel, "created")
