"""What changed between two submissions: each answer as its revision stood when round N-1 was opened and when
round N was, and the evidence added or removed in between. This is what the verifikator reads first."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .assessments import Answer, SelfAssessment
from .history import answer_revisions
from .templatetags.assessment_tags import points

FIELDS = [("points", _("Nilai mandiri")), ("narrative", _("Uraian")), ("progress", _("Kemajuan"))]
PROGRESS = dict(Answer.PROGRESS_CHOICES)


def _as_of(revisions, moment):
    """The answer's content in the last revision saved before `moment`; None when there was none yet."""
    content = None
    for revision in revisions:
        if revision.created_at > moment:
            break
        content = revision.content
    return content


def _shown(field: str, value):
    if value in (None, ""):
        return "–"
    if field == "progress":
        return PROGRESS.get(value, value)
    if field == "points":
        return points(Decimal(value))
    return value


def round_changes(assessment: SelfAssessment, number: int) -> dict | None:
    rounds = {r.number: r for r in assessment.rounds.all()}
    current = rounds.get(number)
    if current is None:
        return None
    previous = rounds.get(number - 1)
    answers = list(assessment.answers.select_related("indicator__aspect").prefetch_related("evidence"))
    revisions = answer_revisions(answers)
    rows = []
    for answer in answers:
        history = revisions.get(str(answer.pk), [])
        before = _as_of(history, previous.submitted_at) if previous else None
        after = _as_of(history, current.submitted_at)
        fields = []
        if previous is not None and after is not None and before != after:
            for field, label in FIELDS:
                old, new = (before or {}).get(field), after.get(field)
                if old != new:
                    fields.append({"label": label, "old": _shown(field, old), "new": _shown(field, new)})
        evidence = []
        if previous is not None:
            for item in answer.evidence.all():
                if previous.submitted_at < item.added_at <= current.submitted_at:
                    evidence.append({"change": _("ditambahkan"), "item": item})
                if item.removed_at and previous.submitted_at < item.removed_at <= current.submitted_at:
                    evidence.append({"change": _("dihapus"), "item": item})
        if fields or evidence:
            rows.append({"answer": answer, "fields": fields, "evidence": evidence})
    return {
        "round": current,
        "previous": previous,
        "rows": rows,
        "unchanged": len(answers) - len(rows),
        "flagged": set(previous.reviews.filter(needs_revision=True).values_list("answer_id", flat=True))
        if previous
        else set(),
    }

