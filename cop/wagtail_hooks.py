"""The Community of Practice in the Wagtail admin: the programme series, and each event's attendee list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from portal.exports import csv_response

from .guidance_proposals import DecisionRefused, GuidanceProposal
from .models import Comment, EventPage, EventSeries


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = "Rangkaian CoP"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "event_type", "year", "period", "seci_mode"]
    list_filter = ["event_type", "year"]


register_snippet(EventSeriesViewSet)


class CommentViewSet(SnippetViewSet):
    """Editors read every thread in one list and hide or restore a comment by ticking "Disembunyikan"."""

    model = Comment
    icon = "comment"
    menu_label = "Diskusi"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["body", "author", "page", "kind", "created_at", "is_hidden", "is_accepted"]
    list_filter = ["is_hidden", "kind"]
    search_fields = ["body"]
    search_backend_name = None  # plain database filtering: comments are not in the site search index
    panels = [FieldPanel("body"), FieldPanel("is_hidden"), FieldPanel("is_accepted")]


register_snippet(CommentViewSet)


class GuidanceProposalIndexView(IndexView):
    """The snippet listing, with "Setujui" and "Tolak" on each proposal still waiting."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.is_pending and self.request.user.has_perm("cop.change_guidanceproposal"):
            for name, label in (("approve", _("Setujui")), ("decline", _("Tolak"))):
                url = reverse(f"wagtailsnippets_cop_guidanceproposal:{name}", args=[instance.pk])
                buttons.insert(0 if name == "approve" else 1, ListingButton(label, url=url, priority=5))
        return buttons


class GuidanceProposalViewSet(SnippetViewSet):
    """Members' guidance proposals, filtered by status and indicator page; an editor may correct the wording before
    approving it into the page ("Setujui") or declining it with the reason the member is sent ("Tolak")."""

    model = GuidanceProposal
    index_view_class = GuidanceProposalIndexView
    icon = "help"
    menu_label = _("Usulan panduan")
    add_to_admin_menu = True
    menu_order = 305
    list_display = ["page", "section", "author_name", "status", "created_at"]
    list_filter = ["status", "page"]
    search_fields = ["text"]
    search_backend_name = None  # plain database filtering: proposals are never in the site search index
    inspect_view_enabled = True
    inspect_view_fields = ["page", "section", "text", "status", "created_at", "decided_at", "reason"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("section", read_only=True),
        FieldPanel("text"),
        FieldPanel("status", read_only=True),
        FieldPanel("reason", read_only=True),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("setujui/<int:pk>/", approve_proposal, name="approve"),
            path("tolak/<int:pk>/", decline_proposal, name="decline"),
        ]


register_snippet(GuidanceProposalViewSet)

_PROPOSALS = "wagtailsnippets_cop_guidanceproposal:list"


def _proposal_to_decide(request, pk) -> GuidanceProposal:
    if not request.user.has_perm("cop.change_guidanceproposal"):
        raise PermissionDenied
    queryset = GuidanceProposal.objects.select_related("page", "author__member_profile__instansi")
    return get_object_or_404(queryset, pk=pk)


def _decision_page(request, proposal, action, status=200, reason=""):
    page = proposal.page
    context = {
        "proposal": proposal,
        "action": action,
        "current": getattr(page, proposal.section),
        "has_draft": page.has_unpublished_changes,
        "reason": reason,
        "list_url": reverse(_PROPOSALS),
    }
    return TemplateResponse(request, "cop/admin/guidance_decision.html", context, status=status)


def approve_proposal(request, pk):
    """GET: the proposal beside its section as it stands; POST: publish it into the page, credited."""
    proposal = _proposal_to_decide(request, pk)
    if request.method == "POST":
        try:
            proposal.approve(request.user)
        except DecisionRefused as refusal:
            messages.error(request, str(refusal))
            return _decision_page(request, proposal, "approve", status=409)
        messages.success(request, gettext("Usulan disetujui dan terbit di %(page)s.") % {"page": proposal.page.title})
        return redirect(_PROPOSALS)
    return _decision_page(request, proposal, "approve")


def decline_proposal(request, pk):
    """GET: the proposal and a box for the reason; POST: decline it, and the member is e-mailed the reason."""
    proposal = _proposal_to_decide(request, pk)
    if request.method == "POST":
        reason = request.POST.get("reason", "")[:2000]
        try:
            proposal.decline(request.user, reason)
        except DecisionRefused as refusal:
            messages.error(request, str(refusal))
            return _decision_page(request, proposal, "decline", status=400, reason=reason)
        messages.success(request, gettext("Usulan ditolak; pengusul diberi tahu alasannya lewat email."))
        return redirect(_PROPOSALS)
    return _decision_page(request, proposal, "decline")


@hooks.register("register_admin_urls")
def register_attendee_urls():
    return [path("acara/<int:page_id>/peserta/", attendees, name="event_attendees")]


@hooks.register("register_page_header_buttons")
def attendee_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button("Peserta", url=reverse("event_attendees", args=[page.pk]), icon_name="group", priority=40)


def attendees(request, page_id):
    """Editors see who registered (seats, waiting list, cancellations) and download it as CSV."""
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    registrations = event.registrations.select_related("user__member_profile__instansi").order_by(
        "status", "created_at"
    )
    rows = []
    for registration in registrations:
        profile = getattr(registration.user, "member_profile", None)
        rows.append(
            (
                profile.full_name if profile else registration.user.get_full_name(),
                registration.user.email,
                str(profile.instansi or "") if profile else "",
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            )
        )
    header = ("Nama", "Email", "Instansi", "Status", "Mendaftar (WIB)")
    if request.GET.get("format") == "csv":
        return csv_response(f"peserta-{event.slug}.csv", header, rows)
    return TemplateResponse(
        request, "cop/admin/attendees.html", {"event": event, "header": header, "rows": rows, "page": event}
    )
