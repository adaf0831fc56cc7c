"""Members sharing a good practice: the submission form, their submission as it stands, the edit the editors
asked for, and the evidence files."""

import errno
import logging
import os
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from wagtail.users.models import UserProfile

from portal.ratelimit import allow

from ..forms import PracticeForm
from ..members import MemberProfile
from ..practices import GoodPracticePage, PracticeAttachment, PracticeIndexPage, PracticeStatus
from ..uploads import KINDS

logger = logging.getLogger(__name__)
SUBMISSIONS_PER_HOUR = 5


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


STORAGE_FULL = gettext_lazy(
    "Penyimpanan server penuh; kiriman belum tersimpan. Coba lagi nanti — isian Anda masih di sini."
)


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
        gettext(
            "Terlalu banyak kiriman dalam waktu singkat. Tunggu sebentar lalu kirim lagi; isian Anda masih di sini."
        ),
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


def _index() -> PracticeIndexPage:
    """The one practice index (`max_count = 1`) every submission lives under."""
    index = PracticeIndexPage.objects.live().first()
    if index is None:
        raise Http404("Halaman praktik baik belum ada.")
    return index


def submission_url(practice) -> str:
    return reverse("practice_submission", args=[practice.pk])


def submit_practice(request):
    """`/praktik-baik/kirim/`: a member's practice becomes a draft page in the moderation workflow."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    index = _index()
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
        messages.success(
            request, gettext("Terima kasih! Praktik baik Anda terkirim dan menunggu tinjauan editor KASN.")
        )
        return redirect(submission_url(practice))

    context = {"form": form, "page": index, "index": index}
    return _handle_practice_form(
        request, form, context, gettext("Praktik baik belum terkirim: periksa isian yang ditandai."), save
    )


def _own_submission(request, practice_id) -> GoodPracticePage:
    """The member's own practice, or 404: someone else's draft is not even confirmed to exist."""
    practice = GoodPracticePage.objects.filter(pk=practice_id).first()
    if practice is None:
        raise Http404("Kiriman tidak ditemukan.")
    user = request.user
    if practice.submitted_by_id != user.pk and not practice.permissions_for_user(user).can_edit():
        raise Http404("Kiriman tidak ditemukan.")
    return practice


def view_submission(request, practice_id):
    """The member's practice as it stands in its latest revision, with where it is in moderation."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    index = _index()
    practice = _own_submission(request, practice_id)
    draft = practice.get_latest_revision_as_object()
    context = draft.get_context(request)
    context.update(status=PracticeStatus.of(practice), submission=practice, index=index)
    return render(request, "cop/good_practice_page.html", context)


def edit_submission(request, practice_id):
    """Only a submission the editors sent back can be edited; saving resubmits it to the same step."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    index = _index()
    practice = _own_submission(request, practice_id)
    status = PracticeStatus.of(practice)
    if not status.editable or practice.submitted_by_id != request.user.pk:
        messages.info(request, gettext("Kiriman ini sedang tidak bisa diubah: hanya kiriman yang diminta perbaikan."))
        return redirect(submission_url(practice))
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
        messages.success(request, gettext("Perbaikan tersimpan dan dikirim ulang ke editor."))
        return redirect(submission_url(practice))

    context = {"form": form, "page": index, "index": index, "practice": practice, "status": status}
    return _handle_practice_form(
        request, form, context, gettext("Perbaikan belum tersimpan: periksa isian yang ditandai."), save
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
