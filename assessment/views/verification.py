"""The verifikator's pages: the instansi assigned to them, closing a round, and publishing a determined result.
Scoring each indicator happens on the aspect pages (`answers.aspect_form`), beside the team's answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import verification
from ..access import verified_instansi
from ..assessments import SelfAssessment
from .common import members_only, private, scope


@members_only
def assigned(request):
    """Every instansi the visitor verifies, with each year's status: the SIPINTER view of the deck."""
    instansi = list(verified_instansi(request.user))
    assessments = {}
    for item in SelfAssessment.objects.filter(instansi__in=instansi).order_by("-year"):
        assessments.setdefault(item.instansi_id, []).append(item)
    rows = [{"instansi": i, "assessments": assessments.get(i.pk, [])} for i in instansi]
    return private(TemplateResponse(request, "assessment/verifier.html", {"rows": rows}))


def _act(request, year, instansi_id, action, done: str):
    place = scope(request, year, instansi_id)
    try:
        action(place)
    except (ValidationError, PermissionDenied) as error:
        for text in getattr(error, "messages", [str(error)]):
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect(place.url("assessment_year"))


@members_only
@require_POST
def close(request, year, instansi_id=None):
    def action(place):
        round_ = verification.open_round(place.assessment)
        if round_ is None:
            raise ValidationError(_("Tidak ada putaran verifikasi yang sedang berjalan."))
        verification.close_round(round_, request.user, place.access)

    return _act(request, year, instansi_id, action, _("Putaran verifikasi ditutup."))


@members_only
@require_POST
def publish(request, year, instansi_id=None):
    def action(place):
        verification.publish(place.assessment, request.user, place.access)

    return _act(request, year, instansi_id, action, _("Hasil penilaian diterbitkan untuk dasbor nasional."))
