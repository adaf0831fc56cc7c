"""The penilaian mandiri's models, one module per thing a KASN verifikator names; Django finds them here."""

from .action_plan import ActionItem
from .assessments import Answer, Evidence, SelfAssessment
from .log_entries import AssessmentLogEntry
from .rounds import IndicatorReview, RoundAspectScore, VerificationRound
from .teams import Invitation, Team, TeamMember, VerifierAssignment

__all__ = [
    "ActionItem",
    "Answer",
    "AssessmentLogEntry",
    "Evidence",
    "IndicatorReview",
    "Invitation",
    "RoundAspectScore",
    "SelfAssessment",
    "Team",
    "TeamMember",
    "VerificationRound",
    "VerifierAssignment",
]
