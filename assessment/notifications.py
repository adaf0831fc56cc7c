"""Who hears what, by e-mail: receivers of `assessment.signals` that queue the e-mail tasks. Connected when the
app is ready (`assessment.apps`)."""

from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse

from portal.site_address import absolute_url

from .invitation_mail import send_invitation
from .signals import invitation_sent


@receiver(invitation_sent, dispatch_uid="assessment_invitation_sent")
def _invitation_sent(sender, invitation, request, **kwargs):
    link = absolute_url(reverse("assessment_invitation", args=[invitation.token]))  # not the request's Host header
    transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk, link))
