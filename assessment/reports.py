"""The assessment report: the year's scores per aspect and round, each indicator's answer and finding, the
determined result with what it brings (Pasal 18), the rencana aksi and last year's scores beside this year's.

Read once, in a fixed number of queries however many indicators and rounds, so that the page, the PDF, the
workbook and the CSV all show the same figures.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.text import Truncator
from django.utils.translation import gettext

from meritopedia.models import Aspect, Clause, IndicatorLevel

from .action_plan import ActionItem
from .assessments import Answer, SelfAssessment
from .rounds import ROUND_CHOICES, IndicatorReview, RoundAspectScore, VerificationRound
from .verification import consequence

CLAUSE_WORDS = 24
ROUND_NAMES = dict(ROUND_CHOICES)


@dataclass
class RoundColumn:
    number: int
    name: str
    is_open: bool
    closed_at: object = None


@dataclass
class IndicatorLine:
    answer: Answer
    clause_short: str
    max_points: Decimal | None
    verified_points: Decimal | None = None
    verified_round: int | None = None
    finding: str = ""
    flagged: bool = False

    @property
    def indicator(self):
        return self.answer.indicator

    @property
    def code(self) -> str:
        return self.answer.indicator.code

    @property
    def level(self) -> IndicatorLevel | None:
        return self.answer.level

    @property
    def self_points(self) -> Decimal | None:
        return self.answer.points

    @property
    def verified_round_name(self) -> str:
        return str(ROUND_NAMES.get(self.verified_round, "")) if self.verified_round else ""


@dataclass
class AspectLine:
    """One aspect's row (or, with no aspect, the total): verified points line up with `Report.rounds`."""

    aspect: Aspect | None
    max_points: Decimal
    self_points: Decimal
    verified: list = field(default_factory=list)
    previous: Decimal | None = None
    settled: Decimal | None = None
    indicators: list = field(default_factory=list)

    @property
    def latest(self) -> Decimal:
        """This year's points as far as they are settled: the last closed round's, else the team's own (an open
        round's are a sum of what is scored so far, not yet a figure to compare)."""
        return self.self_points if self.settled is None else self.settled

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.latest - self.previous


@dataclass
class Report:
    assessment: SelfAssessment
    rounds: list[RoundColumn]
    aspects: list[AspectLine]
    total: AspectLine
    self_index: Decimal | None
    self_category: str
    consequence: list[Clause]
    actions: list[ActionItem]
    previous: SelfAssessment | None = None
    previous_verified: bool = False

    @property
    def instansi(self):
        return self.assessment.instansi

    @property
    def year(self) -> int:
        return self.assessment.year

    @property
    def version(self):
        return self.assessment.version

    @property
    def is_determined(self) -> bool:
        return self.assessment.status == SelfAssessment.DITETAPKAN

    @property
    def round_totals(self) -> list[tuple[RoundColumn, Decimal | None]]:
        return list(zip(self.rounds, self.total.verified, strict=True))

    @property
    def indicators(self) -> list[IndicatorLine]:
        return [line for aspect in self.aspects for line in aspect.indicators]

    @property
    def previous_label(self) -> str:
        if self.previous is None:
            return ""
        if self.previous_verified:
            return gettext("Nilai verifikasi %(year)s") % {"year": self.previous.year}
        return gettext("Nilai mandiri %(year)s") % {"year": self.previous.year}


def build(assessment: SelfAssessment) -> Report:
    """The report of one assessment; `assessment` comes with its version (as `views.common.scope` reads it)."""
    version = assessment.version
    aspects = list(Aspect.objects.filter(version=version).order_by("position"))
    version.total_points = sum((aspect.max_points for aspect in aspects), Decimal(0))  # read, not asked again
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .select_related("indicator__clause", "level")
        .prefetch_related(Prefetch("indicator__levels", IndicatorLevel.objects.order_by("points")))
    )
    rounds = list(VerificationRound.objects.filter(assessment=assessment).order_by("number"))
    columns = [RoundColumn(r.number, str(ROUND_NAMES.get(r.number, r.number)), r.is_open, r.closed_at) for r in rounds]
    position = {r.pk: i for i, r in enumerate(rounds)}

    # Closed rounds keep their aspect scores; an open round's are added up from its reviews so far.
    verified = {aspect.pk: [None] * len(rounds) for aspect in aspects}
    for round_id, aspect_id, points in RoundAspectScore.objects.filter(round__assessment=assessment).values_list(
        "round_id", "aspect_id", "verified_points"
    ):
        if aspect_id in verified:
            verified[aspect_id][position[round_id]] = points

    aspect_of = {answer.pk: answer.indicator.aspect_id for answer in answers}
    open_rounds = {r.pk for r in rounds if r.is_open}
    latest_review: dict[int, tuple] = {}
    reviews = IndicatorReview.objects.filter(round__assessment=assessment).order_by("round__number")
    for round_id, answer_id, points, finding, needs_revision in reviews.values_list(
        "round_id", "answer_id", "points", "finding", "needs_revision"
    ):
        latest_review[answer_id] = (round_id, points, finding, needs_revision)
        if round_id in open_rounds and points is not None and answer_id in aspect_of:
            row = verified[aspect_of[answer_id]]
            row[position[round_id]] = (row[position[round_id]] or Decimal(0)) + points

    lines = {aspect.pk: AspectLine(aspect, aspect.max_points, Decimal(0), verified[aspect.pk]) for aspect in aspects}
    number_of = {r.pk: r.number for r in rounds}
    for answer in answers:
        line = IndicatorLine(
            answer=answer,
            clause_short=Truncator(answer.indicator.clause.text.strip()).words(CLAUSE_WORDS),
            max_points=answer.indicator.max_points,
        )
        if review := latest_review.get(answer.pk):
            round_id, line.verified_points, line.finding, line.flagged = review
            line.verified_round = number_of[round_id]
        aspect_line = lines[answer.indicator.aspect_id]
        aspect_line.indicators.append(line)
        aspect_line.self_points += answer.points or Decimal(0)

    closed = [i for i, r in enumerate(rounds) if not r.is_open]
    for line in lines.values():
        line.settled = line.verified[closed[-1]] if closed else None
    previous, previous_verified = _previous(assessment, lines, aspects)
    aspect_lines = [lines[aspect.pk] for aspect in aspects]
    total = AspectLine(
        None,
        sum((line.max_points for line in aspect_lines), Decimal(0)),
        sum((line.self_points for line in aspect_lines), Decimal(0)),
        [_sum(line.verified[i] for line in aspect_lines) for i in range(len(rounds))],
        _sum(line.previous for line in aspect_lines) if previous else None,
        _sum(line.settled for line in aspect_lines) if closed else None,
    )
    band = version.category_for(total.self_points) if total.max_points else None
    clauses = consequence(assessment) if assessment.category else []
    prefetch_related_objects(clauses, "regulation")  # for their citation, read once
    return Report(
        assessment=assessment,
        rounds=columns,
        aspects=aspect_lines,
        total=total,
        self_index=version.index_for(total.self_points) if total.max_points else None,
        self_category=band.name if band else "",
        consequence=clauses,
        actions=list(
            ActionItem.objects.filter(assessment=assessment).select_related("indicator", "owner")
            .order_by("due_date", "pk")
        ),
        previous=previous,
        previous_verified=previous_verified,
    )


def _sum(values) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _previous(assessment: SelfAssessment, lines: dict, aspects: list[Aspect]):
    """Last year's assessment (the latest before this one) and its points per aspect, matched by the aspect's
    huruf of Pasal 6 ayat (2) so a new rubric version still compares: verified once determined, else the team's."""
    previous = (
        SelfAssessment.objects.filter(instansi_id=assessment.instansi_id, year__lt=assessment.year)
        .order_by("-year").first()
    )
    if previous is None:
        return None, False
    by_letter: dict[str, Decimal] = {}
    verified = previous.status == SelfAssessment.DITETAPKAN
    if verified:
        scores = RoundAspectScore.objects.filter(round__assessment=previous, round__closed_at__isnull=False)
        for letter, points in scores.order_by("round__number").values_list("aspect__letter", "verified_points"):
            by_letter[letter] = points  # the last closed round wins
    else:
        for letter, points in Answer.objects.filter(assessment=previous).values_list(
            "indicator__aspect__letter", "points"
        ):
            by_letter[letter] = by_letter.get(letter, Decimal(0)) + (points or Decimal(0))
    for aspect in aspects:
        lines[aspect.pk].previous = by_letter.get(aspect.letter)
    return previous, verified
