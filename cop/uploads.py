"""Evidence files members attach to a practice: PDF, DOCX, XLSX, PPTX, JPG or PNG, at most 20 MB each.

The type is read from the content, not taken from the name: a PDF must start with `%PDF-`, images with their
signatures, and the Office formats must be zip packages holding their main part (`word/document.xml`, ...).
The zip's directory is read, nothing is extracted, so a zip bomb costs nothing. The extension must agree with
the content, so a file is always served as what it is.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

MAX_BYTES = 20 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)
MAX_FILES = 5

# extension -> (what members read, content type served)
KINDS = {
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("PowerPoint (PPTX)", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "jpg": ("JPG", "image/jpeg"),
    "png": ("PNG", "image/png"),
}
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ALLOWED_TEXT = gettext_lazy("PDF, DOCX, XLSX, PPTX, JPG atau PNG")
ACCEPT = ",".join(f".{extension}" for extension in KINDS) + ",.jpeg"

# One wording for the server and for static/js/upload-check.js, which fills the same placeholders in the browser.
TOO_LARGE = gettext_lazy("Berkas “%(name)s” berukuran %(size)s MB; batasnya %(limit)s MB per berkas.")
NOT_ALLOWED = gettext_lazy("Berkas “%(name)s” tidak dapat diterima: hanya %(allowed)s.")


def input_attrs() -> dict:
    """What a file input needs for the browser to check a file before it is sent (static/js/upload-check.js): the
    types and the byte limit the server enforces below, so the two can never disagree."""
    return {
        "accept": ACCEPT,
        "data-max-bytes": str(MAX_BYTES),
        "data-limit": str(MAX_MEGABYTES),
        "data-allowed": ALLOWED_TEXT,
        "data-too-large": TOO_LARGE,
        "data-not-allowed": NOT_ALLOWED,
        "data-summary-title": gettext_lazy("Ada masalah"),
    }


def _sniff(upload) -> str | None:
    """The extension the content really has, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for extension, part in OFFICE_PARTS.items():
                if part in names:
                    return extension
    return None


def check_attachment(upload) -> str:
    """The file's extension once it is known to be allowed; otherwise a ValidationError naming the file."""
    name = upload.name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    extension = "jpg" if extension == "jpeg" else extension
    if upload.size > MAX_BYTES:
        megabytes = number_format(upload.size / (1024 * 1024), 1)  # 21,0 in Indonesian, 21.0 in English
        raise ValidationError(TOO_LARGE % {"name": name, "size": megabytes, "limit": MAX_MEGABYTES})
    if upload.size == 0:
        raise ValidationError(gettext("Berkas “%(name)s” kosong.") % {"name": name})
    if extension not in KINDS:
        raise ValidationError(NOT_ALLOWED % {"name": name, "allowed": ALLOWED_TEXT})
    actual = _sniff(upload)
    if actual != extension:
        message = gettext(
            "Isi berkas “%(name)s” bukan %(kind)s yang sah (berkas rusak atau namanya diganti). "
            "Lampirkan %(allowed)s yang asli."
        )
        raise ValidationError(message % {"name": name, "kind": KINDS[extension][0], "allowed": ALLOWED_TEXT})
    return extension
