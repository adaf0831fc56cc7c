"""The penilaian mandiri in the Wagtail admin: KASN sets up teams, their ketua and the verifikator assignments
there. Answers, scores and evidence are not in the admin: only the team and its verifikator see them."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .history import ACTIONS
from .teams import Team, TeamMember, VerifierAssignment


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
    menu_label = "Penilaian mandiri"
    menu_icon = "form"
    menu_order = 270
    items = (TeamViewSet, TeamMemberViewSet, VerifierAssignmentViewSet)


register_snippet(AssessmentGroup)


@hooks.register("register_log_actions")
def register_assessment_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
