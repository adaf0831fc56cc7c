"""The member's own pages: profile, "Kontribusi saya", and the directory of members who opted in."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Page, WorkflowState

from meritopedia.models import Aspect
from portal.models import Instansi

from ..discussion import Comment
from ..events import Registration
from ..forms import MemberProfileForm
from ..guidance_proposals import GuidanceProposal
from ..members import MemberProfile
from ..practices import GoodPracticePage, PracticeStatus


@login_required
def profile(request):
    member = MemberProfile.for_user(request.user)
    form = MemberProfileForm(request.POST or None, instance=member)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, gettext("Profil Anda tersimpan."))
            return redirect("member_profile")
        messages.error(request, gettext("Profil belum tersimpan: periksa isian yang ditandai."))
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
    """ "Kontribusi saya": the member's practices and guidance proposals with where each stands, their
    registrations and comments."""
    registrations = Registration.with_waitlist_positions(
        Registration.objects.filter(user=request.user).select_related("event").order_by("-event__start")
    )
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
    submissions = [
        {
            "practice": practice,
            "title": practice.latest_revision.object_str if practice.latest_revision else practice.title,
            "status": PracticeStatus.of(practice, states.get(str(practice.pk))),
            "url": reverse("practice_submission", args=[practice.pk]),
        }
        for practice in practices
    ]
    comments = Comment.objects.filter(author=request.user, is_hidden=False).select_related("page")[:50]
    proposals = GuidanceProposal.objects.filter(author=request.user).select_related("page")[:50]
    return render(
        request,
        "cop/contributions.html",
        {"registrations": registrations, "submissions": submissions, "comments": comments, "proposals": proposals},
    )
