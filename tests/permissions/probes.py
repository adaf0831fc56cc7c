"""The paths that could show a private object: each probe is `(client, handle) -> [Seen]`, registered by name in
`PROBES`; a row's `allowed` refers to these names (plus "mail", which the sweep reads from the outbox)."""

import json
import re

from django.urls import reverse
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from portal.models import Instansi

from .matrix import Seen, look

PROBES = {}

LISTINGS = [
    "/",
    "/meritopedia/",
    "/acara/",
    "/praktik-baik/",
    "/podcast/",
    "/cop/",
    "/rubrik/pengembangan-karier/11-6-c/",
]
FEEDS = ["/meritopedia/feed/", "/meritopedia/feed/atom/", "/podcast/feed/"]
# A year's pages of a self-assessment, under the team's `/penilaian/<year>/` and the verifikator's address.
ASSESSMENT_PAGES = [
    "",
    "riwayat/",
    *(f"perubahan/{number}/" for number in range(1, 5)),
    "jalur-belajar/",
    "rencana-aksi/",
    "laporan/",
    "laporan.pdf",
    "laporan.xlsx",
    "laporan.csv",
]
GUESSED_INSTANSI_PAGES = ["", "riwayat/", "laporan/", "laporan.csv"]  # another instansi's id in the address
API_PAGE_TYPES = ["meritopedia.ArticlePage", "cop.EventPage", "cop.GoodPracticePage", "meritopedia.HandbookChapterPage"]


def probe(name):
    def register(function):
        PROBES[name] = function
        return function

    return register


@probe("direct")
def direct(client, handle):
    """The object's own addresses: page, file, submission, guessed neighbours."""
    return [look(client, url) for url in handle.urls]


@probe("admin")
def admin(client, handle):
    """The editors' views of it (edit form, revision preview, attendee list)."""
    return [look(client, url) for url in handle.admin_urls]


def _json(seen: Seen) -> dict:
    try:
        return json.loads(seen.body)
    except ValueError:
        return {}


@probe("search")
def search(client, handle):
    """/cari/ and /api/search/ for the marker, alone and with each facet, counting results and facet counts (a
    hit that shows only the live title still counts); the query goes in upper case so its echo is not a leak."""
    for backend in get_search_backends():
        backend.refresh_indexes()  # Elasticsearch shows new documents after a refresh; the database at once
    term = (handle.search_term or handle.marker).upper()
    facets = [{}, {"aspect": "pengembangan-karier"}, {"year": str(timezone.now().year)}]
    facets += [{"type": kind.split(".")[1].lower()} for kind in handle.page_types]
    seen = []
    for extra in facets:
        params = {"q": term, **extra}
        page = look(client, "/cari/", params)
        if handle.search_term and (count := re.search(rb"(\d+) hasil untuk", page.body)):
            page.hits = int(count.group(1))
        api = look(client, "/api/search/", params)
        data = _json(api)
        if handle.search_term:
            facet_counts = sum(value["count"] for values in data.get("facets", {}).values() for value in values)
            api.hits = data.get("count", 0) + facet_counts
        seen += [page, api]
    if handle.search_term:
        auto = look(client, "/api/search/autocomplete/", {"q": handle.search_term[:-2].upper()})
        auto.hits = len(_json(auto).get("results", []))
        seen.append(auto)
    return seen


@probe("api")
def api(client, handle):
    """Wagtail API v2: searches, the typed page listings with every field, and the object's detail and neighbours."""
    term = (handle.search_term or handle.marker).upper()
    seen = []
    for endpoint in ("pages", "images", "documents"):
        found = look(client, f"/api/v2/{endpoint}/", {"search": term, "fields": "*"})
        found.hits = _json(found).get("meta", {}).get("total_count", 0) if handle.search_term else 0
        seen += [found, look(client, f"/api/v2/{endpoint}/", {"fields": "*", "limit": 100})]
    for kind in dict.fromkeys(handle.page_types or API_PAGE_TYPES[:1]):
        seen.append(look(client, "/api/v2/pages/", {"type": kind, "fields": "*", "limit": 100}))
    for endpoint, pk in handle.api_ids:
        seen += [look(client, f"/api/v2/{endpoint}/{guess}/") for guess in (pk, pk + 1, pk - 1)]
    return seen


@probe("sitemap")
def sitemap(client, handle):
    return [look(client, "/sitemap.xml")]


@probe("feeds")
def feeds(client, handle):
    return [look(client, url) for url in FEEDS]


@probe("calendar")
def calendar(client, handle):
    urls = ["/acara/kalender.ics"] + ([f"/acara/{handle.event_slug}.ics"] if handle.event_slug else [])
    return [look(client, url) for url in urls]


@probe("directory")
def directory(client, handle):
    """The member directory, whole, searched for the marker, and filtered to the instansi members get."""
    return [
        look(client, "/anggota/"),
        look(client, "/anggota/", {"q": handle.marker.upper()}),
        look(client, "/anggota/", {"instansi": Instansi.objects.first().pk}),
    ]


@probe("account")
def account(client, handle):
    """The signed-in actor's own pages: what they contributed and their profile."""
    return [look(client, "/akun/kontribusi/"), look(client, "/akun/profil/")]


@probe("handbook")
def handbook(client, handle):
    """The book's contents, print view and PDF (its text extracted; without WeasyPrint the PDF is a 503 page)."""
    return [look(client, url) for url in ("/handbook/", "/handbook/cetak/", "/handbook/pdf/")]


@probe("listings")
def listings(client, handle):
    return [look(client, url) for url in LISTINGS]


@probe("assessment")
def assessment(client, handle):
    """The penilaian mandiri: the member's own pages, the year's pages, aspects, rencana aksi and report exports
    under the team's and the verifikator's addresses (and a neighbour instansi's id there), and each evidence
    file under its own, neighbouring and storage addresses. Nothing for an object outside an assessment."""
    place = handle.assessment
    if place is None:
        return []
    pages = ASSESSMENT_PAGES + [f"{slug}/" for slug in place.aspects]
    pages += [f"rencana-aksi/{pk + step}/" for pk in place.action_ids for step in (0, 1)]
    urls = ["/penilaian/", "/penilaian/tim/", "/penilaian/verifikasi/"]
    for base in (f"/penilaian/{place.year}/", f"/penilaian/verifikasi/{place.instansi_id}/{place.year}/"):
        urls += [base + page for page in pages]
    for guess in (place.instansi_id - 1, place.instansi_id + 1):
        urls += [f"/penilaian/verifikasi/{guess}/{place.year}/{page}" for page in GUESSED_INSTANSI_PAGES]
    for pk, name, stored in place.evidence:
        urls += [reverse("assessment_evidence", args=[pk + step, name]) for step in (0, 1, -1)]
        urls += [f"/penilaian/bukti/{stored}", f"/media/{stored}", f"/media/penilaian/{stored}"]
    return [look(client, url) for url in urls]
