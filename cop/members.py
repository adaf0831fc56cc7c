"""CoP members: the profile an allauth account gets, with the member's instansi and the aspects they work on.

The profile lives in `cop` (not `portal`) because it points at rubric aspects, which `portal` cannot see.
It is created on first visit to the profile page, so accounts made before the CoP existed still work.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from meritopedia.models import Aspect
from portal.cache import page_tag, purge_on_change
from portal.models import Instansi


class MemberProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile")
    full_name = models.CharField(gettext_lazy("Nama lengkap"), max_length=150)
    instansi = models.ForeignKey(
        Instansi,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=gettext_lazy("Instansi"),
    )
    unit = models.CharField(gettext_lazy("Unit kerja"), max_length=200, blank=True)
    jabatan = models.CharField(gettext_lazy("Jabatan"), max_length=200, blank=True)
    aspects = models.ManyToManyField(
        Aspect, blank=True, related_name="+", verbose_name=gettext_lazy("Aspek yang ditangani")
    )
    in_directory = models.BooleanField(
        gettext_lazy("Tampilkan saya di direktori anggota"),
        default=False,
        help_text=gettext_lazy(
            "Nama, instansi, unit, jabatan dan aspek Anda terlihat oleh anggota lain. Email tidak pernah tampil."
        ),
    )
    language = models.CharField(
        gettext_lazy("Bahasa email"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("Bahasa email dari portal untuk Anda: pengingat, pendaftaran acara, keputusan editor."),
    )

    class Meta:
        verbose_name = gettext_lazy("Profil anggota")
        verbose_name_plural = gettext_lazy("Profil anggota")

    def __str__(self):
        return public_name(self.user)

    @classmethod
    def for_user(cls, user) -> "MemberProfile":
        defaults = {"full_name": user.get_full_name(), "language": current_language()}
        profile, _ = cls.objects.get_or_create(user=user, defaults=defaults)
        return profile


def current_language() -> str:
    """The language of the page a member is on, as a new profile's e-mail language: who signs up under /en/ reads
    English."""
    active = translation.get_language()
    return active if active in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_language(user) -> str:
    """The language e-mails to `user` are written in: the one chosen in the profile, else Indonesian (the worker
    sending them has no visitor's language)."""
    profile = getattr(user, "member_profile", None) if user is not None else None
    return profile.language if profile is not None else settings.LANGUAGE_CODE


def _pages_naming(profile) -> list[str]:
    """The pages a member's name shows on: the practices credited to them and the discussions they wrote in."""
    user = profile.user
    practices = user.submitted_practices.values_list("pk", flat=True)
    discussed = user.comments.values_list("page_id", flat=True).distinct()
    return [page_tag(page_id) for page_id in {*practices, *discussed}]


purge_on_change(MemberProfile, tags=_pages_naming)


def public_name(user) -> str:
    """The name others see a member by: the full name they gave, else the neutral "Anggota <instansi>" or "Anggota
    Meritopedia". Never the username, which allauth makes from the e-mail address (rina.wulandari.1985@… signs up
    as "rina.wulandari.1985"), and the profile form promises the e-mail is never shown."""
    profile = getattr(user, "member_profile", None)
    name = (profile and profile.full_name.strip()) or user.get_full_name().strip()
    if name:
        return name
    if profile and profile.instansi_id:
        return gettext("Anggota %(instansi)s") % {"instansi": profile.instansi.name}
    return gettext("Anggota Meritopedia")


def greeting_name(user) -> str:
    """The name an e-mail greets its own recipient by: the full name they gave, else their account name. Unlike
    `public_name` the username may stand in, because nobody else reads the message."""
    profile = getattr(user, "member_profile", None)
    return (profile and profile.full_name.strip()) or user.get_full_name().strip() or user.get_username()
