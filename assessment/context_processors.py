"""The header's account menu, shown on every page of every app: the member's name and whether they have
"Penilaian" to go to. It lives here because only this layer knows both cop's profiles and the assessment teams."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.utils.functional import SimpleLazyObject

from cop.members import MemberProfile

from .teams import TeamMember, VerifierAssignment


@dataclass(frozen=True)
class AccountMenu:
    full_name: str  # from the member's profile; empty when none is set (never taken from the e-mail address)
    assesses: bool  # on a Tim Penilaian Mandiri or an assigned verifikator


def _menu(user) -> AccountMenu:
    """One query: the profile's name and both memberships as subqueries of the member's own row."""
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            profile_name=Subquery(MemberProfile.objects.filter(user=OuterRef("pk")).values("full_name")[:1]),
            is_team_member=Exists(TeamMember.objects.filter(user=OuterRef("pk"))),
            is_verifier=Exists(VerifierAssignment.objects.filter(user=OuterRef("pk"))),
        )
        .values("profile_name", "is_team_member", "is_verifier")
        .first()
    )
    if row is None:
        return AccountMenu(full_name="", assesses=False)
    assesses = row["is_team_member"] or row["is_verifier"]
    return AccountMenu(full_name=(row["profile_name"] or "").strip(), assesses=assesses)


def account_menu(request) -> dict:
    """Nothing for anonymous visitors (no query); for a member, evaluated only when a template shows the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"account_menu": SimpleLazyObject(lambda: _menu(user))}
