"""Seed for `cop`: the Community of Practice page and the 2022 programme of the KASN deck as event series.

The deck's programme slide survives OCR only in pieces ("f;g\\fhing CoP", "PenyusunamSKJ"). Each reading
below pairs what the slide says with a pattern for the OCR'd words; a reading whose pattern is not in the
deck stops the import. Periods are stored only where the slide gives one: no invented dates.
"""

import re

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from portal.importer import Report, SeedDocuments, SeedError, find, site_root, sync, sync_page
from portal.models import SeciMode

from .models import (
    CommunityPage,
    EventIndexPage,
    EventSeries,
    EventSeriesTopic,
    PodcastPage,
    PracticeIndexPage,
    PracticeReviewTask,
)

DECK, DECK_NAME = "000_*.txt", "deck KASN 2022"

PROGRAMME = [
    {
        "slug": "coaching-clinic",
        "name": "Coaching Clinic CoP",
        "event_type": "coaching_clinic",
        "seci": "sosialisasi",
        "evidence": r"hing\s+CoP",
        "period": ("Maret - Juni", r"MARET\s*-\s*JUNI"),
        "topics": [
            ("Penyusunan SKJ", r"Penyusuna\w*\s*SKJ"),
            ("Metode Penilaian Kompetensi", r"Metode\s+Penila\w+\s+Kompetensi"),
        ],
    },
    {
        "slug": "komunitas",
        "name": "Komunitas CoP",
        "event_type": "komunitas",
        "seci": "sosialisasi",
        "evidence": r"\b02\s+KOMUNITAS",
        "topics": [],
    },
    {
        "slug": "podcast-merito",
        "name": "Podcast MERITO",
        "event_type": "podcast",
        "seci": "eksternalisasi",
        "evidence": r"PODCAST\s+MERITO",
        "description": (
            "Menghadirkan pakar dan praktik baik di instansi pemerintah, BUMN, swasta dan perguruan tinggi.",
            r"Menghadirkan\s+Pakar\s+dan\s+Praktik\s+Baik.*?Perguruan\s+Tinggi",
        ),
        "topics": [
            ("Pola Karier", r"Pola\s+Karir"),
            (
                "Pengisian JPT melalui Manajemen Talenta dan Rencana Suksesi",
                r"Pengisian\s*JPT\s+melalui.*?MT\s+dan\s+RS",
            ),
            ("Pengembangan Kompetensi", r"pengemban\S*\s*-\s*\n.*?Komp\S*tensi"),
        ],
    },
    {
        "slug": "bincang-merit",
        "name": "Talk Show Bincang Merit",
        "event_type": "talk_show",
        "seci": "eksternalisasi",
        "evidence": r"TALK\s+SHOW\s+BINCANG\s+MERIT",
        "period": ("Juli - November", r"JULI\s*-\s*NOVEMBER"),
        "topics": [
            ("Sistem Manajemen Kinerja", r"Sistem\s+Manajemen\s+Kinerja"),
            ("Metode Penilaian Kinerja", r"Metode\s+Penilaian\s+Kinerja"),
            ("Tindak Lanjut Penilaian Kinerja", r"Tindak\s+Lanjut\s+Penilaian\s+Kinerja"),
        ],
    },
]

# The CoP's own definition and purpose, as the deck words them, less two OCR slips.
OCR_FIXES = {"Iinstansinya": "instansinya", "sesual": "sesuai"}


def _clean(text: str) -> str:
    text = " ".join(text.split())
    for wrong, right in OCR_FIXES.items():
        text = re.sub(rf"\b{wrong}\b", right, text)
    return text


def read_programme(deck: str) -> tuple[int, list[dict]]:
    year = int(
        find(
            deck,
            r"RANGKAIAN\s+KEGIATAN\s+COMMUNITY\s+OF\s+PRACTICE\s+SISTEM\s+MERIT\s+TAHUN\s+(\d{4})",
            "judul rangkaian kegiatan CoP",
        ).group(1)
    )
    programme = []
    for reading in PROGRAMME:
        find(deck, reading["evidence"], f"rangkaian {reading['name']}", re.S)
        readings = [reading.get("period"), reading.get("description"), *reading["topics"]]
        for value, pattern in filter(None, readings):
            if not re.search(pattern, deck, re.S | re.I):
                raise SeedError(f"{DECK_NAME} tidak memuat {value!r} untuk {reading['name']} (pola {pattern!r}).")
        programme.append(reading)
    return year, programme


def read_community(deck: str) -> tuple[str, str]:
    definition = find(
        deck,
        r"(Community of Practice Sistem Merit adalah.*?implementasi Sistem Merit\.)",
        "definisi Community of Practice",
        re.S,
    ).group(1)
    purpose = find(
        deck, r"(Menyediakan wadah bagi praktisi.*?cepat dan tepat\.)", "tujuan Community of Practice", re.S
    ).group(1)
    # The definition's OCR carries stray slide furniture ("0e®", "2SS") between its first two lines.
    definition = re.sub(r"\s+\S*[®]\S*\s+\S+\s+", " ", definition)
    return _clean(definition), _clean(purpose)


def load(documents: SeedDocuments, report: Report) -> None:
    deck = documents.read(DECK, DECK_NAME)
    year, programme = read_programme(deck)
    definition, purpose = read_community(deck)
    sync_page(
        site_root(),
        CommunityPage,
        "cop",
        report,
        values={
            "title": "Community of Practice",
            "show_in_menus": True,
            "intro": definition,
            "body": [("heading", "Tujuan"), ("paragraph", f"<p>{purpose}</p>")],
            "search_description": "Community of Practice Sistem Merit: coaching clinic, komunitas, podcast MERITO "
            "dan talk show Bincang Merit.",
        },
    )
    modes = {mode.code: mode for mode in SeciMode.objects.all()}
    for position, reading in enumerate(programme):
        period = reading.get("period", ("", ""))[0]
        description = reading.get("description", ("", ""))[0]
        series = sync(
            EventSeries,
            report,
            {"slug": f"{reading['slug']}-{year}"},
            {
                "name": f"{reading['name']} {year}",
                "event_type": reading["event_type"],
                "year": year,
                "period": period,
                "description": description,
                "seci_mode": modes.get(reading["seci"]),
                "position": position,
                "source_note": DECK_NAME,
            },
        )
        titles = [title for title, _ in reading["topics"]]
        for order, title in enumerate(titles):
            sync(EventSeriesTopic, report, {"series": series, "title": title}, {"sort_order": order})
        series.topics.exclude(title__in=titles).delete()
    sync_page(
        site_root(),
        EventIndexPage,
        "acara",
        report,
        values={"title": "Acara", "show_in_menus": True},
        initial={
            "intro": "Coaching clinic, talk show, FGD dan kegiatan komunitas Sistem Merit: daftar, ikuti, "
            "dan tonton rekamannya."
        },
    )
    practices = sync_page(
        site_root(),
        PracticeIndexPage,
        "praktik-baik",
        report,
        values={"title": "Praktik Baik", "show_in_menus": True},
        initial={
            "intro": "Cara instansi lain memenuhi indikator Sistem Merit, ditulis oleh pengelola kepegawaiannya "
            "sendiri dan ditinjau editor KASN. Punya praktik baik? Bagikan di sini."
        },
    )
    ensure_practice_moderation(practices)
    sync_page(
        site_root(),
        PodcastPage,
        "podcast",
        report,
        values={"title": "Podcast MERITO", "show_in_menus": True},
        initial={
            "intro": "Podcast MERITO: obrolan tentang penerapan Sistem Merit ASN bersama praktisi instansi pemerintah."
        },
    )


PRACTICE_WORKFLOW = "Moderasi praktik baik"
MODERATORS = "Editors"


def ensure_practice_moderation(practices: PracticeIndexPage) -> None:
    """Members' practices go through one step, "Moderasi kiriman anggota" by the Editors group, whose members may
    also hide discussion comments and decide guidance proposals. Wagtail's Editors group comes from its own
    migrations. Idempotent."""
    editors = Group.objects.filter(name=MODERATORS).first()
    if editors is None:
        raise SeedError(f"Grup Wagtail “{MODERATORS}” tidak ada: jalankan `manage.py migrate` terlebih dahulu.")
    task, _ = PracticeReviewTask.objects.get_or_create(name="Moderasi kiriman anggota", defaults={"active": True})
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=PRACTICE_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=practices.page_ptr, defaults={"workflow": workflow})
    # They hide comments, and decide members' guidance proposals (which publishes the indicator page's section).
    moderation = ["change_comment", "view_comment", "change_guidanceproposal", "view_guidanceproposal"]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="cop", codename__in=moderation))
    # Approving the last step publishes as the approver, so the moderators may publish practices (and only those).
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=practices.page_ptr, permission=publish)
