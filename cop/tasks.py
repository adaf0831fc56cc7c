"""Background e-mail of the CoP (event reminders and seats, discussion, practice decisions), through Django's task
API (`django-tasks`, database backend and its worker in production; `make run` starts the worker).

The reminder is enqueued when a member gets a seat, to run a day before the event (`run_after`); it checks again
when it runs, so a member who cancelled, or an event that moved, gets no stale reminder. Every message is written in
the recipient's e-mail language (their profile's, else Indonesian; never the language that happens to be active in
the worker or the request that queued it), greets the member by full name, and links on the portal's one address
(`portal.site_address`).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task, task_backends

from portal.site_address import absolute_url, page_address

from .calendar import build_calendar
from .discussion import Comment, item_author
from .events import Registration
from .guidance_proposals import GuidanceProposal
from .members import greeting_name, mail_language
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
    with translation.override(mail_language(registration.user)):
        _mail(registration, _("Pengingat: %(title)s besok"), "cop/email/event_reminder.txt")
    return "terkirim"


@task()
def send_registration_confirmation(registration_id: int) -> str:
    """Confirms a registration just made, a seat or a place in the queue, with the event's .ics attached; the
    meeting link (in the text and the .ics) only for a seat."""
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None or registration.status == Registration.CANCELLED:
        return "batal"
    with translation.override(mail_language(registration.user)):
        subject = _("Pendaftaran Anda: %(title)s") if registration.has_seat else _("Anda di daftar tunggu: %(title)s")
        _mail(registration, subject, "cop/email/registration_confirmation.txt", with_calendar=True)
    return "terkirim"


@task()
def send_promotion_email(registration_id: int) -> str:
    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None or not registration.has_seat:
        return "batal"
    with translation.override(mail_language(registration.user)):
        subject = _("Anda mendapat tempat di %(title)s")
        _mail(registration, subject, "cop/email/waitlist_promoted.txt", with_calendar=True)
    return "terkirim"


def _mail(registration, subject: str, template: str, with_calendar: bool = False) -> None:
    """One e-mail about one registration, in the times of the member's own zone as the event page shows them."""
    event, user = registration.event, registration.user
    profile = getattr(user, "member_profile", None)
    zone = profile.instansi.zone.key if profile and profile.instansi else None
    context = {
        "event": event,
        "name": greeting_name(user),
        "url": page_address(event),
        "cancel_url": absolute_url(reverse("event_cancel", args=[event.pk])),
        "times": event.local_times(zone),
        "has_seat": registration.has_seat,
        "waitlist_position": registration.waitlist_position(),
        "meeting_link": event.online_url if registration.has_seat else "",
    }
    message = EmailMessage(
        (subject % {"title": event.title}).replace("\n", " "),
        render_to_string(template, context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    if with_calendar:
        calendar = build_calendar([event], name=event.title, with_meeting_link=registration.has_seat)
        message.attach(f"{event.slug}.ics", calendar, "text/calendar")
    message.send()


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
    with translation.override(mail_language(recipient)):
        body = render_to_string(
            "cop/email/comment_notification.txt",
            {
                "comment": comment,
                "page": page,
                "name": greeting_name(recipient),
                "url": f"{page_address(page)}#{comment.anchor}",
            },
        )
        if comment.parent:
            subject = _("Jawaban atas pertanyaan Anda: %(title)s") % {"title": page.title}
        else:
            subject = _("%(kind)s baru: %(title)s") % {"kind": comment.get_kind_display(), "title": page.title}
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email]).send()
    return "terkirim"


@task()
def send_practice_decision(page_id: int, decision: str, comment: str = "") -> str:
    """Tells the member what the editors decided about their practice: published, changes asked, or declined."""
    page = GoodPracticePage.objects.select_related("submitted_by").filter(pk=page_id).first()
    if page is None or page.submitted_by is None or not page.submitted_by.email:
        return "tanpa penerima"
    if decision not in ("terbit", "perbaikan", "ditolak"):
        return "keputusan tidak dikenal"
    # Each message links to what it is about: the published page, the form to revise, or where the member sees
    # the declined submission with the editors' reason.
    links = {
        "terbit": lambda: page_address(page),
        "perbaikan": lambda: absolute_url(reverse("practice_submission_edit", args=[page.pk])),
        "ditolak": lambda: absolute_url(reverse("practice_submission", args=[page.pk])),
    }
    with translation.override(mail_language(page.submitted_by)):
        subjects = {
            "terbit": _("Praktik baik Anda terbit: %(title)s"),
            "perbaikan": _("Editor meminta perbaikan: %(title)s"),
            "ditolak": _("Praktik baik Anda tidak diterbitkan: %(title)s"),
        }
        body = render_to_string(
            "cop/email/practice_decision.txt",
            {
                "page": page,
                "decision": decision,
                "comment": comment,
                "name": greeting_name(page.submitted_by),
                "url": links[decision](),
                "contributions_url": absolute_url(reverse("my_contributions")),
            },
        )
        subject = subjects[decision] % {"title": page.title}
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [page.submitted_by.email]).send()
    return "terkirim"


@task()
def send_guidance_decision(proposal_id: int) -> str:
    """Tells the member what the editors decided about their guidance proposal: published on the indicator page, or
    declined with the reason."""
    proposal = GuidanceProposal.objects.select_related("author", "page").filter(pk=proposal_id).first()
    if proposal is None or proposal.is_pending:
        return "belum diputuskan"
    if not proposal.author.email:
        return "tanpa penerima"
    page = proposal.page
    with translation.override(mail_language(proposal.author)):
        if proposal.status == GuidanceProposal.APPROVED:
            subject = _("Usulan panduan Anda terbit: %(title)s")
        else:
            subject = _("Usulan panduan Anda tidak diterbitkan: %(title)s")
        body = render_to_string(
            "cop/email/guidance_decision.txt",
            {
                "proposal": proposal,
                "section": proposal.get_section_display(),
                "approved": proposal.status == GuidanceProposal.APPROVED,
                "name": greeting_name(proposal.author),
                "url": page_address(page),
                "contributions_url": absolute_url(reverse("my_contributions")),
            },
        )
        subject = (subject % {"title": page.title}).replace("\n", " ")
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [proposal.author.email]).send()
    return "terkirim"
