"""The privacy notice and the accessibility statement linked in the footer: editorial copy, written for this portal
(not from the source documents), created once by the seed importer and then left to the editors."""

from django.utils.translation import gettext_lazy as _

# The KASN contact the deck KASN 2022 gives on its closing slide, also shown in the footer.
CONTACT_EMAIL = "penerapansistemmerit@kasn.go.id"


def _p(text) -> tuple:
    return ("paragraph", f"<p>{text}</p>")


def pages() -> list[dict]:
    contact = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'
    return [
        {
            "slug": "privasi",
            "title": _("Pemberitahuan privasi"),
            "intro": _(
                "Apa yang disimpan Meritopedia tentang Anda, untuk apa, dan bagaimana Anda dapat mengubah atau "
                "menghapusnya."
            ),
            "body": [
                ("heading", _("Pengunjung tanpa akun")),
                _p(
                    _(
                        "Halaman publik dapat dibaca tanpa akun. Portal tidak memasang pelacak atau analitik pihak "
                        "ketiga. Cookie hanya dipasang saat Anda masuk, mendaftar atau mengisi formulir: cookie sesi "
                        "dan cookie CSRF, yang diperlukan agar formulir aman."
                    )
                ),
                ("heading", _("Anggota")),
                _p(
                    _(
                        "Untuk akun kami menyimpan alamat e-mail dan kata sandi (tersandi, tidak dapat dibaca). "
                        "Di profil Anda dapat menambahkan nama lengkap, instansi, unit kerja, jabatan dan aspek yang "
                        "Anda tangani; nama dan instansi tampil di direktori anggota hanya jika Anda memilihnya. "
                        "Komentar, praktik baik yang Anda kirim dan pendaftaran acara disimpan bersama akun Anda."
                    )
                ),
                _p(
                    _(
                        "Data penilaian mandiri sebuah instansi hanya terlihat oleh Tim Penilaian Mandiri instansi "
                        "itu dan verifikator yang ditugaskan KASN."
                    )
                ),
                ("heading", _("Hak Anda")),
                _p(
                    _(
                        "Anda dapat mengubah profil kapan saja di halaman Profil. Untuk meminta salinan atau "
                        "penghapusan data akun Anda, hubungi %(contact)s."
                    )
                    % {"contact": contact}
                ),
            ],
        },
        {
            "slug": "aksesibilitas",
            "title": _("Pernyataan aksesibilitas"),
            "intro": _(
                "Meritopedia ingin dapat digunakan oleh semua ASN, termasuk pengguna pembaca layar, papan ketik "
                "saja, atau layar kecil."
            ),
            "body": [
                ("heading", _("Yang kami lakukan")),
                _p(
                    _(
                        "Kami menargetkan WCAG 2.1 tingkat AA. Halaman utama diperiksa otomatis dengan axe-core dan "
                        "dicoba dengan papan ketik pada setiap perubahan: tautan lewati ke konten, fokus yang "
                        "terlihat, menu yang dapat dibuka dan ditutup dengan papan ketik, serta teks alternatif "
                        "untuk gambar."
                    )
                ),
                ("heading", _("Keterbatasan yang diketahui")),
                _p(
                    _(
                        "Portal belum diaudit oleh pihak independen, dan pemeriksaan otomatis tidak menemukan semua "
                        "masalah. Sebagian dokumen PDF peraturan berasal dari sumber lain dan mungkin tidak dapat "
                        "dibaca dengan baik oleh pembaca layar; teks pasalnya tersedia sebagai halaman web."
                    )
                ),
                ("heading", _("Laporkan kendala")),
                _p(
                    _(
                        "Jika ada bagian yang sulit Anda gunakan, beri tahu kami di %(contact)s, sebutkan alamat "
                        "halaman dan kendalanya."
                    )
                    % {"contact": contact}
                ),
            ],
        },
    ]
