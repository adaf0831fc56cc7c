"""The instansi register: the government agencies whose staff use the portal, and the time zone each is in.

Members choose their instansi from this register (not free text), so the member directory can be filtered by
it and an event shows its time in the instansi's own zone (WIB, WITA or WIT) beside Jakarta's.

`import_seed` fills the register from maintained data (portal/seed.py, `load_register`): every province and
kabupaten/kota from the Kepmendagri region codes in seeds/wilayah/, every kementerian and LPNK from
seeds/instansi/pusat.csv. A region is known by its `code`, so a renamed region is updated in place; editors may
add instansi the data lacks (no code, `source` saying so).
"""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .cache import CONTENT, purge_on_change
from .demo_content import DemoContent

# Indonesia's 38 provinces: the Kepmendagri code of each (how the region data in seeds/wilayah/ names them), the
# name the portal shows, and its legal time zone (Keppres 41/1987; the Papua provinces split in 2022). The portal
# keeps the usual short forms "DKI Jakarta" and "DI Yogyakarta" where Kepmendagri spells the name out; the code
# is what ties the two together.
WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
_PROVINCE_TABLE = [
    ("11", "Aceh", WIB),
    ("12", "Sumatera Utara", WIB),
    ("13", "Sumatera Barat", WIB),
    ("14", "Riau", WIB),
    ("15", "Jambi", WIB),
    ("16", "Sumatera Selatan", WIB),
    ("17", "Bengkulu", WIB),
    ("18", "Lampung", WIB),
    ("19", "Kepulauan Bangka Belitung", WIB),
    ("21", "Kepulauan Riau", WIB),
    ("31", "DKI Jakarta", WIB),
    ("32", "Jawa Barat", WIB),
    ("33", "Jawa Tengah", WIB),
    ("34", "DI Yogyakarta", WIB),
    ("35", "Jawa Timur", WIB),
    ("36", "Banten", WIB),
    ("51", "Bali", WITA),
    ("52", "Nusa Tenggara Barat", WITA),
    ("53", "Nusa Tenggara Timur", WITA),
    ("61", "Kalimantan Barat", WIB),
    ("62", "Kalimantan Tengah", WIB),
    ("63", "Kalimantan Selatan", WITA),
    ("64", "Kalimantan Timur", WITA),
    ("65", "Kalimantan Utara", WITA),
    ("71", "Sulawesi Utara", WITA),
    ("72", "Sulawesi Tengah", WITA),
    ("73", "Sulawesi Selatan", WITA),
    ("74", "Sulawesi Tenggara", WITA),
    ("75", "Gorontalo", WITA),
    ("76", "Sulawesi Barat", WITA),
    ("81", "Maluku", WIT),
    ("82", "Maluku Utara", WIT),
    ("91", "Papua", WIT),
    ("92", "Papua Barat", WIT),
    ("93", "Papua Selatan", WIT),
    ("94", "Papua Tengah", WIT),
    ("95", "Papua Pegunungan", WIT),
    ("96", "Papua Barat Daya", WIT),
]
PROVINCES = {name: zone for _, name, zone in _PROVINCE_TABLE}  # portal name -> time zone
PROVINCE_CODES = {code: name for code, name, _ in _PROVINCE_TABLE}  # Kepmendagri code -> portal name
ZONE_LABELS = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}


class Instansi(DemoContent, index.Indexed, models.Model):
    """A government agency. Central agencies (kementerian, LPNK) have no province and keep Jakarta time."""

    KIND_CHOICES = [
        ("kementerian", _("Kementerian")),
        ("lpnk", _("Lembaga Pemerintah Nonkementerian")),
        ("provinsi", _("Pemerintah provinsi")),
        ("kabupaten", _("Pemerintah kabupaten")),
        ("kota", _("Pemerintah kota")),
    ]

    name = models.CharField(_("Nama instansi"), max_length=200, unique=True)
    kind = models.CharField(_("Jenis"), max_length=12, choices=KIND_CHOICES)
    province = models.CharField(
        _("Provinsi"),
        max_length=40,
        blank=True,
        choices=[(name, name) for name in PROVINCES],
        help_text=_("Kosong untuk instansi pusat."),
    )
    code = models.CharField(
        _("Kode wilayah"),
        max_length=13,
        blank=True,
        db_index=True,
        help_text=_(
            "Kode Kepmendagri untuk pemerintah daerah (provinsi “11”, kabupaten/kota “11.01”); kosong untuk "
            "instansi pusat."
        ),
    )
    source = models.CharField(
        _("Sumber"),
        max_length=300,
        blank=True,
        help_text=_("Dari mana baris ini berasal: data wilayah, peraturan, editor."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Instansi")
        verbose_name_plural = _("Instansi")
        constraints = [
            # One instansi per region code; central agencies and editors' additions have none.
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="portal_instansi_unique_region_code"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(PROVINCES.get(self.province, WIB))

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS[PROVINCES.get(self.province, WIB)]


INSTANSI = "instansi"  # cache tag: the chooser's suggestions (/instansi/cari/)
# Practice pages and the like show an instansi's name, so a change also purges what shows content.
purge_on_change(Instansi, tags=(INSTANSI, CONTENT))
