"""The trail of an assessment: every change is a Wagtail audit-log entry (in the assessment's own log model, out of
the admin's site history) on the object changed, with who, when, and each field's old and new value in its data;
answers also keep a revision per save for round comparisons."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Revision

from .log_entries import AssessmentLogEntry

ACTIONS = {
    "assessment.start": (_("Mulai penilaian"), _("Penilaian mandiri dimulai")),
    "assessment.answer": (_("Ubah jawaban"), _("Jawaban indikator diubah")),
    "assessment.evidence_add": (_("Tambah bukti"), _("Bukti dukung ditambahkan")),
    "assessment.evidence_remove": (_("Hapus bukti"), _("Bukti dukung dihapus")),
    "assessment.submit": (_("Ajukan"), _("Penilaian mandiri diajukan ke KASN")),
    "assessment.review": (_("Verifikasi indikator"), _("Hasil verifikasi indikator diubah")),
    "assessment.round_close": (_("Tutup putaran"), _("Putaran verifikasi ditutup")),
    "assessment.determine": (_("Tetapkan hasil"), _("Hasil penilaian ditetapkan")),
    "assessment.publish": (_("Terbitkan hasil"), _("Hasil penilaian diterbitkan")),
    "assessment.team": (_("Ubah tim"), _("Keanggotaan tim penilaian diubah")),
    "assessment.action": (_("Ubah rencana aksi"), _("Rencana aksi diubah")),
}


def record(instance, action: str, user, assessment=None, changes: dict | None = None, **extra):
    """One audit-log entry; `changes` maps a field to (old, new), kept as text so the log reads as it was.
    Team changes belong to no one year's assessment and carry none."""
    data = {"assessment": assessment.pk if assessment else None, **extra}
    if changes:
        data["changes"] = {field: [_text(old), _text(new)] for field, (old, new) in changes.items()}
    return log(instance, action, user=user, data=data)


def _text(value) -> str:
    return "" if value is None else str(value)


def entries_of(assessment):
    """Every log entry of the assessment and of its answers, evidence, rounds and reviews, newest first."""
    return (
        AssessmentLogEntry.objects.filter(action__startswith="assessment.", data__assessment=assessment.pk)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )


def answer_revisions(answers):
    """Each answer's revisions, oldest first, read in one query."""
    ids = [str(a.pk) for a in answers]
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(answers[0].__class__)
    found: dict[str, list[Revision]] = {}
    for revision in Revision.objects.filter(base_content_type=content_type, object_id__in=ids).order_by(
        "created_at", "pk"
    ):
        found.setdefault(revision.object_id, []).append(revision)
    return found
