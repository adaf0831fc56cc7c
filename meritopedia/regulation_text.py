"""Turn the raw text of an Indonesian regulation into its clauses (Pasal, ayat, huruf, angka).

The text we get from legal databases is not clean: passages are repeated two or three times, some
"Article N" headings are missing (the body of a Pasal then turns up elsewhere, even after the closing
formula), and lines break mid-sentence. This module rebuilds the regulation from the document's own
evidence only:

1. broken lines are re-joined (a line without a clause marker continues an unfinished sentence; a
   line starting "(1)" after "... ayat" is the rest of a cross-reference, not a new ayat);
2. the text is cut into passages: a passage starts at a heading, at a free paragraph, or where ayat
   numbering restarts;
3. repeated passages are merged (identical, or a truncated copy that is a prefix of another);
4. each passage gets its Pasal number from, in order of strength, the heading in front of it, a
   reference to itself ("sebagaimana dimaksud dalam Pasal 11 ayat (1) huruf a" inside a passage that
   has that ayat and huruf), and its place between numbered passages when the gap fits exactly.

A passage no rule can place raises `RegulationTextError`: we never invent a clause number.
It is plain Python (no Django) so that it can be tested and reasoned about on its own.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

__all__ = ["Clause", "ParsedRegulation", "RegulationTextError", "parse_regulation"]


class RegulationTextError(ValueError):
    """The text cannot be read as a regulation without guessing."""


MONTHS = {
    "januari": 1,
    "februari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
}

_ARTICLE = re.compile(r"^(?:Article|Pasal)\s+(\d+)$")
_BAB = re.compile(r"^BAB\s+([IVXLC]+)\b\s*(.*)$")
_SUBDIVISION = re.compile(r"^(?:Paragraf|Bagian)\s+\S+")
_AYAT = re.compile(r"^\((\d+)\)\s*(.*)$")
_HURUF = re.compile(r"^([a-z])\.\s+(.*)$")
_ANGKA = re.compile(r"^(\d+)[.)]\s+(.*)$")
_LEADING_CONJUNCTION = re.compile(r"^(dan|atau)\s+(?=(?:\d+\)|[a-z]\.)\s)")
_CLOSING_START = re.compile(r"^(Agar setiap orang mengetahuinya|Ditetapkan di|Diundangkan di)")
_BROKEN_HYPHEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
_SELF_REFERENCE = re.compile(r"Pasal (\d+) ayat \((\d+)\)(?: huruf ([a-z]))?")
_DATE = re.compile(r"pada tanggal (\d{1,2}) (\w+) (\d{4})")


@dataclass
class Clause:
    """One Pasal, ayat, huruf or angka; its children are the clauses it contains."""

    pasal: int
    ayat: int | None = None
    huruf: str | None = None
    angka: int | None = None
    text: str = ""
    children: list[Clause] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.angka is not None:
            return "angka"
        if self.huruf is not None:
            return "huruf"
        if self.ayat is not None:
            return "ayat"
        return "pasal"

    @property
    def anchor(self) -> str:
        parts = [f"pasal-{self.pasal}"]
        if self.ayat is not None:
            parts.append(f"ayat-{self.ayat}")
        if self.huruf is not None:
            parts.append(f"huruf-{self.huruf}")
        if self.angka is not None:
            parts.append(f"angka-{self.angka}")
        return "-".join(parts)

    @property
    def label(self) -> str:
        """How the clause is numbered in the text: "Pasal 7", "(4)", "c.", "2)" or "7."."""
        return {
            "pasal": f"Pasal {self.pasal}",
            "ayat": f"({self.ayat})",
            "huruf": f"{self.huruf}.",
            "angka": f"{self.angka}." if self.huruf is None else f"{self.angka})",
        }[self.kind]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedRegulation:
    pasal: list[Clause]
    headings: dict[int, list[str]]
    closing: list[str]
    date_set: datetime.date | None
    date_promulgated: datetime.date | None
    missing_pasal: list[int]

    def clauses(self):
        for pasal in self.pasal:
            yield from pasal.walk()


@dataclass
class _Line:
    kind: str  # article, bab, subdivision, ayat, huruf, angka, text, closing
    number: str | None
    text: str

    def key(self):
        return (self.kind, self.number, self.text)


@dataclass
class _Passage:
    lines: list[_Line]
    label: int | None = None
    headings: list[str] = field(default_factory=list)


_CLOSING = object()  # marks the closing formula in the passage stream


def _classify(raw: str) -> _Line:
    if m := _ARTICLE.match(raw):
        return _Line("article", m.group(1), raw)
    if m := _BAB.match(raw):
        return _Line("bab", m.group(1), raw)
    if _SUBDIVISION.match(raw):
        return _Line("subdivision", None, raw)
    if m := _AYAT.match(raw):
        return _Line("ayat", m.group(1), m.group(2))
    if m := _HURUF.match(raw):
        return _Line("huruf", m.group(1), m.group(2))
    if m := _ANGKA.match(raw):
        return _Line("angka", m.group(1), m.group(2))
    return _Line("text", None, raw)


def _append(line: _Line, more: str) -> None:
    line.text = f"{line.text} {more}".strip()


def _logical_lines(text: str) -> list[_Line]:
    """Classify each line and re-join the ones the extraction broke."""
    lines: list[_Line] = []
    in_closing = False
    started = False
    for raw in text.splitlines():
        raw = _BROKEN_HYPHEN.sub("-", " ".join(raw.split()))
        if not raw:
            continue
        prev = lines[-1] if lines else None
        if raw in ("dan", "atau") and prev and prev.kind in ("ayat", "huruf", "angka", "text"):
            _append(prev, raw)
            continue
        if (m := _LEADING_CONJUNCTION.match(raw)) and prev:
            _append(prev, m.group(1))
            raw = raw[m.end() :]
        line = _classify(raw)
        if not started:
            # Whatever precedes the first chapter or article is the database's own note.
            if line.kind not in ("bab", "article"):
                continue
            started = True
        if _CLOSING_START.match(raw) or (in_closing and line.kind == "text"):
            in_closing = True
            lines.append(_Line("closing", None, raw))
            continue
        in_closing = False
        if prev and prev.kind == "bab" and line.kind == "text" and raw.isupper():
            _append(prev, raw)
            continue
        if prev and prev.kind in ("ayat", "huruf", "angka", "text"):
            unfinished = not prev.text.endswith((".", ";", ":"))
            broken_reference = line.kind == "ayat" and re.search(r"\b(ayat|Pasal)$", prev.text)
            if (line.kind == "text" and unfinished) or broken_reference:
                _append(prev, raw)
                continue
        lines.extend(_split_inline_angka(line))
    return lines


def _split_inline_angka(line: _Line) -> list[_Line]:
    """ "1) ...; dan 2) ..." on one line is two angka."""
    if line.kind != "angka":
        return [line]
    following = str(int(line.number) + 1)
    m = re.search(rf";(\s+(?:dan|atau))?\s+{following}\)\s+", line.text)
    if not m:
        return [line]
    first = _Line("angka", line.number, (line.text[: m.start()] + ";" + (m.group(1) or "")).strip())
    rest = _Line("angka", following, line.text[m.end() :])
    return [first, *_split_inline_angka(rest)]


def _passages(lines: list[_Line]):
    """Cut the text into passages, each the whole or a part of one Pasal."""
    stream: list = []
    current: _Passage | None = None
    label: int | None = None
    headings: list[str] = []
    closing: list[str] = []

    def open_passage():
        nonlocal current, label, headings
        current = _Passage([], label, headings)
        stream.append(current)
        label, headings = None, []

    for line in lines:
        if line.kind == "article":
            if label is not None:  # a heading with nothing under it: keep its place in the order
                stream.append(_Passage([], label, headings))
                headings = []
            label, current = int(line.number), None
            continue
        if line.kind in ("bab", "subdivision"):
            headings.append(line.text)
            current = None
            continue
        if line.kind == "closing":
            if not closing or stream[-1] is not _CLOSING:
                stream.append(_CLOSING)
            closing.append(line.text)
            current = None
            continue
        if current is None or (current.lines and _starts_new_passage(current, line)):
            open_passage()
        current.lines.append(line)
    if label is not None:
        stream.append(_Passage([], label, headings))
    return stream, closing


def _starts_new_passage(passage: _Passage, line: _Line) -> bool:
    if line.kind == "text":
        return True
    if line.kind != "ayat":
        return False
    ayat = [int(x.number) for x in passage.lines if x.kind == "ayat"]
    # A Pasal either has ayat from (1) on or none: anything else begins another passage.
    return not ayat or int(line.number) != ayat[-1] + 1


def _canonical_ids(passages: list[_Passage]) -> tuple[list[int], list[list[_Line]]]:
    """Give repeated passages one id: identical, or one a truncated copy (prefix) of the other."""
    bodies: list[list[_Line]] = []
    ids = []
    for passage in passages:
        keys = [line.key() for line in passage.lines]
        for i, body in enumerate(bodies):
            body_keys = [line.key() for line in body]
            shorter = min(len(keys), len(body_keys))
            if keys[:shorter] == body_keys[:shorter]:
                if len(keys) > len(body_keys):
                    bodies[i] = passage.lines
                ids.append(i)
                break
        else:
            bodies.append(passage.lines)
            ids.append(len(bodies) - 1)
    return ids, bodies


def _contains(body: list[_Line], ayat: str, huruf: str | None) -> bool:
    current_ayat = None
    for line in body:
        if line.kind == "ayat":
            current_ayat = line.number
            if huruf is None and current_ayat == ayat:
                return True
        elif line.kind == "huruf" and current_ayat == ayat and line.number == huruf:
            return True
    return False


def _number_passages(stream: list) -> tuple[dict[int, int], dict[int, int], list[list[_Line]]]:
    content = [p for p in stream if p is not _CLOSING and p.lines]
    ids, bodies = _canonical_ids(content)
    id_of = {id(p): i for p, i in zip(content, ids, strict=True)}
    number: dict[int, int] = {}

    def assign(body_id: int, n: int, why: str):
        if number.get(body_id, n) != n:
            raise RegulationTextError(
                f"Bagian teks {_preview(bodies[body_id])!r} ditandai sebagai Pasal {number[body_id]} "
                f"dan sekaligus Pasal {n} ({why})."
            )
        number[body_id] = n

    # 1. The heading in front of a passage.
    for passage in content:
        if passage.label is not None:
            assign(id_of[id(passage)], passage.label, "judul pasal")
    # 2. A passage that cites one of its own ayat by Pasal number.
    for body_id, body in enumerate(bodies):
        if body_id in number:
            continue
        text = " ".join(line.text for line in body)
        own = {int(m.group(1)) for m in _SELF_REFERENCE.finditer(text) if _contains(body, m.group(2), m.group(3))}
        if len(own) == 1 and (n := own.pop()) not in number.values():
            assign(body_id, n, "rujukan ke ayatnya sendiri")
    # 3. Its place between numbered passages, when the gap fits exactly.
    changed = True
    while changed:
        changed = False
        for run, left, right in _unnumbered_runs(stream, id_of, number):
            distinct = list(dict.fromkeys(run))
            wanted = range(left + 1, left + 1 + len(distinct))
            fits = right is _CLOSING or right - left - 1 == len(distinct)
            if fits and not set(wanted) & set(number.values()):
                for body_id, n in zip(distinct, wanted, strict=True):
                    assign(body_id, n, "urutan pasal")
                changed = True
    unplaced = [bodies[i] for i in range(len(bodies)) if i not in number]
    if unplaced:
        raise RegulationTextError(
            "Bagian teks ini tidak dapat ditempatkan pada pasal mana pun tanpa menebak: "
            + "; ".join(repr(_preview(body)) for body in unplaced)
        )
    return id_of, number, bodies


def _unnumbered_runs(stream, id_of, number):
    """Yield (unnumbered passage ids, number before, number after or _CLOSING) along the text."""
    left, run = None, []
    for item in stream:
        if item is _CLOSING:
            if left is not None and run:
                yield run, left, _CLOSING
            left, run = None, []
            continue
        n = item.label if not item.lines else number.get(id_of[id(item)])
        if n is None:
            run.append(id_of[id(item)])
            continue
        if left is not None and run:
            yield run, left, n
        left, run = n, []


def _preview(body: list[_Line]) -> str:
    return body[0].text[:80] if body else ""


def _build_pasal(n: int, body: list[_Line]) -> Clause:
    pasal = Clause(pasal=n)
    intro = []
    ayat = None
    for line in body:
        container = ayat or pasal
        if line.kind == "text":
            intro.append(line.text)
        elif line.kind == "ayat":
            ayat = Clause(pasal=n, ayat=int(line.number), text=line.text)
            pasal.children.append(ayat)
        elif line.kind == "huruf":
            container.children.append(Clause(pasal=n, ayat=container.ayat, huruf=line.number, text=line.text))
        elif line.kind == "angka":
            lists = [c for c in container.children if c.kind == "huruf"]
            parent = lists[-1] if lists else container
            parent.children.append(
                Clause(pasal=n, ayat=parent.ayat, huruf=parent.huruf, angka=int(line.number), text=line.text)
            )
    pasal.text = " ".join(intro)
    return pasal


def _date(lines: list[str], prefix: str) -> datetime.date | None:
    for line in lines:
        if line.startswith(prefix) and (m := _DATE.search(line)):
            day, month, year = m.groups()
            if month.lower() in MONTHS:
                return datetime.date(int(year), MONTHS[month.lower()], int(day))
    return None


def parse_regulation(text: str) -> ParsedRegulation:
    lines = _logical_lines(text)
    if not any(line.kind == "article" for line in lines):
        raise RegulationTextError('Teks ini tidak memuat satu pun judul pasal ("Pasal N" atau "Article N").')
    stream, closing = _passages(lines)
    id_of, number, bodies = _number_passages(stream)
    pasal = sorted((_build_pasal(n, bodies[i]) for i, n in number.items()), key=lambda c: c.pasal)
    headings: dict[int, list[str]] = {}
    for item in stream:
        if item is _CLOSING or not item.headings:
            continue
        n = item.label if not item.lines else number[id_of[id(item)]]
        headings.setdefault(n, [])
        headings[n].extend(h for h in item.headings if h not in headings[n])
    numbers = [p.pasal for p in pasal]
    missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
    return ParsedRegulation(
        pasal=pasal,
        headings=headings,
        closing=closing,
        date_set=_date(closing, "Ditetapkan"),
        date_promulgated=_date(closing, "Diundangkan"),
        missing_pasal=missing,
    )
