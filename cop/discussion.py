"""Discussion under a practice, an indicator page or an event: members ask or comment, others answer, the asker
(or an editor) marks the answer that solved it, and editors hide what should not be there.

A comment belongs to any Wagtail page, so the same thread works wherever a template shows `{% discussion page %}`.
Hidden comments stay in the database (an editor can bring them back) but are never shown, counted or sent.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.cache import page_tag, purge_on_change

from .members import public_name


class Comment(models.Model):
    QUESTION, COMMENT = "pertanyaan", "komentar"
    KIND_CHOICES = [(QUESTION, _("Pertanyaan")), (COMMENT, _("Komentar"))]

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="discussion", verbose_name="Halaman")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments", verbose_name="Penulis"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="answers", verbose_name="Menjawab"
    )
    kind = models.CharField("Jenis", max_length=12, choices=KIND_CHOICES, default=COMMENT)
    body = models.TextField("Isi", max_length=5000)
    created_at = models.DateTimeField("Dikirim", default=timezone.now)
    is_hidden = models.BooleanField("Disembunyikan", default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_accepted = models.BooleanField("Jawaban diterima", default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "Komentar diskusi"
        verbose_name_plural = "Diskusi"
        indexes = [models.Index(fields=["page", "parent", "is_hidden"])]

    def __str__(self):
        return self.body[:60]

    @property
    def anchor(self) -> str:
        return f"komentar-{self.pk}"

    @classmethod
    def thread(cls, page: Page) -> list["Comment"]:
        """The visible top-level comments of a page with their visible answers: two queries, whatever the size."""
        visible = cls.objects.filter(is_hidden=False).select_related("author__member_profile__instansi")
        return list(
            visible.filter(page=page, parent=None).prefetch_related(
                models.Prefetch("answers", queryset=visible.order_by("-is_accepted", "created_at", "pk"))
            )
        )

    def accept(self) -> None:
        """Marks this answer as the one that solved its question, and only this one."""
        with transaction.atomic():
            Comment.objects.filter(parent_id=self.parent_id, is_accepted=True).update(is_accepted=False)
            Comment.objects.filter(pk=self.pk).update(is_accepted=True)
        self.is_accepted = True

    def author_name(self) -> str:
        return public_name(self.author)


def can_moderate(user) -> bool:
    """Editors (anyone allowed to change comments in the admin) hide comments and may accept any answer."""
    return user.is_authenticated and user.has_perm("cop.change_comment")


def item_author(page: Page):
    """Whom a new comment on `page` concerns: the member who submitted a practice, else the page's owner."""
    specific = page.specific
    return getattr(specific, "submitted_by", None) or page.owner


# A comment shows in its own page's discussion only.
purge_on_change(Comment, tags=lambda comment: [page_tag(comment.page_id)])
