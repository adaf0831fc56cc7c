"""Background e-mail for event registrations, through Django's task API (`django-tasks`, database backend and
its worker in production; `make run` starts the worker).

The reminder is enqueued when a member gets a seat, to run a day before the event (`run_after`); it checks again
when it runs, so a member who cancelled, or an event that moved, gets no stale reminder.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)
REMINDER_LEAD = datetime.timedelta(days=1)


def schedule_reminder(registration) -> None:
    event = registration.event
    run_after = event.start - REMINDER_LEAD
    if run_after <= timezone.now():
        return  # registered on the last day: the confirmation page is the reminder
    if not task_backends["default"].supports_defer:
        logger.info("Task backend cannot defer; no reminder for registration %s", registration.pk)
        return
    send_event_reminder.using(run_after=run_after).enqueue(registration.pk, event.start.isoformat())


@task()
def send_event_reminder(registration_id: int, start_iso: str) -> str:
    from .events import Registration

    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None or registration.status != Registration.REGISTERED:
        return "batal"
    event = registration.event
    if event.start.isoformat() != start_iso or not event.live:
        return "acara berubah"
    _mail(registration, "Pengingat: {title} besok", "cop/email/event_reminder.txt")
    return "terkirim"


@task()
def send_promotion_email(registration_id: int) -> str:
    from .events import Registration

    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    _mail(registration, "Anda mendapat tempat di {title}", "cop/email/waitlist_promoted.txt")
    return "terkirim"


def _mail(registration, subject: str, template: str) -> None:
    event = registration.event
    body = render_to_string(
        template, {"event": event, "user": registration.user, "url": event.get_full_url(), "times": event.local_times()}
    )
    send_mail(subject.format(title=event.title), body, settings.DEFAULT_FROM_EMAIL, [registration.user.email])
