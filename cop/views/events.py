"""Registering for an event, cancelling (after a confirmation step), and the events as iCalendar files."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..calendar import build_calendar
from ..events import EventPage, Registration, RegistrationError


def _live_event(page_id) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=page_id)


@require_POST
@login_required
def register(request, page_id):
    event = _live_event(page_id)
    try:
        registration = Registration.register(event, request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.REGISTERED:
            messages.success(request, _("Anda terdaftar. Pengingat dikirim lewat email sehari sebelum acara."))
        else:
            messages.warning(
                request, _("Kursi sudah penuh: Anda masuk daftar tunggu dan akan diberi tahu bila ada tempat.")
            )
    return redirect(event.url)


@require_http_methods(["GET", "POST"])
@login_required
def cancel(request, page_id):
    """GET asks "Ya, batalkan?" and says what will be lost (a seat, or a place in the queue); POST cancels. The
    question is a page of its own, so it works without JavaScript under the portal's strict CSP."""
    event = _live_event(page_id)
    registration = (
        Registration.objects.filter(event=event, user=request.user).exclude(status=Registration.CANCELLED).first()
    )
    if registration is None:
        messages.error(request, _("Anda tidak terdaftar di acara ini."))
        return redirect(event.url)
    if request.method == "GET":
        context = {
            "page": event,
            "registration": registration,
            "waitlist_position": registration.waitlist_position(),
            "times": event.local_times(),
        }
        return render(request, "cop/event_cancel.html", context)
    registration.cancel()
    messages.success(request, _("Pendaftaran Anda dibatalkan."))
    return redirect(event.url)


def _ics(events, filename):
    response = HttpResponse(build_calendar(events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request):
    events = EventPage.objects.live().public().order_by("start")
    return _ics(events, "acara-cop-sistem-merit.ics")


def event_calendar(request, slug):
    event = EventPage.objects.live().public().filter(slug=slug).first()
    if event is None:
        raise Http404("Acara tidak ditemukan.")
    return _ics([event], f"{event.slug}.ics")
