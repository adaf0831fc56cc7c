"""The learning path page (Internalisasi): the team's gaps, largest first, with what the portal offers on each,
and the way to turn one into a rencana aksi item."""

from django.db.models import Count
from django.template.response import TemplateResponse

from ..action_plan import ActionItem
from ..learning_path import learning_path
from .common import members_only, private, scope


@members_only
def path_page(request, year, instansi_id=None):
    """The team's and its verifikator's alike; only the team sees the buttons that plan an action."""
    place = scope(request, year, instansi_id)
    assessment = place.assessment
    steps = learning_path(assessment)
    planned = dict(
        ActionItem.objects.filter(assessment=assessment, indicator__isnull=False)
        .exclude(status=ActionItem.DONE)
        .order_by()
        .values_list("indicator_id")
        .annotate(n=Count("pk"))
    )
    for step in steps:
        step.open_actions = planned.get(step.indicator.pk, 0)
    context = {
        "scope": place,
        "assessment": assessment,
        "instansi": place.instansi,
        "steps": steps,
        "total_gap": sum((step.gap for step in steps), 0),
        "verified_any": any(step.verified for step in steps),
    }
    return private(TemplateResponse(request, "assessment/learning_path.html", context))
