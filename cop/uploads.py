"""Evidence files members attach to a practice: PDF, DOCX, XLSX, PPTX, JPG or PNG, at most 20 MB each.

The type is read from the content, not taken from the name: a PDF must start with `%PDF-`, images with their
signatures, and the Office formats must be zip packages holding their main part (`word/document.xml`, ...).
The zip's directory is read, nothing is extracted, so a zip bomb costs nothing. The extension must agree with
the content, so a file is always served as what it is.
"""

import zipfile

from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
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
ALLOWED_TEXT = "PDF, DOCX, XLSX, PPTX, JPG atau PNG"


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
        megabytes = upload.size / (1024 * 1024)
        raise ValidationError(f"Berkas “{name}” berukuran {megabytes:.1f} MB; batasnya 20 MB per berkas.")
    if upload.size == 0:
        raise ValidationError(f"Berkas “{name}” kosong.")
    if extension not in KINDS:
        raise ValidationError(f"Berkas “{name}” tidak dapat diterima: hanya {ALLOWED_TEXT}.")
    actual = _sniff(upload)
    if actual != extension:
        raise ValidationError(
            f"Isi berkas “{name}” bukan {KINDS[extension][0]} yang sah (berkas rusak atau namanya diganti). "
            f"Lampirkan {ALLOWED_TEXT} yang asli."
        )
    return extension
