"""The Community of Practice in the Wagtail admin: the programme series, and each event's attendee list."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.exports import csv_response

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
