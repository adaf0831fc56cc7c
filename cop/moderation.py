"""Moderation of members' practices: the workflow task "Moderasi kiriman anggota" in Wagtail's admin.

Approve and "request changes" are Wagtail's own group approval; this adds "Tolak", a decline with the reason the
member reads. What the member is told is answered in `cop.notifications`.
"""

from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .practices import GoodPracticePage
from .signals import practice_declined


class PracticeReviewTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, plus "Tolak": a submission that will not be published. Approving the last step
    publishes the page."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions = [
                ("reject", "Minta perbaikan", True),
                ("approve", "Setujui dan terbitkan", False),
                ("approve", "Setujui dengan komentar", True),
                ("decline", "Tolak kiriman", True),
            ]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            decline(task_state, user, kwargs.get("comment", ""))
        else:
            super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Editor dalam grup terpilih menyetujui, meminta perbaikan, atau menolak kiriman anggota."

    class Meta:
        verbose_name = "Moderasi kiriman anggota"
        verbose_name_plural = "Moderasi kiriman anggota"


def decline(task_state, user, reason: str) -> None:
    """Ends the submission's workflow for good: the task keeps the reason, the workflow is cancelled."""
    # TaskState.reject() would announce "request changes" (task_rejected); a decline is announced on its own.
    task_state.status = TaskState.STATUS_REJECTED
    task_state.finished_at = timezone.now()
    task_state.finished_by = user
    task_state.comment = reason
    task_state.save()
    task_state.log_state_change_action(user, "reject")
    workflow_state = task_state.workflow_state
    workflow_state.cancel(user=user)
    if practice := practice_of(workflow_state):
        practice_declined.send(PracticeReviewTask, practice=practice, reason=reason)


def practice_of(workflow_state) -> GoodPracticePage | None:
    """The practice a workflow state moderates, or None for any other page's workflow."""
    page = workflow_state.content_object
    specific = getattr(page, "specific_deferred", None)
    return specific if isinstance(specific, GoodPracticePage) else None
