"""What the team does: start the year's assessment, answer indicators, attach evidence, and submit.

Every write is one transaction, and an answer is saved with a compare-and-set on its `lock_version`, so two
members saving the same indicator never lose each other's work: the later one gets `Conflict` with both.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from cop.uploads import check_attachment
from meritopedia.models import Indicator, IndicatorLevel, RubricVersion

from .assessments import Answer, Evidence, SelfAssessment
from .history import record
from .rounds import VerificationRound


class Conflict(Exception):
    """Someone saved the answer after this form was opened; `current` is what is stored now."""

    def __init__(self, current: Answer):
        super().__init__(gettext("Jawaban ini sudah diubah orang lain sejak Anda membukanya."))
        self.current = current


@dataclass
class AnswerInput:
    level: IndicatorLevel | None
    narrative: str
    progress: str


def current_version() -> RubricVersion:
    version = RubricVersion.objects.filter(is_current=True).first()
    if version is None:
        raise ValidationError(gettext("Belum ada versi rubrik yang berlaku."))
    if problems := version.scale_problems():
        raise ValidationError(
            [gettext("Rubrik %(name)s belum dapat dipakai untuk penilaian:") % {"name": version}, *problems]
        )
    return version


@transaction.atomic
def start(instansi, year: int, user) -> SelfAssessment:
    """The year's assessment with an answer row per indicator; last year's answers come along marked
    "perlu dicek ulang" and never as ready."""
    existing = SelfAssessment.objects.filter(instansi=instansi, year=year).first()
    if existing:
        return existing
    version = current_version()
    assessment = SelfAssessment.objects.create(instansi=instansi, year=year, version=version, started_by=user)
    previous = (
        SelfAssessment.objects.filter(instansi=instansi, year__lt=year).order_by("-year").first()
    )
    earlier = {}
    if previous:
        earlier = {a.indicator.code: a for a in previous.answers.select_related("indicator", "level")}
    indicators = Indicator.objects.filter(aspect__version=version).prefetch_related("levels")
    answers = []
    for indicator in indicators:
        answer = Answer(assessment=assessment, indicator=indicator)
        old = earlier.get(indicator.code)
        if old and old.level is not None:
            level = next((lv for lv in indicator.levels.all() if lv.points == old.level.points), None)
            answer.level, answer.points = level, level.points if level else None
            answer.narrative, answer.progress, answer.needs_recheck = old.narrative, Answer.SEDANG, True
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    assessment.refresh_status()
    record(assessment, "assessment.start", user, assessment, copied_from=previous.year if previous else None)
    return assessment


def _check_level(answer: Answer, level: IndicatorLevel | None) -> None:
    if level is not None and level.indicator_id != answer.indicator_id:
        raise ValidationError(
            gettext("Nilai yang dipilih tidak ada pada skala indikator %(code)s.") % {"code": answer.indicator.code}
        )


def _check_unlocked(answer: Answer) -> None:
    if answer.is_locked:
        raise ValidationError(
            gettext("Indikator %(code)s terkunci: penilaian sudah diajukan dan indikator ini tidak diminta diperbaiki.")
            % {"code": answer.indicator.code}
        )


def save_answer(answer: Answer, user, expected_version: int, data: AnswerInput) -> Answer:
    """Store the team's answer if nobody saved it since `expected_version`, else raise `Conflict`."""
    _check_unlocked(answer)
    _check_level(answer, data.level)
    changes = {}
    for field, new in (("level", data.level), ("narrative", data.narrative), ("progress", data.progress)):
        old = getattr(answer, field)
        if old != new:
            changes[field] = (answer.level.points if field == "level" and old else old,
                              new.points if field == "level" and new else new)
    with transaction.atomic():
        updated = Answer.objects.filter(pk=answer.pk, lock_version=expected_version).update(
            level=data.level,
            points=data.level.points if data.level else None,
            narrative=data.narrative,
            progress=data.progress,
            needs_recheck=False,
            lock_version=F("lock_version") + 1,
            updated_at=timezone.now(),
            updated_by=user,
        )
        if not updated:
            raise Conflict(Answer.objects.select_related("level", "updated_by").get(pk=answer.pk))
        answer.refresh_from_db()
        answer.save_revision(user=user, log_action=False)
        record(answer, "assessment.answer", user, answer.assessment, changes=changes, indicator=answer.indicator.code)
        answer.assessment.refresh_status()
    return answer


def add_evidence(answer: Answer, user, upload=None, url: str = "", title: str = "") -> Evidence:
    _check_unlocked(answer)
    if upload is None and not url:
        raise ValidationError(gettext("Lampirkan berkas atau isi tautan bukti dukung."))
    evidence = Evidence(answer=answer, url=url, title=title[:200], added_by=user)
    if upload is not None:
        kind = check_attachment(upload)
        evidence.original_name, evidence.kind, evidence.size = upload.name[-200:], kind, upload.size
    with transaction.atomic():
        if upload is not None:
            evidence.file.save(upload.name[-100:], upload, save=False)
        evidence.save()
        record(
            answer, "assessment.evidence_add", user, answer.assessment,
            changes={"bukti": ("", str(evidence))}, indicator=answer.indicator.code,
        )
    return evidence


def remove_evidence(evidence: Evidence, user) -> None:
    """The row and the file stay, marked removed, so the trail can still show what was there."""
    answer = evidence.answer
    _check_unlocked(answer)
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(removed_at=timezone.now(), removed_by=user)
        record(
            answer, "assessment.evidence_remove", user, answer.assessment,
            changes={"bukti": (str(evidence), "")}, indicator=answer.indicator.code,
        )


def unanswered(assessment: SelfAssessment) -> list[str]:
    return list(
        assessment.answers.filter(level__isnull=True).values_list("indicator__code", flat=True)
    ) + list(assessment.answers.exclude(progress=Answer.SIAP).exclude(level__isnull=True).values_list(
        "indicator__code", flat=True))


@transaction.atomic
def submit(assessment: SelfAssessment, user, access) -> VerificationRound:
    """The ketua hands the assessment (or its revision) to KASN: all or nothing, and only when every indicator has
    an answer marked ready. Opens the next verification round."""
    if not access.is_ketua:
        raise PermissionDenied(gettext("Hanya ketua tim yang dapat mengajukan penilaian."))
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status in (SelfAssessment.DIAJUKAN, SelfAssessment.DITETAPKAN):
        raise ValidationError(gettext("Penilaian ini sedang diverifikasi atau sudah ditetapkan."))
    if missing := unanswered(assessment):
        raise ValidationError(
            gettext("Belum dapat diajukan: %(n)s indikator belum dijawab atau belum ditandai siap (%(codes)s).")
            % {"n": len(missing), "codes": ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
        )
    last = assessment.rounds.order_by("-number").first()
    if last and last.is_open:
        raise ValidationError(gettext("Putaran %(round)s masih berjalan.") % {"round": last.get_number_display()})
    number = (last.number + 1) if last else 1
    round_ = VerificationRound.objects.create(assessment=assessment, number=number, submitted_by=user)
    assessment.answers.update(revision_open=False)
    old_status = assessment.get_status_display()
    assessment.status = SelfAssessment.DIAJUKAN
    assessment.save(update_fields=["status"])
    record(
        assessment, "assessment.submit", user, assessment,
        changes={"status": (old_status, assessment.get_status_display())}, round=number,
    )
    return round_


def self_points_by_aspect(assessment: SelfAssessment) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for aspect_id, points in assessment.answers.values_list("indicator__aspect_id", "points"):
        totals[aspect_id] = totals.get(aspect_id, Decimal(0)) + (points or Decimal(0))
    return totals
