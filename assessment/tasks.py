"""Background e-mail of the penilaian mandiri: reminders to the owner of a rencana aksi item, through Django's task
API (`django-tasks`, database backend and its worker in production), as `cop.tasks` does for events.

An owner hears twice about an open item: `ActionItem.REMIND_DAYS_BEFORE` days before its due date and on the due
date. A reminder is enqueued to run then (`run_after`) when the item is saved, and the daily command
`send_action_reminders` enqueues any that are due, in case the worker was down or the backend cannot defer. The
task checks again when it runs and marks the item (`reminded_for`) in the same update that claims it, so however
many copies are queued, each reminder goes out once, and a stale one (item done, date moved) not at all.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task, task_backends

from cop.members import greeting_name, mail_language
from portal.site_address import absolute_url

from .action_plan import ActionItem
from .teams import TeamMember

logger = logging.getLogger(__name__)
REMIND_AT = datetime.time(8, 0)  # local time (Asia/Jakarta): at the start of a working day


def reminder_day(item: ActionItem, today: datetime.date) -> datetime.date | None:
    """The reminder that applies on `today`: the due date once it is reached, else the early reminder once its day
    is reached, else none yet."""
    if today >= item.due_date:
        return item.due_date
    early = item.due_date - datetime.timedelta(days=ActionItem.REMIND_DAYS_BEFORE)
    return early if today >= early else None


def needs_reminder(item: ActionItem, today: datetime.date) -> bool:
    """An open item with an owner, due from today on, whose current reminder has not gone out."""
    if item.status == ActionItem.DONE or item.owner_id is None or item.due_date < today:
        return False
    day = reminder_day(item, today)
    return day is not None and item.reminded_for != day


def schedule_reminders(item_id: int) -> int:
    """Queue the item's reminders: each at its day's `REMIND_AT`, or at once when that time has passed and the
    reminder has not gone out. Call it after the item is saved (on commit); returns how many were queued."""
    item = ActionItem.objects.filter(pk=item_id).first()
    if item is None or item.status == ActionItem.DONE or item.owner_id is None:
        return 0
    now, today = timezone.now(), timezone.localdate()
    due_iso = item.due_date.isoformat()
    early = item.due_date - datetime.timedelta(days=ActionItem.REMIND_DAYS_BEFORE)
    queued = 0
    defer = task_backends["default"].supports_defer
    for day in (early, item.due_date):
        run_at = _run_at(day)
        if run_at > now:
            if defer:
                send_action_reminder.using(run_after=run_at).enqueue(item.pk, due_iso)
                queued += 1
            else:
                logger.info("Task backend cannot defer; reminder of action item %s left to the daily command", item.pk)
    if needs_reminder(item, today) and _run_at(reminder_day(item, today)) <= now:
        send_action_reminder.enqueue(item.pk, due_iso)  # its time has passed: now, not tomorrow
        queued += 1
    return queued


def _run_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, REMIND_AT))


@task()
def send_action_reminder(item_id: int, due_iso: str) -> str:
    item = (
        ActionItem.objects.select_related("owner__member_profile__instansi", "assessment__instansi", "indicator")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        return "tidak ada"
    if item.status == ActionItem.DONE:
        return "selesai"
    if item.due_date.isoformat() != due_iso:
        return "tenggat berubah"
    owner = item.owner
    if owner is None or not owner.is_active or not owner.email:
        return "tanpa penerima"
    if not TeamMember.objects.filter(user=owner, team__instansi_id=item.assessment.instansi_id).exists():
        return "bukan anggota tim"
    today = timezone.localdate()
    day = reminder_day(item, today)
    if day is None:
        return "belum waktunya"
    with transaction.atomic():  # the mark and the e-mail together: a failed send leaves the reminder to retry
        claimed = ActionItem.objects.filter(pk=item.pk).exclude(reminded_for=day).update(reminded_for=day)
        if not claimed:
            return "sudah dikirim"
        with translation.override(mail_language(owner)):
            _mail(item, owner, today)
    return "terkirim"


def _mail(item: ActionItem, owner, today: datetime.date) -> None:
    days_left = (item.due_date - today).days
    path = reverse("assessment_action_edit", kwargs={"year": item.assessment.year, "item_id": item.pk})
    body = render_to_string(
        "assessment/email/action_reminder.txt",
        {
            "item": item,
            "name": greeting_name(owner),
            "days_left": days_left,
            "days_late": -days_left,
            "url": absolute_url(path),
            "plan_url": absolute_url(reverse("assessment_actions", kwargs={"year": item.assessment.year})),
        },
    )
    if days_left > 0:
        when = gettext("tenggat %(days)s hari lagi") % {"days": days_left}
    elif days_left == 0:
        when = gettext("tenggat hari ini")
    else:
        when = gettext("tenggat sudah lewat")
    action = item.action if len(item.action) <= 60 else item.action[:59] + "…"
    subject = gettext("Pengingat rencana aksi (%(when)s): %(action)s") % {"when": when, "action": action}
    send_mail(subject.replace("\n", " "), body, settings.DEFAULT_FROM_EMAIL, [owner.email])
