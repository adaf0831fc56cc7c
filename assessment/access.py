"""Who may do what with an instansi's assessment. Only its team and the verifikator assigned to it see anything;
KASN editors and superusers included get nothing unless KASN assigns them as verifikator."""

from dataclasses import dataclass

from django.db.models import Q

from portal.models import Instansi

from .teams import Team, TeamMember, VerifierAssignment


@dataclass(frozen=True)
class Access:
    member: TeamMember | None = None
    verifier: bool = False

    @property
    def sees(self) -> bool:
        return self.member is not None or self.verifier

    @property
    def is_team(self) -> bool:
        return self.member is not None

    @property
    def is_ketua(self) -> bool:
        return self.member is not None and self.member.role == TeamMember.KETUA

    def answers(self, indicator) -> bool:
        """The ketua answers every indicator, a member those of the aspects of their kelompok kerja."""
        return self.member is not None and indicator.aspect.letter in self.member.aspect_letters


NONE = Access()


def access_to(user, instansi) -> Access:
    if not user.is_authenticated or instansi is None:
        return NONE
    member = TeamMember.objects.filter(user=user, team__instansi=instansi).select_related("team").first()
    verifier = VerifierAssignment.objects.filter(user=user, instansi=instansi).exists()
    return Access(member=member, verifier=verifier)


def membership(user) -> TeamMember | None:
    """The team a signed-in member belongs to (a member is on at most one team)."""
    if not user.is_authenticated:
        return None
    return TeamMember.objects.filter(user=user).select_related("team__instansi").first()


def verified_instansi(user):
    if not user.is_authenticated:
        return Instansi.objects.none()
    return Instansi.objects.filter(verifiers__user=user).order_by("name")


def teams_visible_to(user):
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(Q(members__user=user) | Q(instansi__verifiers__user=user)).distinct()
