"""The interface's translation catalogues compiled with Babel (pure Python), so a fresh machine needs no GNU gettext
(Django's compilemessages calls msgfmt)."""

from pathlib import Path

from babel.messages import mofile, pofile


class CatalogueError(ValueError):
    pass


def compile_catalogues(roots) -> int:
    """Writes the .mo of every `<root>/<language>/LC_MESSAGES/*.po` that is newer than it; returns how many."""
    written = 0
    for root in map(Path, roots):
        for source in sorted(root.glob("*/LC_MESSAGES/*.po")):
            target = source.with_suffix(".mo")
            if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
                continue
            with source.open("rb") as handle:
                try:
                    catalog = pofile.read_po(handle, abort_invalid=True)
                except pofile.PoFileError as error:
                    raise CatalogueError(f"{source}: {error}") from error
            with target.open("wb") as handle:
                mofile.write_mo(handle, catalog)
            written += 1
    return written
