"""Who hears what, by e-mail: the answers to the CoP's own signals (`cop.signals`) and to Wagtail's workflow
signals, each queueing the task that writes the e-mail. Connected when the app is ready (`cop.apps`)."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver
from wagtail.signals import task_rejected, workflow_approved

from .members import MemberProfile
from .moderation import practice_of
from .signals import guidance_decided, practice_declined, seat_given, waitlisted
from .tasks import (
    schedule_reminder,
    send_guidance_decision,
    send_practice_decision,
    send_promotion_email,
    send_registration_confirmation,
)


@receiver(user_signed_up, dispatch_uid="member_signed_up")
def _signed_up(sender, request, user, **kwargs):
    """The profile from the first page on, so the sign-up's language (Indonesian, or English under /en/) is the
    member's e-mail language until they choose another."""
    MemberProfile.for_user(user)


@receiver(seat_given, dispatch_uid="seat_given")
def _seat_given(sender, registration, promoted, **kwargs):
    if promoted:
        send_promotion_email.enqueue(registration.pk)
    else:
        send_registration_confirmation.enqueue(registration.pk)
    schedule_reminder(registration)


@receiver(waitlisted, dispatch_uid="waitlisted")
def _waitlisted(sender, registration, **kwargs):
    send_registration_confirmation.enqueue(registration.pk)


@receiver(workflow_approved, dispatch_uid="practice_approved")
def _practice_approved(sender, instance, user=None, **kwargs):
    if practice := practice_of(instance):
        send_practice_decision.enqueue(practice.pk, "terbit")


@receiver(task_rejected, dispatch_uid="practice_changes_requested")
def _practice_changes_requested(sender, instance, user=None, **kwargs):
    """`task_rejected` is Wagtail's "request changes"; a decline is `practice_declined`."""
    if practice := practice_of(instance.workflow_state):
        send_practice_decision.enqueue(practice.pk, "perbaikan", instance.comment)


@receiver(practice_declined, dispatch_uid="practice_declined")
def _practice_declined(sender, practice, reason, **kwargs):
    send_practice_decision.enqueue(practice.pk, "ditolak", reason)


@receiver(guidance_decided, dispatch_uid="guidance_decided")
def _guidance_decided(sender, proposal, **kwargs):
    send_guidance_decision.enqueue(proposal.pk)
