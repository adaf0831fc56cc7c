"""Building blocks for the penilaian mandiri's tests: a complete scale on the seeded rubric, a team, an assessment
answered through `filling`, and verification rounds through `verification`, as the views would do them."""

from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model

from assessment.access import Access
from assessment.assessments import Answer, SelfAssessment
from assessment.filling import AnswerInput, save_answer, start, submit
from assessment.rounds import VerificationRound
from assessment.teams import Team, TeamMember, VerifierAssignment
from assessment.verification import close_round, save_review
from meritopedia.models import Aspect, IndicatorLevel, RubricVersion

# Each indicator's levels as fractions of its top: 0, a quarter, a half, three quarters, all.
FRACTIONS = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))
TENTH = Decimal("0.1")


def make_user(name: str, **fields):
    return get_user_model().objects.create_user(name, f"{name}@contoh.go.id", "rahasia-123", **fields)


def give_scale(version: RubricVersion | None = None) -> RubricVersion:
    """Levels on every indicator of the version (the current one by default) whose tops add up to each aspect's
    maximum: the maximum split evenly in tenths, the remainder on the last indicator. Call it before any answer."""
    version = version or RubricVersion.objects.get(is_current=True)
    IndicatorLevel.objects.filter(indicator__aspect__version=version).delete()
    levels = []
    for aspect in Aspect.objects.filter(version=version).prefetch_related("indicators"):
        indicators = list(aspect.indicators.all())
        share = (aspect.max_points / len(indicators)).quantize(TENTH, rounding=ROUND_DOWN)
        for i, indicator in enumerate(indicators):
            top = share if i < len(indicators) - 1 else aspect.max_points - share * (len(indicators) - 1)
            tops = sorted({(top * fraction).quantize(TENTH) for fraction in FRACTIONS})
            levels += [
                IndicatorLevel(indicator=indicator, points=points, sort_order=n,
                               description=f"Tingkat {n} indikator {indicator.code}: nilai {points}.")
                for n, points in enumerate(tops)
            ]
    IndicatorLevel.objects.bulk_create(levels)
    return RubricVersion.objects.get(pk=version.pk)


def make_team(instansi, ketua_user, members=()) -> Team:
    """The instansi's team with `ketua_user` as ketua; `members` are users or (user, working_group) pairs
    (a bare user joins the first kelompok kerja)."""
    team, _created = Team.objects.get_or_create(instansi=instansi)
    TeamMember.objects.create(team=team, user=ketua_user, role=TeamMember.KETUA)
    for member in members:
        user, group = member if isinstance(member, tuple) else (member, "pengadaan")
        TeamMember.objects.create(team=team, user=user, role=TeamMember.ANGGOTA, working_group=group)
    return team


def ketua_access(assessment: SelfAssessment) -> Access:
    member = TeamMember.objects.get(team__instansi=assessment.instansi, role=TeamMember.KETUA)
    return Access(member=member)


def assign_verifier(instansi, user) -> Access:
    VerifierAssignment.objects.get_or_create(instansi=instansi, user=user)
    return Access(verifier=True)


def make_assessment(instansi, year: int, user) -> SelfAssessment:
    """The year's assessment started by `user`, on a complete scale of the current rubric."""
    version = RubricVersion.objects.get(is_current=True)
    if version.scale_problems():
        give_scale(version)
    return start(instansi, year, user)


def _level(indicator, choice) -> IndicatorLevel | None:
    """`top`, `half`, `zero`, or points (a Decimal, int or text such as "7.5"), on the indicator's scale."""
    levels = sorted(indicator.levels.all(), key=lambda level: level.points)
    if choice is None:
        return None
    if choice == "top":
        return levels[-1]
    if choice == "zero":
        return levels[0]
    if choice == "half":
        wanted = (levels[-1].points / 2).quantize(TENTH)
    else:
        wanted = Decimal(str(choice))
    return next(level for level in levels if level.points == wanted)


def answer_all(assessment: SelfAssessment, user, level_choice="top", narrative="Uraian tim.", levels=None):
    """Every indicator answered and marked ready through `filling.save_answer`; `levels` maps a code to a choice
    that differs from `level_choice`, and `narrative` may be text or a {code: text} mapping."""
    levels = levels or {}
    answers = assessment.answers.select_related("indicator__aspect", "assessment").prefetch_related(
        "indicator__levels"
    )
    for answer in answers:
        code = answer.indicator.code
        text = narrative.get(code, "Uraian tim.") if isinstance(narrative, dict) else narrative
        data = AnswerInput(_level(answer.indicator, levels.get(code, level_choice)), text, Answer.SIAP)
        save_answer(answer, user, answer.lock_version, data)
    assessment.refresh_from_db()
    return assessment


def submit_assessment(assessment: SelfAssessment) -> VerificationRound:
    """The ketua hands it to KASN: opens the next round."""
    ketua = TeamMember.objects.get(team__instansi=assessment.instansi, role=TeamMember.KETUA)
    return submit(assessment, ketua.user, Access(member=ketua))


def verify_round(round_: VerificationRound, verifier, points="self", flag=(), findings=None, close=True):
    """The verifikator scores every indicator of the round and (by default) closes it. `points` is "self" (what
    the team claimed), "top", "half", "zero", or {code: choice} with "self" for the codes it leaves out; the
    codes in `flag` are marked perlu diperbaiki; `findings` maps a code to its finding."""
    assessment = round_.assessment
    access = assign_verifier(assessment.instansi, verifier)
    findings = findings or {}
    per_code = points if isinstance(points, dict) else {}
    answers = assessment.answers.select_related("indicator", "level").prefetch_related("indicator__levels")
    for answer in answers:
        code = answer.indicator.code
        choice = per_code.get(code, "self") if per_code else points
        level = answer.level if choice == "self" else _level(answer.indicator, choice)
        save_review(round_, answer, verifier, access, None, level, findings.get(code, f"Temuan {code}."),
                    code in flag)
    if close:
        close_round(round_, verifier, access)
    round_.refresh_from_db()
    return round_
