"""Member-facing views of the CoP that are not pages: profile, directory, "Kontribusi saya", registration
actions and the calendar files."""

import mimetypes
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtailmedia.models import get_media_model

from meritopedia.models import Aspect
from portal.models import Instansi

from .calendar import build_calendar
from .events import EventPage, Registration, RegistrationError
from .forms import MemberProfileForm
from .members import MemberProfile


@login_required
def profile(request):
    member = MemberProfile.for_user(request.user)
    form = MemberProfileForm(request.POST or None, instance=member)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Profil Anda tersimpan.")
            return redirect("member_profile")
        messages.error(request, "Profil belum tersimpan: periksa isian yang ditandai.")
    return render(request, "cop/profile.html", {"form": form})


@login_required
def directory(request):
    """Members who opted in, filterable by instansi and aspect; visible to signed-in members only."""
    members = (
        MemberProfile.objects.filter(in_directory=True, user__is_active=True)
        .select_related("instansi")
        .prefetch_related("aspects")
        .order_by("full_name")
    )
    query = request.GET.get("q", "").strip()[:100]
    instansi = request.GET.get("instansi", "").strip()
    aspect = request.GET.get("aspek", "").strip()[:60]
    if query:
        members = members.filter(
            Q(full_name__icontains=query) | Q(instansi__name__icontains=query) | Q(unit__icontains=query)
        )
    if instansi:
        members = members.filter(instansi_id=instansi) if instansi.isdigit() else members.none()
    if aspect:
        members = members.filter(aspects__slug=aspect).distinct()
    page = Paginator(members, 30).get_page(request.GET.get("halaman"))
    return render(
        request,
        "cop/directory.html",
        {
            "members": page,
            "query": query,
            "chosen_instansi": instansi,
            "chosen_aspect": aspect,
            "instansi_list": Instansi.objects.filter(members__in_directory=True).distinct(),
            "aspects": Aspect.objects.filter(version__is_current=True),
        },
    )


@login_required
def contributions(request):
    registrations = Registration.objects.filter(user=request.user).select_related("event").order_by("-event__start")
    return render(request, "cop/contributions.html", {"registrations": registrations})


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


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def recording(request, media_id, filename):
    """An audio or video file, answering single HTTP range requests (206) so players can seek and podcast apps
    can resume; anything else gets the whole file (200), as RFC 9110 allows."""
    media = get_object_or_404(get_media_model(), pk=media_id)
    if filename != media.filename:
        raise Http404("Rekaman tidak ditemukan.")
    content_type = mimetypes.guess_type(media.file.name)[0] or "application/octet-stream"
    size = media.file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        response = FileResponse(media.file.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first == "":  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = media.file.open("rb")
    handle.seek(start)
    response = StreamingHttpResponse(_read(handle, end - start + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _read(handle, remaining, chunk=64 * 1024):
    try:
        while remaining > 0:
            data = handle.read(min(chunk, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()
