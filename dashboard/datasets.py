"""The dashboard's open data: every chart's and table's data as one table of raw values, the same table the page
formats and the downloads write (CSV, XLSX, JSON), so a page and its download never disagree.

A table is chosen by name and filtered by the page's own query string (`tahun`, `jenis`, `provinsi`, `instansi`).
Each carries its metadata: title, what its columns mean, where each figure comes from, its licence and when it
was drawn.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Instansi

from .figures import KINDS, kind_label
from .results import (
    PROVINCE_SLUGS,
    Figure,
    National,
    jpt_approvals,
    kinds_of,
    national,
    province,
    province_slug,
    results,
)

LICENCE = "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/deed.id"
PUBLISHER = "Komisi Aparatur Sipil Negara (KASN), melalui portal Meritopedia"
BIGGEST_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 2000, 2100


class BadFilter(ValueError):
    """A query string the dashboard cannot read; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Filters:
    tahun: int | None = None
    jenis: str = ""
    provinsi: str = ""  # the province's name
    instansi: Instansi | None = None

    def query(self) -> dict:
        """The filters as a query string's parameters."""
        found = {
            "tahun": self.tahun,
            "jenis": self.jenis,
            "provinsi": province_slug(self.provinsi) if self.provinsi else "",
            "instansi": self.instansi.pk if self.instansi else "",
        }
        return {k: v for k, v in found.items() if v not in ("", None)}


def parse_filters(params, allowed=("tahun", "jenis", "provinsi", "instansi")) -> Filters:
    """The filters of a query string; an unknown parameter is ignored, a value that cannot be read is a BadFilter."""
    values = {}
    if "tahun" in allowed and (text := params.get("tahun", "").strip()):
        if not text.isdigit() or len(text) != 4 or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise BadFilter(_("Tahun harus berupa empat angka antara %(first)s dan %(last)s, misalnya 2022.")
                            % {"first": FIRST_YEAR, "last": LAST_YEAR})
        values["tahun"] = int(text)
    if "jenis" in allowed and (text := params.get("jenis", "").strip()):
        if text not in KINDS:
            raise BadFilter(
                _("Jenis instansi tidak dikenal. Pilihan: %(kinds)s.") % {"kinds": ", ".join(KINDS)}
            )
        values["jenis"] = text
    if "provinsi" in allowed and (text := params.get("provinsi", "").strip()):
        if text not in PROVINCE_SLUGS:
            raise BadFilter(_("Provinsi tidak dikenal. Tulis namanya seperti pada alamat dasbor, misalnya "
                              "nusa-tenggara-timur."))
        values["provinsi"] = PROVINCE_SLUGS[text]
    if "instansi" in allowed and (text := params.get("instansi", "").strip()):
        if not text.isdigit() or int(text) > BIGGEST_ID:
            raise BadFilter(_("Nomor instansi harus berupa angka."))
        instansi = Instansi.objects.filter(pk=int(text)).first()
        if instansi is None:
            raise BadFilter(_("Tidak ada instansi dengan nomor itu."))
        values["instansi"] = instansi
    return Filters(**values)


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    definition: str
    kind: str = "text"  # text, count, points, index, percent, year


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list[Column]
    rows: list[list]
    filters: Filters
    sources: list[str] = field(default_factory=list)

    def records(self) -> list[dict]:
        return [dict(zip([c.name for c in self.columns], row, strict=True)) for row in self.rows]

    def metadata(self, address: str = "") -> dict:
        return {
            "judul": self.title,
            "uraian": self.description,
            "alamat": address,
            "penerbit": PUBLISHER,
            "sumber": self.sources,
            "lisensi": LICENCE,
            "dibuat": timezone.localtime().isoformat(timespec="seconds"),
            "filter": {k: str(v) for k, v in self.filters.query().items()},
            "definisi": {c.name: c.definition for c in self.columns},
            "catatan": _(
                "Angka desimal ditulis dengan titik (format mesin). Sel kosong berarti angka tidak tersedia; "
                "kolom keterangan menyebut alasannya. Hanya hasil yang ditetapkan dan diterbitkan KASN yang dimuat."
            ),
        }


def _sources(*figures: Figure) -> list[str]:
    return [f.source for f in figures if f.source]


def _value(figure: Figure):
    return figure.value


def _reason(figure: Figure) -> str:
    return "" if figure.available else figure.reason


YEAR = Column("tahun", gettext_lazy("Tahun"), gettext_lazy("Tahun penilaian"), "year")
KIND = Column("jenis", gettext_lazy("Jenis instansi"),
              gettext_lazy("Kementerian, LPNK, Provinsi atau Kabupaten/Kota; “Semua jenis” untuk jumlahnya"))
SOURCE = Column("sumber", gettext_lazy("Sumber"), gettext_lazy("Dokumen atau alur asal angka"))
AS_OF = Column("keadaan_per", gettext_lazy("Keadaan per"), gettext_lazy("Tanggal atau periode yang disebut sumber"))
NOTE = Column("keterangan", gettext_lazy("Keterangan"), gettext_lazy("Mengapa angka tidak tersedia, bila demikian"))


def _years(data: National, filters: Filters) -> list[int]:
    return [filters.tahun] if filters.tahun else data.years


def _kinds(filters: Filters, with_total: bool = True) -> list[str]:
    return [filters.jenis] if filters.jenis else ([""] if with_total else []) + KINDS


def assessed(filters: Filters, data: National | None = None) -> Table:
    data = data or national()
    rows, sources = [], []
    for year in _years(data, filters):
        for kind in [filters.jenis] if filters.jenis else [""]:
            count, population = data.assessed(year, kind), data.population(year, kind)
            rows.append([year, kind_label(kind), _value(count), _value(population), count.source or "",
                         count.as_of, _reason(count)])
            sources += _sources(count, population)
    return Table(
        "dinilai", _("Instansi yang dinilai per tahun"),
        _("Jumlah instansi pemerintah yang hasil penilaian Sistem Meritnya diterbitkan, per tahun, beserta jumlah "
          "instansi dalam wilayah pengawasan KASN."),
        [YEAR, KIND,
         Column("jumlah_dinilai", _("Instansi dinilai"), _("Jumlah instansi dengan hasil penilaian terbit"), "count"),
         Column("populasi", _("Populasi instansi"), _("Jumlah instansi dalam wilayah pengawasan KASN"), "count"),
         SOURCE, AS_OF, NOTE],
        rows, filters, sorted(set(sources)),
    )


def categories(filters: Filters, data: National | None = None) -> Table:
    data = data or national()
    rows, sources = [], []
    for year in _years(data, filters):
        for kind in _kinds(filters):
            for category in data.categories:
                figure = data.category_count(year, kind, category)
                rows.append([year, kind_label(kind), category.capitalize(), _value(figure), figure.source,
                             figure.as_of, _reason(figure)])
                sources += _sources(figure)
    return Table(
        "kategori", _("Kategori hasil penilaian per jenis instansi"),
        _("Jumlah instansi pada setiap kategori Pasal 17 ayat (6) PermenPANRB 40/2018, per jenis instansi."),
        [YEAR, KIND, Column("kategori", _("Kategori"), _("Sangat baik, baik, kurang atau buruk")),
         Column("jumlah", _("Jumlah instansi"), _("Jumlah instansi berkategori ini"), "count"), SOURCE, AS_OF, NOTE],
        rows, filters, sorted(set(sources)),
    )


def spread(filters: Filters, data: National | None = None) -> Table:
    data = data or national()
    rows = []
    for year in _years(data, filters):
        for b in data.distribution(year).bins:
            rows.append([year, b.low, b.high, b.count])
    bounds = "; ".join(f"{b.label} ≥ {b.min_index.normalize()}" for b in data.bands)
    return Table(
        "sebaran", _("Sebaran Indeks Sistem Merit"),
        _("Jumlah hasil per instansi yang terbit, menurut rentang indeks (sepersepuluh). Batas bawah kategori: "
          "%(bounds)s.") % {"bounds": bounds},
        [YEAR,
         Column("indeks_dari", _("Indeks dari"), _("Batas bawah rentang (termasuk)"), "index"),
         Column("indeks_sampai", _("Indeks sampai"), _("Batas atas rentang (tidak termasuk, kecuali 1)"), "index"),
         Column("jumlah", _("Jumlah instansi"), _("Jumlah hasil terbit dalam rentang ini"), "count")],
        rows, filters, [_("Hasil per instansi yang diterbitkan KASN (portal dan laporan KASN)")],
    )


def shares(filters: Filters, data: National | None = None) -> Table:
    data = data or national()
    rows, sources = [], []
    for year in _years(data, filters):
        for kind in _kinds(filters):
            good, population = data.good(year, kind), data.population(year, kind)
            share, target = data.share(year, kind), data.target(year, kind)
            rows.append([year, kind_label(kind), _value(good), _value(population), _value(share), _value(target),
                         share.source, target.source, _reason(share), _reason(target)])
            sources += _sources(good, population, share, target)
    return Table(
        "capaian", _("Capaian terhadap target RPJMN"),
        _("Persentase instansi berkategori baik atau sangat baik, dihitung dari seluruh instansi dalam wilayah "
          "pengawasan KASN, dan target RPJMN 2020–2024 untuk jenis instansinya."),
        [YEAR, KIND,
         Column("jumlah_baik", _("Baik atau sangat baik"), _("Jumlah instansi berkategori baik atau sangat baik"),
                "count"),
         Column("populasi", _("Populasi instansi"), _("Jumlah instansi dalam wilayah pengawasan KASN"), "count"),
         Column("capaian_persen", _("Capaian (%)"), _("Jumlah baik atau sangat baik dibagi populasi, dikali 100"),
                "percent"),
         Column("target_persen", _("Target RPJMN (%)"), _("Target RPJMN 2020–2024 untuk jenis instansi ini"),
                "percent"),
         Column("sumber_capaian", _("Sumber capaian"), _("Asal angka capaian")),
         Column("sumber_target", _("Sumber target"), _("Asal angka target")),
         Column("keterangan_capaian", _("Keterangan capaian"), _("Mengapa capaian tidak tersedia, bila demikian")),
         Column("keterangan_target", _("Keterangan target"), _("Mengapa target tidak tersedia, bila demikian"))],
        rows, filters, sorted(set(sources)),
    )


def jpt(filters: Filters, data: National | None = None) -> Table:
    approvals = [a for a in jpt_approvals(filters.tahun) if not filters.jenis or a.kind == filters.jenis]
    rows = [
        [a.year, a.name_in_source, kind_label(a.kind), a.instansi.name if a.instansi else "", a.as_of, a.source]
        for a in approvals
    ]
    return Table(
        "jpt", _("Instansi yang disetujui mengisi JPT melalui manajemen talenta"),
        _("Instansi yang disetujui KASN mengisi jabatan pimpinan tinggi melalui manajemen talenta (talent pool), "
          "sebagai pengecualian seleksi terbuka (PP 11/2017 Pasal 134)."),
        [YEAR, Column("nama_menurut_sumber", _("Instansi (menurut sumber)"), _("Nama seperti ditulis sumbernya")),
         KIND,
         Column("nama_di_register", _("Nama di register"), _("Nama instansi itu sekarang; kosong bila tidak ada "
                                                              "lagi dengan tugas yang sama")),
         AS_OF, SOURCE],
        rows, filters, sorted({a.source for a in approvals}),
    )


def province_summaries(filters: Filters, data: National | None = None) -> Table:
    data = data or national()
    rows = []
    for year in _years(data, filters):
        for p in data.provinces(year):
            rows.append([year, p.name, p.instansi, p.results, p.mean_index])
    return Table(
        "provinsi", _("Hasil per provinsi"),
        _("Pemerintah provinsi dan kabupaten/kota di setiap provinsi, berapa yang punya data terbit, dan rata-rata "
          "indeks hasil terbitnya."),
        [YEAR, Column("provinsi", _("Provinsi"), _("Nama provinsi")),
         Column("pemerintah_daerah", _("Pemerintah daerah"), _("Pemerintah provinsi dan kabupaten/kota di register"),
                "count"),
         Column("dengan_data_terbit", _("Dengan data terbit"), _("Yang punya hasil atau status terbit tahun itu"),
                "count"),
         Column("rata_rata_indeks", _("Rata-rata indeks"), _("Rata-rata Indeks Sistem Merit hasil terbit"), "index")],
        rows, filters, [_("Hasil per instansi yang diterbitkan KASN (portal dan laporan KASN)")],
    )


RESULT_COLUMNS = [
    Column("instansi_id", gettext_lazy("Nomor instansi"), gettext_lazy("Nomor instansi di portal (alamat "
                                                                       "/dasbor/instansi/<nomor>/)")),
    Column("kode_wilayah", gettext_lazy("Kode wilayah"), gettext_lazy("Kode Kepmendagri pemerintah daerah")),
    Column("instansi", gettext_lazy("Instansi"), gettext_lazy("Nama instansi")),
    Column("jenis", gettext_lazy("Jenis instansi"), gettext_lazy("Jenis menurut register instansi")),
    Column("provinsi", gettext_lazy("Provinsi"), gettext_lazy("Provinsi pemerintah daerah")),
    YEAR,
    Column("status", gettext_lazy("Status"), gettext_lazy("Status SIPINTER menurut laporan KASN, atau “Hasil "
                                                          "ditetapkan”; “Belum ada hasil terbit” bila tidak ada")),
    Column("nilai_mandiri", gettext_lazy("Nilai mandiri"), gettext_lazy("Nilai penilaian mandiri tim instansi "
                                                                        "(saat Verifikasi Akhir ditutup)"), "points"),
    Column("nilai_verifikasi", gettext_lazy("Nilai verifikasi"), gettext_lazy("Nilai hasil verifikasi KASN (dari "
                                                                              "410)"), "points"),
    Column("indeks", gettext_lazy("Indeks"), gettext_lazy("Indeks Sistem Merit: nilai verifikasi dibagi 410"),
           "index"),
    Column("kategori", gettext_lazy("Kategori"), gettext_lazy("Kategori Pasal 17 ayat (6)")),
    SOURCE, AS_OF, NOTE,
]


def result_rows(filters: Filters) -> tuple[list[list], list[str]]:
    """Per-instansi rows: with a province, every government of it (those without a result say so); otherwise every
    public result the filters select."""
    if filters.provinsi and not filters.instansi:
        chosen = province(filters.provinsi, filters.tahun)
        pairs = [(row.instansi, row.result) for row in chosen.rows
                 if not filters.jenis or row.instansi.kind in kinds_of(filters.jenis)]
        year = chosen.year
    else:
        q = Q()
        if filters.instansi:
            q &= Q(instansi=filters.instansi)
        if filters.provinsi:
            q &= Q(instansi__province=filters.provinsi)
        if filters.jenis:
            q &= Q(instansi__kind__in=kinds_of(filters.jenis))
        pairs = [(None, r) for r in results(q, filters.tahun)]
        year = filters.tahun
    rows, sources = [], []
    for instansi, r in pairs:
        if r is None:
            rows.append([instansi.pk, instansi.code, instansi.name, str(instansi.get_kind_display()), instansi.province,
                         year, _("Belum ada hasil terbit"), None, None, None, "", "", "", ""])
            continue
        notes = "; ".join(
            f"{label}: {note}" for label, note in (
                (_("status"), r.status_note), (_("nilai mandiri"), _reason(r.self_points)),
                (_("nilai verifikasi"), _reason(r.verified_points)),
            ) if note
        )
        rows.append([r.instansi_id, r.code, r.instansi_name, str(dict(Instansi.KIND_CHOICES).get(r.kind, r.kind)),
                     r.province, r.year, r.status, r.self_points.value, r.verified_points.value, r.index.value,
                     r.category_label, r.source, r.as_of, notes])
        sources.append(r.source)
    return rows, sorted(set(sources))


def instansi_results(filters: Filters, data: National | None = None) -> Table:
    rows, sources = result_rows(filters)
    return Table(
        "hasil", _("Hasil penilaian per instansi"),
        _("Status dan hasil penilaian Sistem Merit setiap instansi yang diterbitkan KASN: di portal (hasil yang "
          "ditetapkan dan diterbitkan) dan dalam laporan KASN (mis. status SIPINTER di deck KASN 2022)."),
        RESULT_COLUMNS, rows, filters, sources,
    )


DATASETS = {
    "dinilai": assessed,
    "kategori": categories,
    "sebaran": spread,
    "capaian": shares,
    "jpt": jpt,
    "provinsi": province_summaries,
    "hasil": instansi_results,
}
