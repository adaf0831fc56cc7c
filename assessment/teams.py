"""Who may assess an instansi: its Tim Penilaian Mandiri (Pasal 7) and the KASN verifikator assigned to it.

Membership is granted, never claimed: the ketua invites by e-mail (`Invitation`) or KASN adds a member in the
admin. A profile's instansi says where a member works; it gives no right to see that instansi's assessment.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.demo_content import DemoContent
from portal.models import Instansi

# Pasal 7 ayat (5): the six kelompok kerja, each with the aspects (letters of Pasal 6 ayat (2)) it prepares.
WORKING_GROUPS = [
    ("pengadaan", _("Perencanaan kebutuhan dan pengadaan"), ("a", "b")),
    ("karier", _("Pengembangan karier, promosi dan mutasi"), ("c", "d")),
    ("kinerja", _("Manajemen kinerja"), ("e",)),
    ("penggajian", _("Penggajian, penghargaan dan disiplin"), ("f",)),
    ("perlindungan", _("Perlindungan dan pelayanan"), ("g",)),
    ("sistem_informasi", _("Sistem informasi"), ("h",)),
]
WORKING_GROUP_CHOICES = [(code, name) for code, name, _letters in WORKING_GROUPS]
ASPECT_LETTERS = {code: letters for code, _name, letters in WORKING_GROUPS}


class Team(DemoContent, models.Model):
    """The Tim Penilaian Mandiri of one instansi, set by its PPK (the decree is named, not stored)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="team", verbose_name=_("Instansi"))
    decree = models.CharField(_("Keputusan PPK pembentukan tim"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("instansi"), FieldPanel("decree")]

    class Meta:
        verbose_name = _("Tim penilaian mandiri")
        verbose_name_plural = _("Tim penilaian mandiri")

    def __str__(self):
        return str(self.instansi)

    @property
    def ketua(self):
        member = self.members.filter(role=TeamMember.KETUA).select_related("user").first()
        return member.user if member else None


class TeamMember(DemoContent, models.Model):
    KETUA, ANGGOTA = "ketua", "anggota"
    ROLE_CHOICES = [(KETUA, _("Ketua")), (ANGGOTA, _("Anggota"))]

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("Tim"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_teams", verbose_name=_("Akun")
    )
    role = models.CharField(_("Peran"), max_length=10, choices=ROLE_CHOICES, default=ANGGOTA)
    working_group = models.CharField(_("Kelompok kerja"), max_length=20, choices=WORKING_GROUP_CHOICES, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    granted_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("team"), FieldPanel("user"), FieldPanel("role"), FieldPanel("working_group")]

    class Meta:
        verbose_name = _("Anggota tim penilaian")
        verbose_name_plural = _("Anggota tim penilaian")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="one_team_per_member"),
            models.UniqueConstraint(
                fields=["team"], condition=models.Q(role="ketua"), name="one_ketua_per_team"
            ),
        ]

    def __str__(self):
        return f"{self.user.email} ({self.get_role_display()}, {self.team})"

    @property
    def aspect_letters(self) -> tuple[str, ...]:
        """The aspects this member answers; the ketua answers all."""
        if self.role == self.KETUA:
            return tuple(letter for _code, _name, letters in WORKING_GROUPS for letter in letters)
        return ASPECT_LETTERS.get(self.working_group, ())


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail invitation from the ketua; accepting it while signed in with that address grants membership."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("Email"))
    working_group = models.CharField(_("Kelompok kerja"), max_length=20, choices=WORKING_GROUP_CHOICES)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    VALID_DAYS = 14

    class Meta:
        verbose_name = _("Undangan anggota tim")
        verbose_name_plural = _("Undangan anggota tim")

    def __str__(self):
        return f"{self.email} → {self.team}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and timezone.now() - self.created_at < datetime.timedelta(days=self.VALID_DAYS)


class VerifierAssignment(DemoContent, models.Model):
    """A KASN verifikator and an instansi they verify; set by KASN in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifies", verbose_name=_("Verifikator")
    )
    instansi = models.ForeignKey(
        Instansi, on_delete=models.CASCADE, related_name="verifiers", verbose_name=_("Instansi")
    )

    panels = [FieldPanel("user"), FieldPanel("instansi")]

    class Meta:
        verbose_name = _("Penugasan verifikator")
        verbose_name_plural = _("Penugasan verifikator")
        constraints = [models.UniqueConstraint(fields=["user", "instansi"], name="unique_verifier_assignment")]

    def __str__(self):
        return f"{self.user.email} → {self.instansi}"
