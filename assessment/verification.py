"""What the KASN verifikator does in a round: score each indicator with a finding, flag what must be revised,
close the round; the last round determines the result (Pasal 17) and KASN may then publish it."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from meritopedia.models import Clause, IndicatorLevel

from .assessments import Answer, SelfAssessment
from .filling import Conflict, self_points_by_aspect
from .history import record
from .rounds import IndicatorReview, RoundAspectScore, VerificationRound


class ReviewConflict(Conflict):
    pass


def open_round(assessment: SelfAssessment) -> VerificationRound | None:
    return assessment.rounds.filter(closed_at__isnull=True).first()


def _require_verifier(access) -> None:
    if not access.verifier:
        raise PermissionDenied(gettext("Hanya verifikator yang ditugaskan untuk instansi ini."))


def save_review(round_: VerificationRound, answer: Answer, user, access, expected_version: int | None,
                level: IndicatorLevel | None, finding: str, needs_revision: bool) -> IndicatorReview:
    _require_verifier(access)
    if not round_.is_open:
        raise ValidationError(gettext("Putaran ini sudah ditutup."))
    if level is not None and level.indicator_id != answer.indicator_id:
        raise ValidationError(
            gettext("Nilai yang dipilih tidak ada pada skala indikator %(code)s.") % {"code": answer.indicator.code}
        )
    with transaction.atomic():
        review, created = IndicatorReview.objects.get_or_create(round=round_, answer=answer)
        if not created and expected_version is not None and review.lock_version != expected_version:
            raise ReviewConflict(review)
        old = (review.points, review.finding, review.needs_revision)
        updated = IndicatorReview.objects.filter(pk=review.pk, lock_version=review.lock_version).update(
            level=level,
            points=level.points if level else None,
            finding=finding,
            needs_revision=needs_revision,
            lock_version=F("lock_version") + 1,
            updated_at=timezone.now(),
            updated_by=user,
        )
        if not updated:
            review.refresh_from_db()
            raise ReviewConflict(review)
        review.refresh_from_db()
        changes = {
            name: (before, after)
            for name, before, after in zip(
                ("nilai verifikasi", "temuan", "perlu diperbaiki"),
                old,
                (review.points, review.finding, review.needs_revision),
                strict=True,
            )
            if before != after
        }
        record(review, "assessment.review", user, round_.assessment, changes=changes,
               indicator=answer.indicator.code, round=round_.number)
    return review


def verified_points_by_aspect(round_: VerificationRound) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for aspect_id, points in round_.reviews.values_list("answer__indicator__aspect_id", "points"):
        totals[aspect_id] = totals.get(aspect_id, Decimal(0)) + (points or Decimal(0))
    return totals


@transaction.atomic
def close_round(round_: VerificationRound, user, access) -> VerificationRound:
    """Keep the round's aspect scores; open the flagged indicators for revision, or, after Verifikasi Akhir,
    determine the result. Every indicator must have a verified score first."""
    _require_verifier(access)
    round_ = VerificationRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(gettext("Putaran ini sudah ditutup."))
    assessment = round_.assessment
    reviewed = set(round_.reviews.filter(points__isnull=False).values_list("answer_id", flat=True))
    missing = [a.indicator.code for a in assessment.answers.select_related("indicator") if a.pk not in reviewed]
    if missing:
        raise ValidationError(
            gettext("Putaran belum dapat ditutup: %(n)s indikator belum diberi nilai verifikasi (%(codes)s).")
            % {"n": len(missing), "codes": ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
        )
    mine = self_points_by_aspect(assessment)
    verified = verified_points_by_aspect(round_)
    for aspect in assessment.version.aspects.all():
        RoundAspectScore.objects.update_or_create(
            round=round_, aspect=aspect,
            defaults={"self_points": mine.get(aspect.pk, 0), "verified_points": verified.get(aspect.pk, 0)},
        )
    round_.closed_at, round_.closed_by = timezone.now(), user
    round_.save(update_fields=["closed_at", "closed_by"])
    old_status = assessment.get_status_display()
    if round_.is_last:
        _determine(assessment, round_, user)
    else:
        flagged = round_.reviews.filter(needs_revision=True).values_list("answer_id", flat=True)
        assessment.answers.filter(pk__in=list(flagged)).update(revision_open=True)
        assessment.status = SelfAssessment.PERBAIKAN
        assessment.save(update_fields=["status"])
    record(round_, "assessment.round_close", user, assessment,
           changes={"status": (old_status, assessment.get_status_display())}, round=round_.number)
    return round_


def _determine(assessment: SelfAssessment, round_: VerificationRound, user) -> None:
    version = assessment.version
    points = sum(verified_points_by_aspect(round_).values(), Decimal(0))
    band = version.category_for(points)
    assessment.verified_points = points
    assessment.index = version.index_for(points)
    assessment.category = band.name if band else ""
    assessment.determined_at = timezone.now()
    assessment.status = SelfAssessment.DITETAPKAN
    assessment.save(update_fields=["verified_points", "index", "category", "determined_at", "status"])
    record(assessment, "assessment.determine", user, assessment,
           changes={"nilai verifikasi": (None, points), "indeks": (None, assessment.index),
                    "kategori": (None, assessment.category)})


@transaction.atomic
def publish(assessment: SelfAssessment, user, access) -> None:
    """KASN makes the determined result public (on the dashboard); answers, findings and evidence stay private."""
    _require_verifier(access)
    if assessment.status != SelfAssessment.DITETAPKAN:
        raise ValidationError(gettext("Hanya hasil yang sudah ditetapkan yang dapat diterbitkan."))
    if assessment.published_at is None:
        assessment.published_at = timezone.now()
        assessment.save(update_fields=["published_at"])
        record(assessment, "assessment.publish", user, assessment)


def consequence(assessment: SelfAssessment) -> list[Clause]:
    """The Pasal 18 ayat that say what the category brings: the one naming the category's huruf of Pasal 17
    ayat (6), and the ayat after it that refers back to it."""
    band = assessment.version.bands.filter(name=assessment.category).select_related("clause").first()
    if band is None or band.clause is None:
        return []
    ayat = list(Clause.objects.filter(regulation=band.clause.regulation, pasal=18, kind="ayat").order_by("position"))
    reference = f"Pasal 17 ayat (6) huruf {band.clause.huruf}"
    for i, clause in enumerate(ayat):
        if reference in clause.text:
            following = ayat[i + 1: i + 2]
            if following and f"ayat ({clause.ayat})" in following[0].text:
                return [clause, following[0]]
            return [clause]
    return []
