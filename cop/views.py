"""Member-facing views of the CoP that are not pages: profile, directory, "Kontribusi saya", registration
actions and the calendar files."""

import errno
import logging
import mimetypes
import os
import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile
from wagtailmedia.models import get_media_model

from meritopedia.models import Aspect, IndicatorPage
from portal.collection_privacy import refusal as collection_refusal
from portal.models import Instansi
from portal.ratelimit import allow

from .calendar import build_calendar
from .discussion import Comment, can_moderate
from .events import EventPage, Registration, RegistrationError
from .forms import CommentForm, MemberProfileForm, PracticeForm
from .members import MemberProfile
from .practices import GoodPracticePage, PracticeAttachment, PracticeIndexPage, PracticeStatus
from .tasks import send_comment_notification
from .uploads import KINDS

logger = logging.getLogger(__name__)


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
        # An id, and one the database can hold: 20 digits overflow a 64-bit column (SQLite raises, a 500).
        is_id = instansi.isascii() and instansi.isdigit() and len(instansi) < 19
        members = members.filter(instansi_id=instansi) if is_id else members.none()
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
    """ "Kontribusi saya": the member's practices with where each stands, their registrations and comments."""
    registrations = Registration.objects.filter(user=request.user).select_related("event").order_by("-event__start")
    practices = list(
        GoodPracticePage.objects.filter(submitted_by=request.user)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at")
    )
    states = {}  # the newest workflow state of each practice, in one query
    for state in (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(p.pk) for p in practices]
        )
        .select_related("current_task_state")
        .order_by("pk")
    ):
        states[state.object_id] = state
    index = PracticeIndexPage.objects.first()  # every practice lives under the one index
    submissions = [
        {
            "practice": practice,
            "title": practice.latest_revision.object_str if practice.latest_revision else practice.title,
            "status": PracticeStatus.of(practice, states.get(str(practice.pk))),
            "url": index.url + index.reverse_subpage("submission", args=[practice.pk]),
        }
        for practice in practices
    ]
    comments = Comment.objects.filter(author=request.user, is_hidden=False).select_related("page")[:50]
    return render(
        request,
        "cop/contributions.html",
        {"registrations": registrations, "submissions": submissions, "comments": comments},
    )


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
    can resume; anything else gets the whole file (200), as RFC 9110 allows. A file in a view-restricted
    collection goes only to whom the collection allows, as Wagtail's documents do."""
    media = get_object_or_404(get_media_model().objects.select_related("collection"), pk=media_id)
    if filename != media.filename:
        raise Http404("Rekaman tidak ditemukan.")
    if refused := collection_refusal(request, media.collection):
        return refused
    response = _ranged(request, media.file, mimetypes.guess_type(media.file.name)[0] or "application/octet-stream")
    if media.collection.get_view_restrictions().exists():
        response["Cache-Control"] = "private, no-store"
    return response


def _ranged(request, file, content_type):
    size = file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        response = FileResponse(file.open("rb"), content_type=content_type)
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
    handle = file.open("rb")
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


# Good practices ------------------------------------------------------------------------------------------------

SUBMISSIONS_PER_HOUR = 5
COMMENTS_PER_TEN_MINUTES = 10


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "praktik-baik"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_attachments(practice, uploads, written: list[str]) -> None:
    """Stores the files, listing each name in `written` before its write starts, so that a failed submission can
    remove what it left behind: Django's FileSystemStorage leaves a half-written file when the disk fills up.

    Every name gets a random suffix up front (`get_alternative_name`), so the name listed is the one written and
    never another submission's file of the same name; members see only `original_name`."""
    field = PracticeAttachment._meta.get_field("file")
    for upload in uploads:
        root, extension = os.path.splitext(field.generate_filename(practice, upload.name))
        name = field.storage.get_alternative_name(root, extension)
        written.append(name)
        written[-1] = name = field.storage.save(name, upload, max_length=field.max_length)
        PracticeAttachment.objects.create(
            practice=practice, file=name, original_name=upload.name[:200], kind=upload.kind, size=upload.size
        )


STORAGE_FULL = "Penyimpanan server penuh; kiriman belum tersimpan. Coba lagi nanti — isian Anda masih di sini."


def _storage_failed(request, error: OSError, written: list[str], template, context):
    """A full disk (or quota) while storing attachments: the transaction has rolled back, so no page or draft
    exists; the files already written are removed and the member gets the form back with their text and 507
    Insufficient Storage. Any other OSError is a real fault and goes on to the 500 page."""
    storage = PracticeAttachment._meta.get_field("file").storage
    for name in written:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not remove %s after a failed submission", name)
    if error.errno not in (errno.ENOSPC, errno.EDQUOT):
        raise error
    logger.error("Attachment storage full: %s", error)
    messages.error(request, STORAGE_FULL)
    return render(request, template, context, status=507)


def _quiet_wagtail_mail(user) -> None:
    """Members get the portal's own e-mails about their practice; Wagtail's point at an admin they cannot open."""
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(
        approved_notifications=False, rejected_notifications=False, submitted_notifications=False
    )


def _rate_limited(request, template, context):
    messages.error(
        request,
        "Terlalu banyak kiriman dalam waktu singkat. Tunggu sebentar lalu kirim lagi; isian Anda masih di sini.",
    )
    return render(request, template, context, status=429)


def _handle_practice_form(request, form, context, not_saved: str, save):
    """The path both practice forms share: show, validate, rate-limit, then `save(written)` in one transaction.
    A full disk rolls the transaction back and removes the files already written (`_storage_failed`)."""
    template = "cop/practice_form.html"
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        messages.error(request, not_saved)
        return render(request, template, context, status=400)
    if not allow(request, "practice", SUBMISSIONS_PER_HOUR, 3600):
        return _rate_limited(request, template, context)
    written = []
    try:
        with transaction.atomic():
            return save(written)
    except OSError as error:
        return _storage_failed(request, error, written, template, context)


def submit_practice(request, index):
    """`/praktik-baik/kirim/`: a member's practice becomes a draft page in the moderation workflow."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = MemberProfile.for_user(request.user)
    posted = (request.POST, request.FILES) if request.method == "POST" else ()
    form = PracticeForm(*posted, initial={"instansi": profile.instansi})

    def save(written):
        practice = form.save(commit=False)
        practice.slug = _unique_slug(index, practice.title)
        practice.live = False
        practice.owner = practice.submitted_by = request.user
        practice.indicators.set(form.cleaned_data["indicators"])
        index.add_child(instance=practice)
        _save_attachments(practice, form.cleaned_data["attachments"], written)
        practice.save_revision(user=request.user, log_action=True)
        _quiet_wagtail_mail(request.user)
        practice.get_workflow().start(practice, request.user)
        messages.success(request, "Terima kasih! Praktik baik Anda terkirim dan menunggu tinjauan editor KASN.")
        return redirect(index.url + index.reverse_subpage("submission", args=[practice.pk]))

    context = {"form": form, "page": index, "index": index}
    return _handle_practice_form(
        request, form, context, "Praktik baik belum terkirim: periksa isian yang ditandai.", save
    )


def _own_submission(request, index, practice_id) -> GoodPracticePage:
    """The member's own practice, or 404: someone else's draft is not even confirmed to exist."""
    practice = GoodPracticePage.objects.child_of(index).filter(pk=practice_id).first()
    if practice is None:
        raise Http404("Kiriman tidak ditemukan.")
    user = request.user
    if practice.submitted_by_id != user.pk and not practice.permissions_for_user(user).can_edit():
        raise Http404("Kiriman tidak ditemukan.")
    return practice


def view_submission(request, index, practice_id):
    """The member's practice as it stands in its latest revision, with where it is in moderation."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    practice = _own_submission(request, index, practice_id)
    draft = practice.get_latest_revision_as_object()
    context = draft.get_context(request)
    context.update(status=PracticeStatus.of(practice), submission=practice, index=index)
    return render(request, "cop/good_practice_page.html", context)


def edit_submission(request, index, practice_id):
    """Only a submission the editors sent back can be edited; saving resubmits it to the same step."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    practice = _own_submission(request, index, practice_id)
    status = PracticeStatus.of(practice)
    submission_url = index.url + index.reverse_subpage("submission", args=[practice.pk])
    if not status.editable or practice.submitted_by_id != request.user.pk:
        messages.info(request, "Kiriman ini sedang tidak bisa diubah: hanya kiriman yang diminta perbaikan.")
        return redirect(submission_url)
    draft = practice.get_latest_revision_as_object()
    posted = (request.POST, request.FILES) if request.method == "POST" else ()
    form = PracticeForm(
        *posted,
        instance=draft,
        initial={"indicators": list(draft.indicators.all())},
        removable=practice.attachments.all(),
    )

    def save(written):
        draft = form.save(commit=False)
        draft.indicators.set(form.cleaned_data["indicators"])
        for attachment in form.cleaned_data.get("remove_attachments") or []:
            # The file goes only once the edit is saved: a failed edit keeps both the row and the file.
            transaction.on_commit(partial(attachment.file.storage.delete, attachment.file.name))
            attachment.delete()
        _save_attachments(practice, form.cleaned_data["attachments"], written)
        draft.save_revision(user=request.user, log_action=True)
        practice.current_workflow_state.resume(user=request.user)
        messages.success(request, "Perbaikan tersimpan dan dikirim ulang ke editor.")
        return redirect(submission_url)

    context = {"form": form, "page": index, "index": index, "practice": practice, "status": status}
    return _handle_practice_form(
        request, form, context, "Perbaikan belum tersimpan: periksa isian yang ditandai.", save
    )


def attachment(request, attachment_id, filename):
    """Evidence files: anyone may read those of a live public practice; a draft's only its author and editors.
    Images are shown inline, everything else is downloaded; the type is the one checked at upload."""
    item = get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=attachment_id)
    practice = item.practice
    if filename != item.original_name:
        raise Http404("Lampiran tidak ditemukan.")
    public = practice.live and not practice.get_view_restrictions().exists()
    user = request.user
    if not public and not (
        user.is_authenticated
        and (practice.submitted_by_id == user.pk or practice.permissions_for_user(user).can_edit())
    ):
        raise Http404("Lampiran tidak ditemukan.")
    response = FileResponse(
        item.file.open("rb"),
        content_type=KINDS[item.kind][1],
        as_attachment=not item.is_image,
        filename=item.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


# Discussion ----------------------------------------------------------------------------------------------------


def _discussable(page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not isinstance(page, GoodPracticePage | EventPage | IndicatorPage):
        raise Http404("Halaman ini tidak membuka diskusi.")
    return page


@require_POST
def post_comment(request, page_id):
    page = _discussable(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{page.url}#diskusi")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(
            request, "cop/comment_error.html", {"form": form, "page": page, "errors": form.errors}, status=400
        )
    if not allow(request, "comment", COMMENTS_PER_TEN_MINUTES, 600):
        return render(
            request,
            "cop/comment_error.html",
            {"form": form, "page": page, "limited": True},
            status=429,
        )
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], page=page, parent=None, is_hidden=False).first()
        if parent is None:
            raise Http404("Pertanyaan yang dijawab tidak ditemukan.")
    comment = Comment.objects.create(
        page=page,
        author=request.user,
        parent=parent,
        kind=Comment.COMMENT if parent else (form.cleaned_data["kind"] or Comment.QUESTION),
        body=form.cleaned_data["body"],
    )
    send_comment_notification.enqueue(comment.pk)
    messages.success(request, "Jawaban Anda terkirim." if parent else "Terima kasih, tulisan Anda sudah tampil.")
    return redirect(f"{page.url}#{comment.anchor}")


@require_POST
@login_required
def hide_comment(request, comment_id):
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    if not can_moderate(request.user):
        raise PermissionDenied
    comment.is_hidden = request.POST.get("tampilkan") != "1"
    comment.hidden_by = request.user if comment.is_hidden else None
    comment.save(update_fields=["is_hidden", "hidden_by"])
    messages.success(request, "Komentar disembunyikan." if comment.is_hidden else "Komentar ditampilkan lagi.")
    return redirect(f"{comment.page.url}#diskusi")


@require_POST
@login_required
def accept_answer(request, comment_id):
    answer = get_object_or_404(
        Comment.objects.select_related("page", "parent"), pk=comment_id, parent__isnull=False, is_hidden=False
    )
    if answer.parent.author_id != request.user.pk and not can_moderate(request.user):
        raise PermissionDenied
    answer.accept()
    messages.success(request, "Jawaban ditandai sebagai jawaban yang diterima.")
    return redirect(f"{answer.page.url}#{answer.anchor}")
