"""Registering for an event, cancelling, and the events as iCalendar files."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

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
            messages.success(request, "Anda terdaftar. Pengingat dikirim lewat email sehari sebelum acara.")
        else:
            messages.warning(
                request, "Kursi sudah penuh: Anda masuk daftar tunggu dan akan diberi tahu bila ada tempat."
            )
    return redirect(event.url)


@require_POST
@login_required
def cancel(request, page_id):
    event = _live_event(page_id)
    registration = (
        Registration.objects.filter(event=event, user=request.user).exclude(status=Registration.CANCELLED).first()
    )
    if registration is None:
        messages.error(request, "Anda tidak terdaftar di acara ini.")
    else:
        registration.cancel()
        messages.success(request, "Pendaftaran Anda dibatalkan.")
    return redirect(event.url)


def _ics(request, events, filename):
    response = HttpResponse(build_calendar(events, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request):
    events = EventPage.objects.live().public().order_by("start")
    return _ics(request, events, "acara-cop-sistem-merit.ics")


def event_calendar(request, slug):
    event = EventPage.objects.live().public().filter(slug=slug).first()
    if event is None:
        raise Http404("Acara tidak ditemukan.")
    return _ics(request, [event], f"{event.slug}.ics")
