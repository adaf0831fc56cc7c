"""The penilaian mandiri in the Wagtail admin: KASN sets up teams, their ketua and the verifikator assignments
there. Answers, scores and evidence are not in the admin: only the team and its verifikator see them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .action_plan import ActionItem
from .assessments import Answer, Evidence, SelfAssessment
from .history import ACTIONS
from .log_entries import AssessmentLogEntry
from .rounds import IndicatorReview, VerificationRound
from .teams import Team, TeamMember, VerifierAssignment

# What the team and its verifikator alone may read; its audit trail stays out of the admin's site history.
PRIVATE_TRAIL = (SelfAssessment, Answer, Evidence, VerificationRound, IndicatorReview, ActionItem)


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    list_display = ["instansi", "decree", "created_at"]
    search_fields = ["instansi__name"]


class TeamMemberViewSet(SnippetViewSet):
    model = TeamMember
    icon = "user"
    list_display = ["user", "team", "role", "working_group"]
    list_filter = ["role", "working_group"]
    search_fields = ["user__email", "team__instansi__name"]


class VerifierAssignmentViewSet(SnippetViewSet):
    model = VerifierAssignment
    icon = "tick"
    list_display = ["user", "instansi"]
    search_fields = ["user__email", "instansi__name"]


class AssessmentGroup(SnippetViewSetGroup):
    menu_label = _("Penilaian mandiri")
    menu_icon = "form"
    menu_order = 270
    items = (TeamViewSet, TeamMemberViewSet, VerifierAssignmentViewSet)


register_snippet(AssessmentGroup)


@hooks.register("register_log_actions")
def register_assessment_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
    for model in PRIVATE_TRAIL:
        actions.register_model(model, AssessmentLogEntry)
