from django.apps import AppConfig


class CopConfig(AppConfig):
    name = "cop"
    verbose_name = "Community of Practice"

    def ready(self):
        from wagtail.signals import task_rejected, workflow_approved

        from .practices import tell_member_approved, tell_member_changes_requested

        workflow_approved.connect(tell_member_approved, dispatch_uid="practice_approved")
        task_rejected.connect(tell_member_changes_requested, dispatch_uid="practice_changes_requested")
