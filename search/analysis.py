"""Indonesian text analysis, in the application rather than in each engine.

The index, the query, the ranking and the highlighted snippet must all agree on what a "word" is, or a result
is found by one and missed by another. No engine agrees out of the box: SQLite FTS5 does not stem at all, and the
Snowball stemmer inside PostgreSQL's `indonesian` configuration (and close to Elasticsearch's) splits menilai/
penilaian into "ila"/"ilai". So every backend indexes `index_text()` of each field and searches `index_text()` of
the query, both built here with the dictionary-based Sastrawi stemmer (Nazief–Adriani), and the engines only
match tokens.

Sastrawi's root-word dictionary comes from Kateglo (CC BY-NC-SA 3.0); its code is MIT. The stemmer is chosen by
`settings.SEARCH_STEMMER` ("sastrawi", "snowball" or "none"); changing it needs `manage.py search_reindex`.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"[^\W_]+")

# A regulation is cited by number and year: "40/2018", "Nomor 40 Tahun 2018", "PP 11 2017". Both sides of the
# search turn the citation into one token, so "40/2018" matches exactly that regulation and not every text that
# happens to contain 40 and 2018.
_REGULATION_NUMBER = re.compile(
    r"(?<![\w/])(?:(?:nomor|no\.?)\s*)?(\d{1,4})\s*(?:/\s*|\s+tahun\s+|\s+)((?:19|20)\d{2})(?![\w/])", re.IGNORECASE
)

# Words that carry no meaning in a search box. Only the query drops them (phrases keep them), so "audit dan
# supervisi" still matches as a phrase.
STOPWORDS = frozenset(
    """ada adalah agar akan apa apakah atas atau bagaimana bagi bahwa cara dalam dan dari dengan di dimaksud
    harus ia ini itu jika juga kami kapan ke kenapa kita mana mengapa nya oleh pada para saja saya secara serta
    siapa sudah supaya telah tentang terhadap tersebut untuk yaitu yakni yang a an and of the to in for""".split()
)

# "apa itu sistem merit", "pengertian ASN": the visitor wants a definition.
_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:apa\s+(?:itu|yang\s+dimaksud(?:\s+dengan)?)|pengertian|definisi|arti)\b", re.IGNORECASE
)

# Editorial synonyms the glossary does not hold: English loanwords used beside the regulation's Indonesian, and
# the working names of kepegawaian practice ("lelang jabatan", "eselon II", "tukin") for what the regulation
# names formally.
EDITORIAL_SYNONYMS = [
    ("talent pool", "kelompok rencana suksesi"),
    ("assessment center", "pusat penilaian kompetensi"),
    ("e-performance", "e-kinerja", "penilaian kinerja elektronik"),
    ("manajemen talenta", "talent management"),
    ("diklat", "pendidikan dan pelatihan"),
    ("self assessment", "penilaian mandiri"),
    ("pokja", "kelompok kerja"),
    ("gap", "kesenjangan"),
    ("lelang jabatan", "seleksi terbuka", "terbuka dan kompetitif"),
    ("eselon i", "jabatan pimpinan tinggi madya"),
    ("eselon ii", "jabatan pimpinan tinggi pratama"),
    ("eselon iii", "jabatan administrator"),
    ("eselon iv", "jabatan pengawas"),
    ("sosiokultural", "sosial kultural"),
    ("tukin", "tunjangan kinerja"),
    ("skp", "sasaran kinerja pegawai"),
    ("simpeg", "sistem informasi kepegawaian"),
    ("tna", "training need analysis", "analisis kebutuhan pelatihan"),
    ("rekrutmen", "pengadaan"),
    ("reward", "penghargaan"),
    ("punishment", "hukuman"),
    ("permenpan", "permenpan rb", "permenpanrb"),
]

# Spellings in common use that the KBBI does not hold as standard ("karir" beside "karier"; the regulation itself
# writes both), read as the standard word on both sides of the search, before and after stemming ("berkarir").
SPELLING_VARIANTS = {
    "karir": "karier",
    "praktek": "praktik",
    "analisa": "analisis",
    "resiko": "risiko",
    "obyektif": "objektif",
    "obyek": "objek",
    "sistim": "sistem",
    "kwalitas": "kualitas",
    "kwalifikasi": "kualifikasi",
    "propinsi": "provinsi",
    "ijin": "izin",
    "ijasah": "ijazah",
    "jadual": "jadwal",
    "tehnis": "teknis",
    "tehnik": "teknik",
    "tehnologi": "teknologi",
    "nasehat": "nasihat",
    "aktifitas": "aktivitas",
    "efektifitas": "efektivitas",
    "produktifitas": "produktivitas",
    "managemen": "manajemen",
    "menejemen": "manajemen",
    "standart": "standar",
    "merubah": "mengubah",
}

MAX_QUERY_WORDS = 24

# "pasal 11 ayat 6 huruf c" or an indicator code "11.6.c": the visitor names the clause itself.
_CLAUSE_REFERENCE = re.compile(
    r"\bpasal\s+(\d{1,3})(?:\s+ayat\s*\(?(\d{1,2})\)?)?(?:\s+huruf\s+([a-z]))?(?:\s+angka\s+(\d{1,2}))?", re.IGNORECASE
)
_INDICATOR_CODE = re.compile(r"(?<![\w.])(\d{1,2})\.(?:(\d)\.)?([a-h])(?![\w.])", re.IGNORECASE)


def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer().stem


def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian").stemWord


STEMMERS = {"sastrawi": _sastrawi, "snowball": _snowball, "none": lambda: str}


@functools.cache
def _stemmer(name: str):
    """Building Sastrawi's dictionary takes a second: once per process."""
    return STEMMERS[name]()


@functools.lru_cache(maxsize=200_000)
def _stem(name: str, word: str) -> str:
    if any(char.isdigit() for char in word):
        return word
    root = _stemmer(name)(SPELLING_VARIANTS.get(word, word)) or word
    return SPELLING_VARIANTS.get(root, root)


@functools.cache
def stemmer_name() -> str:
    """Read once: a search stems tens of thousands of words, and each settings lookup costs more than the
    memoised stem itself."""
    return getattr(settings, "SEARCH_STEMMER", "sastrawi")


@receiver(setting_changed)
def _forget_stemmer_name(setting, **kwargs):
    if setting == "SEARCH_STEMMER":
        stemmer_name.cache_clear()


def stem(word: str, stemmer: str | None = None) -> str:
    """The root of one lower-case word; memoised, since Sastrawi is slow and a corpus repeats its words."""
    return _stem(stemmer or stemmer_name(), word)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(text: str) -> str:
    """What was typed, without control characters (PostgreSQL refuses NUL in any query) and with spaces
    collapsed."""
    return " ".join(_CONTROL.sub(" ", text).split())


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_meaningful_query(text: str) -> bool:
    """Whether a search is words someone looked for, worth showing editors: not control characters, nor markup or
    punctuation alone once tags (and what a script or style element holds) are taken out, as in `"<script>`."""
    if any(unicodedata.category(char) == "Cc" for char in text):
        return False
    words = strip_tags(_SCRIPT_OR_STYLE.sub(" ", html.unescape(text)))
    return bool(_LETTER_OR_DIGIT.search(words))


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def regulation_tokens(text: str) -> list[str]:
    return [f"nomor{int(number)}tahun{year}" for number, year in _REGULATION_NUMBER.findall(text)]


def index_text(text: str) -> str:
    """What the engines index (and search for) instead of the raw text: the stems, in order, plus one token per
    regulation citation."""
    if not text:
        return ""
    stems = [stem(word) for word in tokenize(text)]
    return " ".join(stems + regulation_tokens(text))


def stems(text: str) -> list[str]:
    return index_text(text).split()


@dataclass(frozen=True)
class Concept:
    """One thing the visitor asked for, with every way the content may say it: "SKJ" is ("skj",) or ("standar",
    "kompetensi", "jabatan"). A document covers the concept if it contains any alternative."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]  # stems

    @property
    def words(self) -> set[str]:
        return {word for alternative in self.alternatives for word in alternative}


@dataclass
class ParsedQuery:
    text: str
    concepts: list[Concept] = field(default_factory=list)
    definition: bool = False
    anchors: list[str] = field(default_factory=list)  # clause anchors named in the query

    @property
    def words(self) -> list[str]:
        """Every stem any concept accepts: what the engine is asked for (any of them)."""
        seen = dict.fromkeys(word for concept in self.concepts for word in sorted(concept.words))
        return list(seen)

    @property
    def highlight_words(self) -> set[str]:
        return {word for word in self.words if word not in _stopword_stems()}


@functools.cache
def _stopword_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in STOPWORDS) | STOPWORDS


def parse_query(text: str, synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None) -> ParsedQuery:
    """Turn what was typed into concepts. Operators, quotes and brackets are just punctuation here: the visitor's
    words reach the engine only as tokens, so no input can become a syntax error."""
    synonyms = synonyms or {}
    text = text[:2000]
    parsed = ParsedQuery(text=text, definition=bool(_DEFINITION_QUESTION.match(text)), anchors=clause_anchors(text))
    concepts: dict[tuple, Concept] = {}
    for token in regulation_tokens(text):
        concepts.setdefault((token,), Concept(token, ((token,),)))
    remainder = _INDICATOR_CODE.sub(" ", _CLAUSE_REFERENCE.sub(" ", _REGULATION_NUMBER.sub(" ", text)))
    words = tokenize(remainder)[:MAX_QUERY_WORDS]
    roots = [stem(word) for word in words]
    longest = max((len(key) for key in synonyms), default=1)
    position = 0
    while position < len(roots):
        for size in range(min(longest, len(roots) - position), 0, -1):
            key = tuple(roots[position : position + size])
            if key in synonyms:
                concept = Concept(" ".join(words[position : position + size]), synonyms[key])
                break
        else:
            size = 1
            concept = None if words[position] in STOPWORDS else Concept(words[position], ((roots[position],),))
        if concept is not None:
            concepts.setdefault(concept.alternatives, concept)
        position += size
    parsed.concepts = list(concepts.values())
    return parsed


def clause_anchors(text: str) -> list[str]:
    """Anchors of the clauses a query names: "Pasal 11 ayat (6)" → pasal-11-ayat-6, "13.d" → pasal-13-huruf-d."""
    found = []
    for pasal, ayat, huruf, angka in _CLAUSE_REFERENCE.findall(text):
        parts = [f"pasal-{pasal}"] + [
            f"{name}-{value.lower()}" for name, value in (("ayat", ayat), ("huruf", huruf), ("angka", angka)) if value
        ]
        found.append("-".join(parts))
    for pasal, ayat, huruf in _INDICATOR_CODE.findall(text):
        found.append(f"pasal-{pasal}" + (f"-ayat-{ayat}" if ayat else "") + f"-huruf-{huruf.lower()}")
    return found


def synonym_table(groups) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """{stems of one way of saying it: stems of every way} from groups of equivalent phrases."""
    table: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for group in groups:
        variants = {tuple(stems(phrase)) for phrase in group if phrase and phrase.strip()}
        variants.discard(())
        if len(variants) < 2:
            continue
        for variant in variants:
            table.setdefault(variant, set()).update(variants)
    return {key: tuple(sorted(value, key=lambda v: (-len(v), v))) for key, value in table.items()}


def highlight(text: str, words: set[str], length: int = 260) -> SafeString:
    """An HTML-escaped excerpt of `text` around the densest run of matched words, each wrapped in <mark>.

    Matching is by stem, so "menilai" marks "penilaian"; it works on the stored text, so it serves every backend
    (Wagtail has no highlighting of its own)."""
    text = " ".join(text.split())
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text) if stem(m.group().lower()) in words]
    start = 0
    if tokens and len(text) > length:
        best = max(range(len(tokens)), key=lambda i: sum(1 for s, _ in tokens[i:] if s < tokens[i][0] + length))
        start = max(0, tokens[best][0] - 40)
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start > 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out = ["…" if start else ""]
    cursor = start
    for token_start, token_end in tokens:
        if token_start < start or token_end > end:
            continue
        out.append(escape(text[cursor:token_start]))
        out.append(f"<mark>{escape(text[token_start:token_end])}</mark>")
        cursor = token_end
    out.append(escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))
