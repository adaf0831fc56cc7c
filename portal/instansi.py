"""The instansi register: the government agencies whose staff use the portal, and the time zone each is in.

Members choose their instansi from this register (not free text), so the member directory can be filtered by
it and an event shows its time in the instansi's own zone (WIB, WITA or WIT) beside Jakarta's.
"""

from zoneinfo import ZoneInfo

from django.db import models
from wagtail.search import index

from .demo_content import DemoContent

# Indonesia's 38 provinces and their legal time zone (Keppres 41/1987; the Papua provinces split in 2022).
WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
PROVINCES = {
    "Aceh": WIB,
    "Sumatera Utara": WIB,
    "Sumatera Barat": WIB,
    "Riau": WIB,
    "Kepulauan Riau": WIB,
    "Jambi": WIB,
    "Sumatera Selatan": WIB,
    "Kepulauan Bangka Belitung": WIB,
    "Bengkulu": WIB,
    "Lampung": WIB,
    "DKI Jakarta": WIB,
    "Jawa Barat": WIB,
    "Banten": WIB,
    "Jawa Tengah": WIB,
    "DI Yogyakarta": WIB,
    "Jawa Timur": WIB,
    "Kalimantan Barat": WIB,
    "Kalimantan Tengah": WIB,
    "Bali": WITA,
    "Nusa Tenggara Barat": WITA,
    "Nusa Tenggara Timur": WITA,
    "Kalimantan Selatan": WITA,
    "Kalimantan Timur": WITA,
    "Kalimantan Utara": WITA,
    "Sulawesi Utara": WITA,
    "Gorontalo": WITA,
    "Sulawesi Tengah": WITA,
    "Sulawesi Barat": WITA,
    "Sulawesi Selatan": WITA,
    "Sulawesi Tenggara": WITA,
    "Maluku": WIT,
    "Maluku Utara": WIT,
    "Papua": WIT,
    "Papua Barat": WIT,
    "Papua Barat Daya": WIT,
    "Papua Selatan": WIT,
    "Papua Tengah": WIT,
    "Papua Pegunungan": WIT,
}
ZONE_LABELS = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}


class Instansi(DemoContent, index.Indexed, models.Model):
    """A government agency. Central agencies (kementerian, LPNK) have no province and keep Jakarta time."""

    KIND_CHOICES = [
        ("kementerian", "Kementerian"),
        ("lpnk", "Lembaga Pemerintah Nonkementerian"),
        ("provinsi", "Pemerintah provinsi"),
        ("kabupaten", "Pemerintah kabupaten"),
        ("kota", "Pemerintah kota"),
    ]

    name = models.CharField("Nama instansi", max_length=200, unique=True)
    kind = models.CharField("Jenis", max_length=12, choices=KIND_CHOICES)
    province = models.CharField(
        "Provinsi",
        max_length=40,
        blank=True,
        choices=[(name, name) for name in PROVINCES],
        help_text="Kosong untuk instansi pusat.",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = "Instansi"
        verbose_name_plural = "Instansi"

    def __str__(self):
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(PROVINCES.get(self.province, WIB))

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS[PROVINCES.get(self.province, WIB)]
