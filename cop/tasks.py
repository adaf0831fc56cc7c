"""Background e-mail of the CoP (event reminders and seats, discussion, practice decisions), through Django's task
API (`django-tasks`, database backend and its worker in production; `make run` starts the worker).

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

from .discussion import Comment, item_author
from .events import Registration
from .practices import GoodPracticePage

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
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    _mail(registration, "Anda mendapat tempat di {title}", "cop/email/waitlist_promoted.txt")
    return "terkirim"


def _mail(registration, subject: str, template: str) -> None:
    event = registration.event
    body = render_to_string(
        template, {"event": event, "user": registration.user, "url": event.get_full_url(), "times": event.local_times()}
    )
    send_mail(subject.format(title=event.title), body, settings.DEFAULT_FROM_EMAIL, [registration.user.email])


@task()
def send_comment_notification(comment_id: int) -> str:
    """Tells the author of the item (or of the question, for an answer) that someone wrote; never the writer."""
    comment = Comment.objects.select_related("author", "page", "parent__author").filter(pk=comment_id).first()
    if comment is None or comment.is_hidden:
        return "tidak ada"
    recipient = comment.parent.author if comment.parent else item_author(comment.page)
    if recipient is None or recipient.pk == comment.author_id or not recipient.email:
        return "tanpa penerima"
    page = comment.page.specific
    body = render_to_string(
        "cop/email/comment_notification.txt",
        {
            "comment": comment,
            "page": page,
            "recipient": recipient,
            "url": f"{page.get_full_url()}#{comment.anchor}",
        },
    )
    what = "Jawaban atas pertanyaan Anda" if comment.parent else f"{comment.get_kind_display()} baru"
    send_mail(f"{what}: {page.title}", body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return "terkirim"


@task()
def send_practice_decision(page_id: int, decision: str, comment: str = "") -> str:
    """Tells the member what the editors decided about their practice: published, changes asked, or declined."""
    page = GoodPracticePage.objects.select_related("submitted_by").filter(pk=page_id).first()
    if page is None or page.submitted_by is None or not page.submitted_by.email:
        return "tanpa penerima"
    subjects = {
        "terbit": "Praktik baik Anda terbit: {title}",
        "perbaikan": "Editor meminta perbaikan: {title}",
        "ditolak": "Praktik baik Anda tidak diterbitkan: {title}",
    }
    body = render_to_string(
        "cop/email/practice_decision.txt",
        {"page": page, "decision": decision, "comment": comment, "user": page.submitted_by},
    )
    send_mail(subjects[decision].format(title=page.title), body, settings.DEFAULT_FROM_EMAIL, [page.submitted_by.email])
    return "terkirim"
