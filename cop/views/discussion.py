"""Discussion under a page: posting, hiding (editors) and accepting an answer."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail.models import Page

from meritopedia.models import IndicatorPage
from portal.ratelimit import allow

from ..discussion import Comment, can_moderate
from ..events import EventPage
from ..forms import CommentForm
from ..practices import GoodPracticePage
from ..tasks import send_comment_notification

COMMENTS_PER_TEN_MINUTES = 10


def _discussable(page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not isinstance(page, GoodPracticePage | EventPage | IndicatorPage):
        raise Http404("Halaman ini tidak membuka diskusi.")
    return page


def _refused(request, page, form, status):
    """The discussion's own page again, its comment box (or the reply box answered) holding what was typed with
    the error beside it and in the error summary: a separate error page would lose the thread and the context."""
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
def post_comment(request, page_id):
    page = _discussable(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{page.url}#diskusi")
    parent_id = request.POST.get("parent", "")
    # A reply's box has ids of its own, so the summary's link leads to the box under its question.
    auto_id = f"jawab-{parent_id}-%s" if parent_id.isdigit() else "id_%s"
    form = CommentForm(request.POST, auto_id=auto_id)
    if not form.is_valid():
        return _refused(request, page, form, status=400)
    if not allow(request, "comment", COMMENTS_PER_TEN_MINUTES, 600):
        form.add_error(
            None, gettext("Terlalu banyak komentar dalam waktu singkat. Tunggu beberapa menit lalu kirim lagi.")
        )
        return _refused(request, page, form, status=429)
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
    messages.success(
        request, gettext("Jawaban Anda terkirim.") if parent else gettext("Terima kasih, tulisan Anda sudah tampil.")
    )
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
    messages.success(
        request, gettext("Komentar disembunyikan.") if comment.is_hidden else gettext("Komentar ditampilkan lagi.")
    )
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
    messages.success(request, gettext("Jawaban ditandai sebagai jawaban yang diterima."))
    return redirect(f"{answer.page.url}#{answer.anchor}")
