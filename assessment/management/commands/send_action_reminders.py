"""manage.py send_action_reminders: queue the rencana aksi reminders that are due today, for a daily cron.

The reminders saving an item queues cover the usual case; this catches what they could not (the worker was down,
or the task backend cannot defer). Safe to run as often as wanted: an item whose current reminder went out is
skipped, and the task itself sends each reminder once however many copies are queued.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from assessment.action_plan import ActionItem
from assessment.tasks import needs_reminder, send_action_reminder


class Command(BaseCommand):
    help = gettext_lazy("Antrekan pengingat rencana aksi yang jatuh tempo dalam 7 hari atau hari ini.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        window = today + datetime.timedelta(days=ActionItem.REMIND_DAYS_BEFORE)
        items = (
            ActionItem.objects.exclude(status=ActionItem.DONE)
            .filter(owner__isnull=False, due_date__gte=today, due_date__lte=window)
            .only("pk", "status", "owner_id", "due_date", "reminded_for")
        )
        queued = 0
        for item in items.iterator():
            if needs_reminder(item, today):
                send_action_reminder.enqueue(item.pk, item.due_date.isoformat())
                queued += 1
        self.stdout.write(gettext("%(n)s pengingat rencana aksi diantrekan.") % {"n": queued})
