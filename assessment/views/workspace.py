"""The team's workspace: where its assessment stands, aspect by aspect, what to learn next, and its trail."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meritopedia.models import Clause

from .. import filling, verification
from ..access import Access, membership, verified_instansi
from ..assessments import SelfAssessment
from ..changes import round_changes
from ..history import entries_of
from ..learning_path import learning_path, progress_by_aspect
from ..rounds import RoundAspectScore
from .common import Scope, members_only, private, scope


@members_only
def workspace(request):
    """/penilaian/: the member's own team and this year's assessment; a verifikator's instansi; or, for a member
    on no team, how a team is formed (Pasal 7)."""
    member = membership(request.user)
    verifies = list(verified_instansi(request.user))
    year = timezone.localdate().year
    context = {"member": member, "verifies": verifies, "year": year}
    if member is None:
        context["pasal_7"] = Clause.objects.filter(pasal=7).order_by("position").first()
        return private(TemplateResponse(request, "assessment/no_team.html", context))
    instansi = member.team.instansi
    assessments = list(SelfAssessment.objects.filter(instansi=instansi).order_by("-year"))
    current = next((a for a in assessments if a.year == year), None)
    context.update(
        {
            "instansi": instansi,
            "assessments": assessments,
            "current": current,
            "is_ketua": member.role == member.KETUA,
            "scale_problems": _scale_problems() if current is None else [],
        }
    )
    # This year's assessment, or until it starts the latest one, whose learning path and rencana aksi still run.
    shown = current or (assessments[0] if assessments else None)
    if shown:
        context["shown"] = shown
        context["scope"] = Scope(instansi, _access(member), shown.year, {"year": shown.year}, shown)
        context.update(_overview(shown))
        context["steps"] = learning_path(shown, limit=5)
        context["actions"] = list(shown.actions.all())
    return private(TemplateResponse(request, "assessment/workspace.html", context))


def _access(member):
    return Access(member=member)


def _scale_problems() -> list[str]:
    try:
        filling.current_version()
    except ValidationError as error:
        return error.messages
    return []


def _overview(assessment: SelfAssessment) -> dict:
    """The aspects with their progress and points, and the rounds with the aspect scores each kept."""
    aspects = list(assessment.version.aspects.all())
    progress = progress_by_aspect(assessment)
    own = filling.self_points_by_aspect(assessment)
    rounds = list(assessment.rounds.order_by("number"))
    kept = {}
    for score in RoundAspectScore.objects.filter(round__assessment=assessment):
        kept[(score.round_id, score.aspect_id)] = score
    rows = []
    for aspect in aspects:
        counts = progress.get(aspect.pk, {})
        rows.append(
            {
                "aspect": aspect,
                "counts": counts,
                "total": sum(counts.values()),
                "points": own.get(aspect.pk),
                "rounds": [kept.get((r.pk, aspect.pk)) for r in rounds],
            }
        )
    return {"aspect_rows": rows, "rounds": rounds, "open_round": next((r for r in rounds if r.is_open), None)}


@members_only
@require_POST
def start(request):
    """The ketua starts this year's assessment (from last year's answers, marked to be checked again)."""
    member = membership(request.user)
    if member is None or member.role != member.KETUA:
        raise Http404
    year = timezone.localdate().year
    try:
        assessment = filling.start(member.team.instansi, year, request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("assessment_workspace")
    messages.success(request, _("Penilaian mandiri %(year)s dimulai.") % {"year": year})
    return redirect(assessment.get_absolute_url())


@members_only
def overview(request, year, instansi_id=None):
    place = scope(request, year, instansi_id)
    assessment = place.assessment
    context = {"scope": place, "assessment": assessment, "instansi": place.instansi, **_overview(assessment)}
    if assessment.status == SelfAssessment.DITETAPKAN:
        context["consequence"] = verification.consequence(assessment)
    context["missing"] = filling.unanswered(assessment) if place.access.is_ketua else []
    return private(TemplateResponse(request, "assessment/overview.html", context))


@members_only
@require_POST
def submit(request, year, instansi_id=None):
    place = scope(request, year, instansi_id)
    try:
        round_ = filling.submit(place.assessment, request.user, place.access)
    except (ValidationError, PermissionDenied) as error:
        for text in getattr(error, "messages", [str(error)]):
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("Penilaian diajukan ke KASN untuk %(round)s. Indikator terkunci sampai verifikator selesai.")
            % {"round": round_.get_number_display()},
        )
    return redirect(place.url("assessment_year"))


@members_only
def history(request, year, instansi_id=None):
    place = scope(request, year, instansi_id)
    entries = list(entries_of(place.assessment)[:500])
    return private(
        TemplateResponse(
            request, "assessment/history.html", {"scope": place, "assessment": place.assessment, "entries": entries}
        )
    )


@members_only
def changes(request, year, round_number, instansi_id=None):
    """What the team changed between the submission that opened round N-1 and the one that opened round N."""
    place = scope(request, year, instansi_id)
    found = round_changes(place.assessment, round_number)
    if found is None:
        raise Http404(_("Putaran tidak ditemukan."))
    return private(
        TemplateResponse(
            request,
            "assessment/changes.html",
            {"scope": place, "assessment": place.assessment, **found},
        )
    )
