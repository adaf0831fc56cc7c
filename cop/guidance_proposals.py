"""Guidance proposals (usulan panduan): a member writes a section KASN has not written on an indicator page, and
KASN's editors approve it into the page or decline it with a reason.

A proposal is a plain snippet with a status, not a page or a Wagtail workflow object: it never goes live itself.
What goes live is the indicator page, whose approval here writes the text and the member's credit as a new
revision, published by the approving editor. Until then the text lives only in this row, which no page, search
index, API, sitemap or feed reads; its author sees it in "Kontribusi saya", editors in the admin's snippet list.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from meritopedia.models import IndicatorPage
from portal.cache import page_tag, purge_on_change

from .members import public_name
from .signals import guidance_decided

SECTION_CHOICES = [(section.field, section.title) for section in IndicatorPage.GUIDANCE_SECTIONS]


class DecisionRefused(Exception):
    """The decision cannot be made as asked; the message says why, in words an editor acts on."""


class GuidanceProposal(models.Model):
    PENDING, APPROVED, DECLINED = "menunggu", "disetujui", "ditolak"
    STATUS_CHOICES = [
        (PENDING, _("Menunggu tinjauan editor")),
        (APPROVED, pgettext_lazy("usulan panduan", "Disetujui dan terbit")),
        (DECLINED, pgettext_lazy("usulan panduan", "Ditolak")),
    ]

    page = models.ForeignKey(
        IndicatorPage,
        on_delete=models.CASCADE,
        related_name="guidance_proposals",
        verbose_name=_("Halaman indikator"),
    )
    section = models.CharField(_("Bagian"), max_length=20, choices=SECTION_CHOICES)
    text = models.TextField(_("Usulan panduan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guidance_proposals",
        verbose_name=_("Pengusul"),
    )
    status = models.CharField(_("Status"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    created_at = models.DateTimeField(_("Diusulkan"), default=timezone.now)
    decided_at = models.DateTimeField(_("Diputuskan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Diputuskan oleh"),
    )
    reason = models.TextField(_("Alasan penolakan"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Usulan panduan")
        verbose_name_plural = _("Usulan panduan")
        indexes = [models.Index(fields=["status", "page"])]

    def __str__(self):
        return f"{self.get_section_display()} · {self.page.title}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.PENDING

    def author_name(self) -> str:
        return public_name(self.author)

    author_name.short_description = _("Pengusul")

    def approve(self, user) -> None:
        """Writes the text into its section of the live indicator page, credited to the member, as a revision the
        editor publishes. Refused when the section was written meanwhile or the page has an unpublished draft,
        which publishing this revision would silently overwrite or publish unreviewed."""
        with transaction.atomic():
            proposal = self._locked_pending()
            page = IndicatorPage.objects.select_for_update().get(pk=proposal.page_id)
            if getattr(page, proposal.section):
                raise DecisionRefused(
                    gettext(
                        "Bagian ini sudah berisi panduan. Gabungkan usulan ini di halaman indikatornya, lalu tolak."
                    )
                )
            if page.has_unpublished_changes:
                raise DecisionRefused(
                    gettext("Halaman indikator ini punya draf yang belum terbit. Terbitkan atau buang draf itu dulu.")
                )
            setattr(page, proposal.section, linebreaks(proposal.text, autoescape=True))
            setattr(page, f"{proposal.section}_credit", credit_line(proposal.author))
            # The editor may decide proposals (`change_guidanceproposal`) without publishing indicator pages at large:
            # this decision is the review of this one section, so Wagtail's page-publish check is not asked again.
            revision = page.save_revision(user=user, log_action=True)
            revision.publish(user=user, skip_permission_checks=True)
            self._decide(proposal, user, self.APPROVED)

    def decline(self, user, reason: str) -> None:
        """Ends the proposal with the reason its author reads; the page is not touched."""
        reason = (reason or "").strip()
        if not reason:
            raise DecisionRefused(gettext("Tulis alasan penolakan: pengusul membacanya di email dan Kontribusi saya."))
        with transaction.atomic():
            proposal = self._locked_pending()
            proposal.reason = reason
            self._decide(proposal, user, self.DECLINED)

    def _locked_pending(self) -> "GuidanceProposal":
        proposal = GuidanceProposal.objects.select_for_update().select_related("author").get(pk=self.pk)
        if not proposal.is_pending:
            raise DecisionRefused(gettext("Usulan ini sudah diputuskan sebelumnya."))
        return proposal

    def _decide(self, proposal: "GuidanceProposal", user, status: str) -> None:
        proposal.status, proposal.decided_by, proposal.decided_at = status, user, timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        self.status, self.reason, self.decided_at = proposal.status, proposal.reason, proposal.decided_at
        transaction.on_commit(lambda: guidance_decided.send(GuidanceProposal, proposal=proposal))


def credit_line(user) -> str:
    """ "Sari Wulandari (Kabupaten Contoh)": the name others see the member by, and their instansi when known."""
    name = public_name(user)
    profile = getattr(user, "member_profile", None)
    instansi = profile.instansi.name if profile and profile.instansi_id else ""
    return f"{name} ({instansi})" if instansi and instansi not in name else name


# A proposal shows nowhere public until approved, and approving publishes (and so purges) its page; its page is the
# only place the proposal form and the sections it may fill are drawn.
purge_on_change(GuidanceProposal, tags=lambda proposal: [page_tag(proposal.page_id)])
