"""The learning path (Internalisasi): from the team's current answers, the indicators ranked by the points still
to gain, each with what the portal knows about it. Read in a fixed number of queries, however many gaps."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from cop.models import EventPage, GoodPracticePage
from meritopedia.models import ArticlePage, HandbookChapterPage, Indicator, IndicatorPage

from .assessments import Answer, SelfAssessment
from .rounds import LAST_ROUND, IndicatorReview

PER_KIND = 3


@dataclass
class Step:
    """One indicator with points still to gain. Each practice carries `same_kind` (its instansi is of the team's
    kind) and `is_better` (that instansi's published result scored higher on this indicator)."""

    indicator: Indicator
    points: Decimal
    max_points: Decimal
    verified: bool
    page: IndicatorPage | None = None
    practices: list = field(default_factory=list)
    better_practices: set = field(default_factory=set)
    articles: list = field(default_factory=list)
    chapters: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        return self.max_points - self.points


def current_points(assessment: SelfAssessment) -> dict[int, tuple[Decimal, bool]]:
    """indicator id -> (points, verified?): the latest closed round's verified score, else the team's draft."""
    points = {
        indicator_id: (p or Decimal(0), False)
        for indicator_id, p in assessment.answers.values_list("indicator_id", "points")
    }
    last = assessment.rounds.filter(closed_at__isnull=False).order_by("-number").first()
    if last:
        for indicator_id, p in last.reviews.values_list("answer__indicator_id", "points"):
            if p is not None:
                points[indicator_id] = (p, True)
    return points


def _linked(model, ids, **filters):
    """Live public pages of `model` naming any of the indicators, with the indicator they name as `via` (the
    annotation reuses the filter's join, so a page naming two of them comes once for each)."""
    return (
        model.objects.live().public().filter(indicators__in=ids, **filters).annotate(via=F("indicators"))
        .order_by(*getattr(model, "listing_order", ["-first_published_at"]), "pk")
    )


def learning_path(assessment: SelfAssessment, limit: int | None = None) -> list[Step]:
    """The gaps, largest first, each with its page, practices, articles, chapters and upcoming events; `limit`
    keeps the first steps only and reads the linked content for those alone."""
    indicators = list(
        Indicator.objects.filter(aspect__version=assessment.version)
        .select_related("aspect", "clause__regulation", "page")
        .prefetch_related("levels")
    )
    reached = current_points(assessment)
    steps = []
    for indicator in indicators:
        top = indicator.max_points
        if top is None:
            continue
        points, verified = reached.get(indicator.pk, (Decimal(0), False))
        if points < top:
            page = getattr(indicator, "page", None)
            steps.append(Step(indicator, points, top, verified, page=page if page is not None and page.live else None))
    steps.sort(key=lambda s: (-s.gap, s.indicator.aspect.position, s.indicator.position))
    if limit:
        steps = steps[:limit]
    by_id = {s.indicator.pk: s for s in steps}
    ids = list(by_id)
    if not ids:
        return steps
    instansi = assessment.instansi
    better = _better_instansi(assessment, reached, steps)
    found: dict[int, list] = {}
    for practice in _linked(GoodPracticePage, ids).exclude(instansi=instansi).select_related("instansi"):
        # One row per indicator the practice names: the marks belong to this indicator, so each row is its own.
        practice.same_kind = practice.instansi is not None and practice.instansi.kind == instansi.kind
        practice.is_better = practice.instansi_id in better.get(practice.via, ())
        found.setdefault(practice.via, []).append(practice)
    for indicator_id, practices in found.items():
        step = by_id[indicator_id]
        practices.sort(key=lambda p: (not p.is_better, not p.same_kind))  # stable: newest first within each
        step.practices = practices[:PER_KIND]
        step.better_practices = {p.pk for p in step.practices if p.is_better}
    for article in _linked(ArticlePage, ids):
        _add(by_id[article.via].articles, article)
    for chapter in _linked(HandbookChapterPage, ids):
        _add(by_id[chapter.via].chapters, chapter)
    for event in _linked(EventPage, ids, start__gte=timezone.now()).order_by("start", "pk"):
        _add(by_id[event.via].events, event)
    return steps


def _add(items: list, page) -> None:
    if len(items) < PER_KIND:
        items.append(page)


def _better_instansi(assessment: SelfAssessment, reached, steps: list[Step]) -> dict[int, set[int]]:
    """indicator id -> instansi of the same kind whose *published* result scored higher on it. Only published
    results are read, so no one's private scores decide what another team sees. Indicators are matched by code,
    so a result on an earlier rubric version still counts."""
    code_to_id = {s.indicator.code: s.indicator.pk for s in steps}
    better: dict[int, set[int]] = {}
    reviews = (
        IndicatorReview.objects.filter(
            round__number=LAST_ROUND,
            round__closed_at__isnull=False,
            round__assessment__published_at__isnull=False,
            round__assessment__instansi__kind=assessment.instansi.kind,
            answer__indicator__code__in=list(code_to_id),
            points__isnull=False,
        )
        .exclude(round__assessment__instansi=assessment.instansi)
        .values_list("answer__indicator__code", "round__assessment__instansi_id", "points")
    )
    for code, instansi_id, points in reviews:
        indicator_id = code_to_id[code]
        if points > reached.get(indicator_id, (Decimal(0), False))[0]:
            better.setdefault(indicator_id, set()).add(instansi_id)
    return better


def progress_by_aspect(assessment: SelfAssessment) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    for aspect_id, progress in assessment.answers.values_list("indicator__aspect_id", "progress"):
        row = counts.setdefault(aspect_id, {Answer.BELUM: 0, Answer.SEDANG: 0, Answer.SIAP: 0})
        row[progress] += 1
    return counts
