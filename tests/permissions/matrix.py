"""The matrix's vocabulary (actors, rows, handles, what a probe saw) and the sweep that turns it into leaks.

A leak is any actor who sees a row's marker on a path the row does not allow them; a miss is an allowed actor who
does not see it where the row says they must. Both are collected as sentences, so one failure lists every cell."""

import html
import io
import re
import secrets
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.contrib.auth import get_user_model
from django.core import mail

from portal.exports import XLSX_TYPE

ACTORS = ("anonymous", "member_a", "member_b", "editor", "superuser")
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {"anonymous"}
EDITORS = frozenset({"editor", "superuser"})
OWNER = frozenset({"member_a"})
OWNER_AND_EDITORS = OWNER | EDITORS
ANY_PATH = "*"

STATS = Counter()  # rows, cells and requests swept in this run, for the terminal summary (conftest.py)


def new_marker(word: str = "rhs") -> str:
    """One search token nothing else in the seed or the other rows contains: lower-case letters and digits."""
    return f"{word}{secrets.token_hex(6)}"


@dataclass
class Context:
    """What a row's factory gets: the actors' accounts and signed-in clients (the factories act through them)."""

    users: Mapping[str, object]
    clients: Mapping[str, object]


@dataclass
class Expect:
    """`actors` must get 200 with `text` (the row's first marker when None) at `url`."""

    url: str
    actors: frozenset
    text: str | None = None


@dataclass
class Penilaian:
    """Where an instansi's self-assessment lives, for the probe that visits its pages and exports: the year, the
    aspects' slugs, its evidence files (id, original name, stored name) and its rencana aksi items' ids."""

    instansi_id: int
    year: int
    aspects: list[str]
    evidence: list[tuple[int, str, str]] = field(default_factory=list)
    action_ids: list[int] = field(default_factory=list)


@dataclass
class Handle:
    """A private object as the probes need it. `markers` appear only in its private content (title, body, file
    name, file bytes); `search_term` is the one-token marker searches ask for (None: the first marker if it is one
    token); `fingerprints` are bytes that betray it without a marker (a rendition's pixels)."""

    markers: list[str]
    urls: list[str] = field(default_factory=list)  # its own public addresses, guessed neighbours included
    admin_urls: list[str] = field(default_factory=list)
    expect: list[Expect] = field(default_factory=list)
    api_ids: list[tuple[str, int]] = field(default_factory=list)  # ("pages" | "images" | "documents", id)
    page_types: list[str] = field(default_factory=list)  # "app.Model" of its page, for typed API and facet probes
    event_slug: str | None = None
    search_term: str | None = None
    fingerprints: list[bytes] = field(default_factory=list)  # e.g. a rendition's bytes, a private page's URL
    assessment: Penilaian | None = None  # the self-assessment the object belongs to

    def __post_init__(self):
        if self.search_term is None and re.fullmatch(r"[a-z0-9]+", self.markers[0]):
            self.search_term = self.markers[0]

    @property
    def marker(self) -> str:
        return self.markers[0]

    def shows(self, url: str, actors, text: str | None = None) -> "Handle":
        self.expect.append(Expect(url, frozenset(actors), text))
        return self


@dataclass(frozen=True)
class Row:
    """One private object: `make(ctx)` builds it and returns its Handle; `allowed` maps a probe name (or ANY_PATH)
    to the actors who may see its marker there. On any probe not named nobody may, whoever they are."""

    name: str
    make: Callable[[Context], Handle]
    allowed: Mapping[str, frozenset] = field(default_factory=dict)

    def may_see(self, actor: str, probe: str) -> bool:
        return actor in self.allowed.get(probe, ()) or actor in self.allowed.get(ANY_PATH, ())


@dataclass
class Seen:
    """What one actor got from one address: the status, the body as bytes (a PDF with its text added) without the
    echo of the address itself, and for searches how many results the path counted for the marker."""

    label: str
    status: int
    body: bytes
    hits: int = 0
    error: str = ""


def look(client, path: str, params: Mapping | None = None) -> Seen:
    STATS["requests"] += 1
    response = client.get(path, params or {})
    label = f"{path}?{urlencode(params)}" if params else path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and body.startswith(b"%PDF"):
        body += pdf_text(body).encode()
    elif kind.startswith(XLSX_TYPE) and body.startswith(b"PK"):
        body += xlsx_text(body).encode()
    elif kind.startswith("text/csv"):
        body = _decoded(body, kind).encode()
    error = repr(response.exc_info[1]) if getattr(response, "exc_info", None) else ""
    return Seen(label, response.status_code, _without_echo(_without_own_menu(body), path), error=error)


def _without_own_menu(body: bytes) -> bytes:
    """The header's account menu (templates/base.html) names the signed-in viewer to themself on every page: it is
    drawn from the viewer's own account only (assessment.context_processors), so it shows nobody else's data."""
    return re.sub(rb'<details class="account-menu">.*?</details>', b"", body, count=1, flags=re.S)


def pdf_text(data: bytes) -> str:
    """The text of a real PDF; "" for the few bytes the rows upload as one (their raw bytes are checked anyway)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError):
        return ""


def xlsx_text(data: bytes) -> str:
    """Every cell value of every sheet of a workbook, a line per row: its zipped bytes show no marker."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return ""
    lines = []
    for sheet in workbook.worksheets:
        for cells in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if value is None else str(value) for value in cells))
    workbook.close()
    return "\n".join(lines)


def _decoded(data: bytes, content_type: str) -> str:
    """A CSV as text in the charset it declares (UTF-8 when none), its byte-order mark dropped."""
    charset = re.search(r"charset=([\w-]+)", content_type)
    try:
        return data.decode(charset.group(1) if charset else "utf-8").lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")


def _without_echo(body: bytes, path: str) -> bytes:
    """A login form or a 404 page may repeat the address asked for (`?next=`): the asker knew that already."""
    for form in {path, quote(path), quote(path, safe=""), html.escape(path)}:
        body = body.replace(form.encode(), b"")
    return body.replace(b"\r\n ", b"").replace(b"\n ", b"")  # iCalendar folds long lines


def reveals(seen: Seen, handle: Handle, text: str | None = None) -> bool:
    """Whether the actor got the object: a search result counted for it, a marker (or `text`), its fingerprint."""
    if text is not None:
        return text.encode() in seen.body
    return (
        seen.hits > 0
        or any(marker.encode() in seen.body for marker in handle.markers)
        or any(print_ in seen.body for print_ in handle.fingerprints)
    )


@dataclass
class Outcome:
    leaks: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def report(self) -> str:
        return "\n".join(["", "LEAKS:", *self.leaks, "MISSES:", *self.misses])


def sweep(row: Row, handle: Handle, ctx: Context, probes: Mapping) -> Outcome:
    """Every probe for every actor; then the e-mail sent while the row was made; then the expectations."""
    outcome = Outcome()
    STATS["rows"] += 1
    for actor, client in ctx.clients.items():
        for name, probe in probes.items():
            STATS["cells"] += 1
            for seen in probe(client, handle):
                if seen.status >= 500:
                    outcome.leaks.append(f"{actor} gets {seen.status} on {seen.label} {seen.error}".rstrip())
                elif reveals(seen, handle) and not row.may_see(actor, name):
                    what = f"{seen.hits} result(s) for" if seen.hits else "sees"
                    outcome.leaks.append(f"{actor} {what} {row.name!r} on {seen.label} ({seen.status})")
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}".encode()
        if any(marker.encode() in text for marker in handle.markers):
            for address in message.recipients():
                actor = actor_of(address, ctx)
                if not row.may_see(actor, "mail"):
                    outcome.leaks.append(f"{actor} <{address}> gets e-mail {message.subject!r} with {row.name!r}")
    for expect in handle.expect:
        for actor in sorted(expect.actors):
            seen = look(ctx.clients[actor], expect.url)
            if seen.status != 200 or not reveals(seen, handle, expect.text):
                what = expect.text or row.name
                outcome.misses.append(f"{actor} does not see {what!r} on {expect.url} ({seen.status})")
    return outcome


def actor_of(address: str, ctx: Context) -> str:
    """The role of an e-mail's recipient: one of the actors, or what an unknown account would be."""
    for actor, user in ctx.users.items():
        if user is not None and user.email == address:
            return actor
    user = get_user_model().objects.filter(email=address).first()
    if user is None:
        return "outsider"
    if user.is_superuser:
        return "superuser"
    return "editor" if user.groups.filter(name__in=("Editors", "Moderators")).exists() else "member_b"
