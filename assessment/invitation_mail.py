"""The invitation e-mail, written in the background: it names the team and carries the one-time link, nothing of
the assessment itself."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from cop.members import mail_language, public_name

from .teams import Invitation


@task()
def send_invitation(invitation_id: int, link: str) -> str:
    invitation = Invitation.objects.select_related("team__instansi", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_open:
        return "batal"
    # Someone who already has an account reads it in their e-mail language; a newcomer in Indonesian.
    invitee = get_user_model().objects.filter(email__iexact=invitation.email).select_related("member_profile").first()
    with translation.override(mail_language(invitee)):
        _send(invitation, link)
    return "terkirim"


def _send(invitation, link: str) -> None:
    body = render_to_string(
        "assessment/email/invitation.txt",
        {
            "invitation": invitation,
            "team": invitation.team,
            "inviter": public_name(invitation.invited_by) if invitation.invited_by else _("Ketua tim"),
            "link": link,
            "days": Invitation.VALID_DAYS,
        },
    )
    subject = _("Undangan bergabung dengan Tim Penilaian Mandiri %(instansi)s") % {
        "instansi": invitation.team.instansi
    }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
