"""The rencana aksi (Pasal 6 ayat (2)): the team's actions on its gaps, each with output and outcome targets, an
owner from the team, a due date and a status. The team edits; its verifikator reads. Every change is in the
assessment's trail, and saving an item queues its owner's reminders (`assessment.tasks`)."""

from functools import partial

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cop.members import public_name
from meritopedia.models import Indicator

from ..action_plan import ActionItem
from ..forms import ActionItemForm
from ..history import record
from ..learning_path import current_points
from ..tasks import schedule_reminders
from ..teams import TeamMember
from ..templatetags.assessment_tags import points as format_points
from .common import members_only, private, scope

# How each field is named in the trail.
LABELS = {
    "indicator": gettext_lazy("indikator"),
    "action": gettext_lazy("aksi"),
    "output_target": gettext_lazy("target keluaran"),
    "outcome_target": gettext_lazy("target hasil"),
    "owner": gettext_lazy("penanggung jawab"),
    "due_date": gettext_lazy("tenggat"),
    "status": gettext_lazy("status"),
}


class StatusForm(forms.Form):
    """The plan page's one-click status change."""

    status = forms.ChoiceField(
        choices=ActionItem.STATUS_CHOICES,
        error_messages={
            "required": gettext_lazy("Pilih status rencana aksi."),
            "invalid_choice": gettext_lazy(
                "Status yang dipilih tidak dikenal. Pilih Direncanakan, Berjalan atau Selesai."
            ),
        },
    )


def _items(assessment):
    return list(
        assessment.actions.select_related("indicator__clause", "owner__member_profile__instansi").order_by(
            "due_date", "pk"
        )
    )


def _indicators(assessment) -> list[Indicator]:
    return list(
        Indicator.objects.filter(aspect__version=assessment.version)
        .select_related("clause", "aspect")
        .prefetch_related("levels")
        .order_by("aspect__position", "position")
    )


def _members(assessment) -> list[tuple[object, str]]:
    """(user, label) of the team, ketua first: the only people an item can be given to."""
    members = TeamMember.objects.filter(team__instansi_id=assessment.instansi_id).select_related(
        "user__member_profile__instansi"
    )
    rows = []
    for member in members:
        name = public_name(member.user)
        role = _("Ketua") if member.role == TeamMember.KETUA else member.get_working_group_display()
        rows.append((member.role != TeamMember.KETUA, name.lower(), member.user, f"{name} — {role}" if role else name))
    rows.sort(key=lambda row: row[:2])
    return [(user, label) for _not_ketua, _name, user, label in rows]


def _form(assessment, instance, data=None, initial=None, indicators=None) -> ActionItemForm:
    return ActionItemForm(
        data,
        instance=instance,
        initial=initial,
        indicators=indicators if indicators is not None else _indicators(assessment),
        members=_members(assessment),
        today=timezone.localdate(),
    )


def _snapshot(item: ActionItem) -> dict[str, str]:
    """The item as the trail shows it: names and dates as read, not ids."""
    return {
        "indicator": item.indicator.code if item.indicator else "",
        "action": item.action,
        "output_target": item.output_target,
        "outcome_target": item.outcome_target,
        "owner": public_name(item.owner) if item.owner else "",
        "due_date": date_format(item.due_date, "j F Y") if item.due_date else "",
        "status": str(item.get_status_display()),
    }


def _changes(before: dict, after: dict) -> dict[str, tuple]:
    return {
        str(LABELS[name]): (before.get(name) or None, value or None)
        for name, value in after.items()
        if (before.get(name) or "") != (value or "")
    }


def _groups(items) -> list[dict]:
    return [
        {"code": code, "label": label, "items": [item for item in items if item.status == code]}
        for code, label in ActionItem.STATUS_CHOICES
    ]


def _read_only(request, place):
    messages.error(request, _("Rencana aksi hanya dapat diubah oleh anggota tim; verifikator dapat membacanya."))
    return redirect(place.url("assessment_actions"))


def _prefill(assessment, indicators, code: str) -> tuple[dict, str]:
    """The form's start from a learning-path step (`?indikator=<code>`): the indicator and an outcome target
    naming the points to reach. An unknown code is returned to be reported, and the form starts empty."""
    if not code:
        return {}, ""
    indicator = next((i for i in indicators if i.code == code), None)
    if indicator is None:
        return {}, code
    initial = {"indicator": code}
    top = indicator.max_points
    if top is not None:
        reached, _verified = current_points(assessment).get(indicator.pk, (0, False))
        initial["outcome_target"] = _("Nilai indikator %(code)s naik dari %(points)s menjadi %(max)s.") % {
            "code": code,
            "points": format_points(reached),
            "max": format_points(top),
        }
    return initial, ""


@members_only
def plan(request, year, instansi_id=None):
    """The items grouped by status, and (for the team) the form for a new one."""
    place = scope(request, year, instansi_id)
    assessment = place.assessment
    form, unknown, status = None, "", 200
    if request.method == "POST":
        if not place.access.is_team:
            return _read_only(request, place)
        form = _form(assessment, ActionItem(assessment=assessment, created_by=request.user), data=request.POST)
        if form.is_valid():
            with transaction.atomic():
                item = form.save()
                record(
                    item, "assessment.action", request.user, assessment,
                    changes=_changes({}, _snapshot(item)), item=item.pk,
                )
                transaction.on_commit(partial(schedule_reminders, item.pk), robust=True)
            messages.success(request, _("Rencana aksi tersimpan."))
            return redirect(place.url("assessment_actions") + f"#aksi-{item.pk}")
        status = 400
    elif place.access.is_team:
        indicators = _indicators(assessment)
        initial, unknown = _prefill(assessment, indicators, request.GET.get("indikator", "").strip()[:40])
        form = _form(assessment, ActionItem(assessment=assessment), initial=initial, indicators=indicators)
    items = _items(assessment)
    context = {
        "scope": place,
        "assessment": assessment,
        "instansi": place.instansi,
        "groups": _groups(items),
        "actions": items,
        "form": form,
        "unknown_indicator": unknown,
        "status_choices": ActionItem.STATUS_CHOICES,
    }
    return private(TemplateResponse(request, "assessment/action_plan.html", context, status=status))


@members_only
def edit(request, year, item_id, instansi_id=None):
    """One item: the team changes any of it (or, from the plan page, only its status); the verifikator reads it."""
    place = scope(request, year, instansi_id)
    assessment = place.assessment
    item = get_object_or_404(
        ActionItem.objects.select_related("indicator__clause", "owner__member_profile__instansi"),
        pk=item_id,
        assessment=assessment,
    )
    before = _snapshot(item)
    context = {"scope": place, "assessment": assessment, "instansi": place.instansi, "item": item, "original": before}
    if not place.access.is_team:
        if request.method == "POST":
            return _read_only(request, place)
        return private(TemplateResponse(request, "assessment/action_item_form.html", context))
    old = (item.due_date, item.owner_id, item.status)
    if request.method != "POST":
        context["form"] = _form(assessment, item)
        return private(TemplateResponse(request, "assessment/action_item_form.html", context))
    if "status_only" in request.POST:
        quick = StatusForm(request.POST)
        if not quick.is_valid():
            for error in quick.errors.get("status", []):
                messages.error(request, error)
            return redirect(place.url("assessment_actions") + f"#aksi-{item.pk}")
        item.status = quick.cleaned_data["status"]
    else:
        form = _form(assessment, item, data=request.POST)
        if not form.is_valid():
            context["form"] = form
            return private(TemplateResponse(request, "assessment/action_item_form.html", context, status=400))
        item = form.save(commit=False)
    after = _snapshot(item)
    changes = _changes(before, after)
    if not changes:
        messages.info(request, _("Tidak ada yang berubah."))
        return redirect(place.url("assessment_actions") + f"#aksi-{item.pk}")
    moved = (item.due_date, item.owner_id) != old[:2]
    reopened = old[2] == ActionItem.DONE and item.status != ActionItem.DONE
    fields = [*ActionItemForm.Meta.fields]
    if moved:  # a new date or a new owner: the reminders are due again
        item.reminded_for = None
        fields.append("reminded_for")
    with transaction.atomic():
        item.save(update_fields=fields)  # never `reminded_for` otherwise: a reminder may be marking it right now
        record(item, "assessment.action", request.user, assessment, changes=changes, item=item.pk)
        if moved or reopened:
            transaction.on_commit(partial(schedule_reminders, item.pk), robust=True)
    messages.success(request, _("Rencana aksi diperbarui."))
    return redirect(place.url("assessment_actions") + f"#aksi-{item.pk}")
