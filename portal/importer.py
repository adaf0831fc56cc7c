"""What every app's `seed` module uses to load the source documents idempotently.

`manage.py import_seed` finds a `seed` module in each installed app (in INSTALLED_APPS order, so
`portal` before `meritopedia` before `cop`) and calls its `load(documents, report)`; the whole run is one
transaction. Loaders write through `sync` and `sync_page`, which only save what changed, so a second
import changes nothing and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import translation
from wagtail.models import Locale, Page, Site


class SeedError(Exception):
    """A seed document is missing or does not say what the importer needs; nothing is written."""


def default_seed_dir() -> Path:
    """`../shared/seeds` beside the checkout when it exists, else the copy shipped in `seeds/`."""
    shared = settings.BASE_DIR.parent / "shared" / "seeds"
    return shared if shared.is_dir() else settings.BASE_DIR / "seeds"


@dataclass
class SeedDocuments:
    """The source documents, found by the name pattern the seed README gives them."""

    directory: Path
    _cache: dict[str, str] = field(default_factory=dict)

    def read(self, pattern: str, what: str) -> str:
        if pattern not in self._cache:
            if not self.directory.is_dir():
                raise SeedError(f"Folder benih {self.directory} tidak ada.")
            matches = sorted(self.directory.glob(pattern))
            if len(matches) != 1:
                raise SeedError(
                    f"Berkas {what} ({pattern}) tidak ditemukan di {self.directory}"
                    if not matches
                    else f"Ada lebih dari satu berkas {what} ({pattern}) di {self.directory}"
                )
            try:
                text = matches[0].read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise SeedError(f"Berkas {matches[0].name} bukan teks UTF-8: {error}") from error
            if not text.strip():
                raise SeedError(f"Berkas {matches[0].name} kosong.")
            self._cache[pattern] = text
        return self._cache[pattern]


def find(text: str, pattern: str, what: str, flags=re.IGNORECASE) -> re.Match:
    """The match of `pattern` in a seed text, or a SeedError naming what the source should have said."""
    match = re.search(pattern, text, flags)
    if not match:
        raise SeedError(f"Dokumen sumber tidak memuat {what} (pola {pattern!r}).")
    return match


def squash(text: str) -> str:
    """Lower-case with whitespace removed: how we compare a reading with noisy OCR text."""
    return re.sub(r"\s+", "", text).lower()


class Report(Counter):
    """Counts created / updated / unchanged rows per model, for the importer's summary."""

    def add(self, model, status: str) -> None:
        self[(str(model._meta.verbose_name), status)] += 1

    @property
    def changed(self) -> int:
        return sum(n for (_, status), n in self.items() if status != "unchanged")

    def lines(self) -> list[str]:
        """ "  Regulasi: created 5, unchanged 1", one line per model, and the verdict last."""
        out = []
        for name in sorted({name for name, _ in self}):
            counts = (f"{status} {self[(name, status)]}" for status in ("created", "updated", "unchanged"))
            out.append(f"  {name}: " + ", ".join(c for c in counts if not c.endswith(" 0")))
        out.append("tidak ada perubahan" if self.changed == 0 else f"{self.changed} baris dibuat/diubah")
        return out


def _differs(obj, values: dict) -> bool:
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, models.Model) or isinstance(value, models.Model):
            if getattr(current, "pk", current) != getattr(value, "pk", value):
                return True
        elif hasattr(current, "raw_data"):  # StreamField: compare content, not block ids
            if _stream_content(current.raw_data) != _stream_content(value):
                return True
        elif current != value:
            return True
    return False


def _stream_content(data) -> list:
    if hasattr(data, "raw_data"):
        data = data.raw_data
    out = []
    for item in data or []:
        if isinstance(item, tuple):
            out.append([item[0], item[1]])
        else:
            out.append([item["type"], item["value"]])
    return out


def sync(model, report: Report, lookup: dict, values: dict):
    """Get or create the row matching `lookup` and make it hold `values`, saving only on a difference."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.add(model, "created")
    elif _differs(obj, values):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        report.add(model, "updated")
    else:
        report.add(model, "unchanged")
    return obj


def sync_page(parent: Page, model, slug: str, report: Report, values=None, initial=None) -> Page:
    """The live child page `slug` of `parent`, published as a new revision only if it changed.

    `values` come from the sources and are kept true on every import; `initial` is editorial copy set
    when the page is created and then left to the editors.
    """
    values = values or {}
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise SeedError(f"Halaman /{slug}/ sudah ada tetapi bukan {model._meta.verbose_name}.")
        page = model(slug=slug, **(initial or {}), **values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.add(model, "created")
    elif _differs(page, values) or not page.live:
        for name, value in values.items():
            setattr(page, name, value)
        page.save_revision().publish()
        report.add(model, "updated")
    else:
        report.add(model, "unchanged")
    return page


def sync_translation(page: Page, language_code: str, report: Report, initial: dict) -> Page:
    """The page's translation into `language_code`, made once with Wagtail's own copy for translation and `initial`
    as its editorial copy; afterwards it is the editors' (Wagtail's translation screens), never overwritten."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translated = page.get_translation_or_none(locale)
    if translated is not None:
        report.add(type(page), "unchanged")
        return translated
    translated = page.copy_for_translation(locale)
    for name, value in initial.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    report.add(type(page), "created")
    return translated


# The interface's second language: the pages the importer writes its own copy for (home, footer pages, dashboard) are
# translated from the catalogue once; everything else editors translate in Wagtail (simple_translation).
SECOND_LANGUAGE = "en"


def translate_page(page: Page, report: Report, **copy) -> Page | None:
    """`page` in the second language, its editorial `copy` (lazy strings, StreamField tuples) read from the
    catalogue; None while the catalogue is not compiled or the parent is untranslated, so no English address shows
    the Indonesian copy."""
    parent = page.get_parent()
    if parent.depth > 1 and not parent.get_translations().filter(locale__language_code=SECOND_LANGUAGE).exists():
        return None

    def render(language):
        with translation.override(language):
            return {
                name: [(kind, str(text)) for kind, text in value] if isinstance(value, list) else str(value)
                for name, value in copy.items()
            }

    initial = render(SECOND_LANGUAGE)
    if initial == render(settings.LANGUAGE_CODE):
        return None
    return sync_translation(page, SECOND_LANGUAGE, report, initial)


def default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise SeedError("Belum ada situs bawaan Wagtail: jalankan `manage.py migrate` terlebih dahulu.")
    return site


def site_root() -> Page:
    """The default site's root page (the home page once portal's seed has run)."""
    return default_site().root_page.specific
