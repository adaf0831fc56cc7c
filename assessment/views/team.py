"""The team page: who is on the Tim Penilaian Mandiri and in which kelompok kerja, and the ketua's invitations.
An invitation is accepted only while signed in with the invited address (allauth verifies addresses)."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import membership
from ..forms import InvitationForm
from ..history import record
from ..signals import invitation_sent
from ..teams import Invitation, TeamMember
from .common import members_only, private


@members_only
def team_page(request):
    member = membership(request.user)
    if member is None:
        return redirect("assessment_workspace")
    team = member.team
    is_ketua = member.role == TeamMember.KETUA
    form = InvitationForm(request.POST or None) if is_ketua else None
    if request.method == "POST":
        if not is_ketua:
            raise Http404
        if form.is_valid():
            email = form.cleaned_data["email"].lower()
            if TeamMember.objects.filter(user__email__iexact=email).exists():
                form.add_error("email", _("Pemilik alamat ini sudah menjadi anggota sebuah tim penilaian."))
            else:
                invitation = Invitation.objects.create(
                    team=team, email=email, working_group=form.cleaned_data["working_group"], invited_by=request.user
                )
                invitation_sent.send(Invitation, invitation=invitation, request=request)
                messages.success(request, _("Undangan dikirim ke %(email)s.") % {"email": email})
                return redirect("assessment_team")
    context = {
        "team": team,
        "member": member,
        "is_ketua": is_ketua,
        "members": team.members.select_related("user__member_profile").order_by("role", "working_group"),
        "invitations": team.invitations.filter(accepted_at__isnull=True).order_by("-created_at") if is_ketua else [],
        "form": form,
    }
    status = 400 if form and form.errors else 200
    return private(TemplateResponse(request, "assessment/team.html", context, status=status))


def accept(request, token):
    """The link in the invitation e-mail: sign in (or sign up) with the invited address, then confirm here."""
    invitation = get_object_or_404(Invitation.objects.select_related("team__instansi"), token=token)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"invitation": invitation}
    owns_address = EmailAddress.objects.filter(
        user=request.user, email__iexact=invitation.email, verified=True
    ).exists()
    if not invitation.is_open:
        context["problem"] = _("Undangan ini sudah dipakai atau kedaluwarsa. Minta ketua tim mengirim undangan baru.")
    elif not owns_address:
        context["problem"] = _(
            "Undangan ini untuk alamat email lain. Masuk dengan akun yang memakai alamat undangan "
            "(alamatnya harus sudah dikonfirmasi)."
        )
    elif membership(request.user) is not None:
        context["problem"] = _("Anda sudah menjadi anggota sebuah tim penilaian.")
    elif request.method == "POST":
        try:
            with transaction.atomic():
                TeamMember.objects.create(
                    team=invitation.team,
                    user=request.user,
                    working_group=invitation.working_group,
                    granted_by=invitation.invited_by,
                )
                Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
                record(invitation.team, "assessment.team", request.user, changes={"anggota": ("", request.user.email)})
        except IntegrityError:
            context["problem"] = _("Anda sudah menjadi anggota sebuah tim penilaian.")
        else:
            messages.success(request, _("Anda kini anggota %(team)s.") % {"team": invitation.team})
            return redirect("assessment_workspace")
    return private(TemplateResponse(request, "assessment/invitation.html", context))

