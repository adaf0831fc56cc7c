"""What the source documents do not say and the importer needs, each with where it comes from: the regulation's
number and title (the legal-database extract leaves them out), the regulations the deck names, acronym expansions,
the category ranges of Peraturan KASN 9/2019. Each entry is checked against the text where the text can confirm it."""

DECK, DECK_NAME = "000_*.txt", "deck KASN 2022"
REGULATION = {
    "file": "003_*.txt",
    "slug": "permenpanrb-40-2018",
    "jenis": "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "short_name": "PermenPANRB",
    "nomor": "40",
    "tahun": 2018,
    "judul": "Pedoman Sistem Merit dalam Manajemen Aparatur Sipil Negara",
    "status": "berlaku",
    # What the text must say for us to trust that it is this regulation.
    "evidence": [r"Peraturan Menteri ini", r"MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI"],
}
# Regulations named in the deck (and the 2023 law that replaced UU 5/2014): identity and relations only.
# None of their text is in the sources, so none is shown; `evidence` is what the deck must say of them.
NAMED_REGULATIONS = [
    {
        "slug": "uu-5-2014",
        "jenis": "Undang-Undang",
        "short_name": "UU",
        "nomor": "5",
        "tahun": 2014,
        "judul": "Aparatur Sipil Negara",
        "evidence": r"UU\s+5\s+TAHUN\s+2014",
    },
    {
        "slug": "pp-11-2017",
        "jenis": "Peraturan Pemerintah",
        "short_name": "PP",
        "nomor": "11",
        "tahun": 2017,
        "judul": "Manajemen Pegawai Negeri Sipil",
        "evidence": r"PP\s+11\s+TAHUN\s+2017",
    },
    {
        "slug": "pp-17-2020",
        "jenis": "Peraturan Pemerintah",
        "short_name": "PP",
        "nomor": "17",
        "tahun": 2020,
        "judul": "Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "evidence": r"PP\s+17\s+TAHUN\s+2020",
        "relations": [("mengubah", "pp-11-2017")],
    },
    {
        "slug": "uu-20-2023",
        "jenis": "Undang-Undang",
        "short_name": "UU",
        "nomor": "20",
        "tahun": 2023,
        "judul": "Aparatur Sipil Negara",
        "evidence": None,
        "relations": [("mencabut", "uu-5-2014")],
    },
]
STATUS_FROM_RELATION = {"mengubah": "diubah", "mencabut": "dicabut"}

BANDS_SOURCE = "Peraturan KASN Nomor 9 Tahun 2019 (rentang yang dilaporkan publik, skala 400)"
BANDS_ON_400 = {"sangat baik": (325, 400), "baik": (250, 324), "kurang": (175, 249), "buruk": (100, 174)}

# Acronyms the sources use without defining them. Each is imported only if it occurs in a source.
ACRONYMS = {
    "ABK": "Analisis Beban Kerja",
    "Anjab": "Analisis Jabatan",
    "BUMN": "Badan Usaha Milik Negara",
    "CoP": "Community of Practice",
    "CPNS": "Calon Pegawai Negeri Sipil",
    "IP": "Instansi Pemerintah",
    "LPNK": "Lembaga Pemerintah Nonkementerian",
    "MT": "Manajemen Talenta",
    "Pergub": "Peraturan Gubernur",
    "PermenPANRB": "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "POLRI": "Kepolisian Negara Republik Indonesia",
    "PP": "Peraturan Pemerintah",
    "RPJMN": "Rencana Pembangunan Jangka Menengah Nasional",
    "RS": "Rencana Suksesi",
    "SDM": "Sumber Daya Manusia",
    "SECI": "Sosialisasi, Eksternalisasi, Kombinasi, Internalisasi",
    "SKJ": "Standar Kompetensi Jabatan",
    "SM": "Sistem Merit",
    "SOTK": "Susunan Organisasi dan Tata Kerja",
    "TNI": "Tentara Nasional Indonesia",
    "UU": "Undang-Undang",
}
