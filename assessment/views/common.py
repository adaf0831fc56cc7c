"""What every page of an assessment needs first: whose assessment it is and what the visitor may do with it.

Anyone who is neither on the instansi's team nor its assigned verifikator gets a 404, as if the assessment did
not exist, so a guessed address says nothing about it.
"""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from portal.models import Instansi

from ..access import Access, access_to, membership
from ..assessments import SelfAssessment

NOT_FOUND = "Penilaian tidak ditemukan."


@dataclass
class Scope:
    instansi: Instansi
    access: Access
    year: int
    url_kwargs: dict
    assessment: SelfAssessment | None = None

    def url(self, name: str, **kwargs) -> str:
        return reverse(name, kwargs={**self.url_kwargs, **kwargs})


def scope(request, year: int, instansi_id: int | None = None, must_exist: bool = True) -> Scope:
    """The instansi is the visitor's own team's, or (under /penilaian/verifikasi/<id>/) one they verify."""
    if not request.user.is_authenticated:
        raise SignInFirst()
    if instansi_id is None:
        member = membership(request.user)
        if member is None:
            raise Http404(NOT_FOUND)
        instansi, url_kwargs = member.team.instansi, {"year": year}
        access = Access(member=member, verifier=False)
    else:
        instansi = get_object_or_404(Instansi, pk=instansi_id)
        access = access_to(request.user, instansi)
        if not access.verifier:
            raise Http404(NOT_FOUND)
        access = Access(member=None, verifier=True)  # on these pages they act as verifikator only
        url_kwargs = {"instansi_id": instansi.pk, "year": year}
    found = SelfAssessment.objects.filter(instansi=instansi, year=year).select_related("version").first()
    if must_exist and found is None:
        raise Http404(NOT_FOUND)
    return Scope(instansi=instansi, access=access, year=year, url_kwargs=url_kwargs, assessment=found)


class SignInFirst(Exception):
    """Raised for anonymous visitors; the views' decorator turns it into the sign-in redirect."""


def members_only(view):
    """Anonymous visitors go to sign in and come back; no assessment page is ever shown to them."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except SignInFirst:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def private(response):
    """Assessment pages are personal to a team: never stored by a shared cache or the browser's back-forward."""
    response["Cache-Control"] = "private, no-store"
    return response
