"""CoP events (coaching clinic, talk show, FGD, ...) and the members who register for them.

An event is a page: editors publish it, members find it in listings and search, and its recording and summary
are added to the same page after it happens. Registrations are plain rows (one per member and event) so the
capacity rules can be enforced inside one database transaction.
"""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from meritopedia.models import RUBRIC, Aspect, Indicator
from portal.cache import page_tag, purge_on_change
from portal.instansi import WIB, WIT, WITA, ZONE_LABELS
from portal.models import DemoContent, FiledUnderSeci, SeciMode
from portal.searchable import SearchResult

from .programme import EventSeries
from .signals import seat_given, waitlisted


class LocalTime(NamedTuple):
    """An event's start and end in one zone, as wall-clock times (naive: Django's `date` filter would convert an
    aware one back to Jakarta time) with their ISO 8601 forms for `<time datetime>`."""

    label: str
    start: datetime.datetime
    start_iso: str
    end: datetime.datetime | None
    end_iso: str

    @property
    def same_day(self) -> bool:
        return self.end is None or self.end.date() == self.start.date()


class EventIndexPage(Page):
    """/acara/: upcoming events first, then past ones, filterable by type, aspect and year."""

    intro = models.TextField("Pengantar", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cop.EventPage"]
    max_count = 1
    cache_tags = (RUBRIC,)  # the events are its children; the aspects filter them

    class Meta:
        verbose_name = "Daftar acara"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public().select_related("series")
        chosen = {name: request.GET.get(name, "").strip()[:40] for name in ("jenis", "aspek", "tahun")}
        if chosen["jenis"]:
            events = events.filter(event_type=chosen["jenis"])
        if chosen["aspek"]:
            events = events.filter(indicators__aspect__slug=chosen["aspek"]).distinct()
        if chosen["tahun"]:
            events = (
                events.filter(start__year=chosen["tahun"])
                if chosen["tahun"].isdigit() and len(chosen["tahun"]) == 4
                else events.none()
            )
        now = timezone.now()
        context.update(
            upcoming=events.filter(start__gte=now).order_by("start"),
            past=events.filter(start__lt=now).order_by("-start")[:50],
            chosen=chosen,
            filtered=any(chosen.values()),
            type_choices=EventSeries.TYPE_CHOICES,
            aspects=Aspect.objects.filter(version__is_current=True),
            years=sorted(
                {d.year for d in EventPage.objects.child_of(self).live().dates("start", "year")}, reverse=True
            ),
        )
        return context


class EventPage(FiledUnderSeci, DemoContent, Page):
    event_type = models.CharField("Jenis kegiatan", max_length=20, choices=EventSeries.TYPE_CHOICES)
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", verbose_name="Rangkaian"
    )
    start = models.DateTimeField("Mulai", help_text="Waktu Jakarta (WIB).")
    end = models.DateTimeField("Selesai", null=True, blank=True)
    location = models.CharField("Tempat", max_length=255, blank=True)
    online_url = models.URLField("Tautan daring", blank=True, help_text="Zoom, YouTube, dsb.")
    capacity = models.PositiveIntegerField("Kapasitas", null=True, blank=True, help_text="Kosong: tanpa batas.")
    registration_open = models.BooleanField("Pendaftaran dibuka", default=True)
    intro = models.TextField("Ringkasan", max_length=500)
    description = RichTextField("Uraian", blank=True)
    indicators = ParentalManyToManyField(Indicator, blank=True, related_name="events", verbose_name="Topik (indikator)")
    seci_mode = models.ForeignKey(
        SeciMode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Mode SECI"
    )
    materials = StreamField(
        [("document", DocumentChooserBlock(label="Dokumen")), ("link", blocks.URLBlock(label="Tautan"))],
        blank=True,
        verbose_name="Materi",
    )
    recording = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Rekaman (audio/video)",
    )
    summary = RichTextField("Ringkasan hasil atau transkrip", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("series")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
                FieldPanel("online_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_open")]),
            ],
            heading="Waktu dan tempat",
        ),
        FieldPanel("intro"),
        FieldPanel("description"),
        InlinePanel("speakers", label="Narasumber"),
        MultiFieldPanel([FieldPanel("indicators"), FieldPanel("seci_mode")], heading="Kaitan dengan rubrik"),
        FieldPanel("materials"),
        MultiFieldPanel([FieldPanel("recording"), FieldPanel("summary")], heading="Setelah acara"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("summary"),
        index.FilterField("event_type"),
        index.FilterField("start"),
    ]
    search_result = SearchResult(indicators=("indicators",), seci="seci_mode", year="start")
    api_fields = [APIField("event_type"), APIField("start"), APIField("end"), APIField("location"), APIField("intro")]
    parent_page_types = ["cop.EventIndexPage"]
    subpage_types = []
    listing_order = ["-start"]

    class Meta:
        verbose_name = "Acara"
        verbose_name_plural = "Acara"

    def get_default_seci(self) -> str:
        return EventSeries.DEFAULT_SECI.get(self.event_type, "")

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()

    @property
    def uid(self) -> str:
        """The iCalendar UID: the page's translation key, which survives renames and moves."""
        return f"{self.translation_key}@meritopedia"

    def local_times(self, zone_name: str | None = None) -> list[LocalTime]:
        """The start and end in WIB, plus the member's own zone when it differs ("10.00 WIB / 11.00 WITA")."""
        zones = [WIB] + ([zone_name] if zone_name in (WITA, WIT) else [])
        times = []
        for zone in zones:
            start = self.start.astimezone(ZoneInfo(zone))
            end = self.end.astimezone(ZoneInfo(zone)) if self.end else None
            times.append(
                LocalTime(
                    ZONE_LABELS[zone],
                    start.replace(tzinfo=None),
                    start.isoformat(),
                    end.replace(tzinfo=None) if end else None,
                    end.isoformat() if end else "",
                )
            )
        return times

    def seats_taken(self) -> int:
        return self.registrations.filter(status=Registration.REGISTERED).count()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        zone = None
        registration = None
        if request.user.is_authenticated:
            profile = getattr(request.user, "member_profile", None)
            zone = profile.instansi.zone.key if profile and profile.instansi else None
            registration = self.registrations.filter(user=request.user).first()
        taken = self.seats_taken()
        context.update(
            times=self.local_times(zone),
            registration=registration,
            waitlist_position=registration.waitlist_position() if registration else None,
            # The meeting link is for members holding a seat only; pages for anonymous visitors (the only ones
            # the page cache keeps) never carry it.
            shows_meeting_link=bool(self.online_url and registration and registration.has_seat),
            seats_taken=taken,
            is_full=self.capacity is not None and taken >= self.capacity,
            speaker_list=self.speakers.all(),
            indicator_list=self.indicators.select_related("page", "aspect"),
        )
        return context


class EventSpeaker(Orderable):
    """A narasumber. Free text rather than a member link: speakers are often from outside the CoP."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField("Nama", max_length=150)
    affiliation = models.CharField("Instansi", max_length=200, blank=True)
    role = models.CharField("Peran", max_length=100, blank=True, help_text="Mis. narasumber, moderator")

    panels = [FieldPanel("name"), FieldPanel("affiliation"), FieldPanel("role")]

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class RegistrationError(Exception):
    """A registration the rules refuse; the message is shown to the member as is."""


class Registration(models.Model):
    """One member's place at one event: a seat, a place on the waiting list, or a cancelled one.

    Cancelling keeps the row (so re-registering reuses it and the editors' export shows who cancelled); a cancelled
    seat goes to the earliest waiting member in the same transaction.
    """

    REGISTERED, WAITLISTED, CANCELLED = "terdaftar", "daftar_tunggu", "batal"
    STATUS_CHOICES = [(REGISTERED, _("Terdaftar")), (WAITLISTED, _("Daftar tunggu")), (CANCELLED, _("Dibatalkan"))]

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=14, choices=STATUS_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")]
        verbose_name = "Pendaftaran acara"
        verbose_name_plural = "Pendaftaran acara"

    def __str__(self):
        return f"{self.user} — {self.event} ({self.get_status_display()})"

    @property
    def has_seat(self) -> bool:
        return self.status == self.REGISTERED

    def waitlist_position(self) -> int | None:
        """1 for the member the next free seat goes to (the order `cancel` promotes in); None when not waiting."""
        if self.status != self.WAITLISTED:
            return None
        ahead = Registration.objects.filter(event_id=self.event_id, status=self.WAITLISTED).filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1

    @classmethod
    def with_waitlist_positions(cls, registrations):
        """`registrations` annotated with `waiting_ahead` (how many wait before each), in one query for a list."""
        ahead = (
            cls.objects.filter(event_id=OuterRef("event_id"), status=cls.WAITLISTED)
            .filter(
                Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("event_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return registrations.annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))

    @classmethod
    def register(cls, event: EventPage, user) -> "Registration":
        """A seat if one is free, else a place on the waiting list. Raises RegistrationError with the reason."""
        if event.is_past:
            raise RegistrationError(gettext("Acara ini sudah lewat; pendaftaran ditutup."))
        if not event.registration_open:
            raise RegistrationError(gettext("Pendaftaran acara ini sedang ditutup."))
        with transaction.atomic():
            # Lock the event row: two members taking the last seat at once must not both get it.
            EventPage.objects.select_for_update().filter(pk=event.pk).first()
            registration = cls.objects.filter(event=event, user=user).first()
            if registration and registration.status != cls.CANCELLED:
                raise RegistrationError(
                    gettext("Anda sudah terdaftar di acara ini.")
                    if registration.status == cls.REGISTERED
                    else gettext("Anda sudah ada di daftar tunggu acara ini.")
                )
            taken = cls.objects.filter(event=event, status=cls.REGISTERED).count()
            status = cls.WAITLISTED if event.capacity is not None and taken >= event.capacity else cls.REGISTERED
            if registration:
                # Coming back is registering anew: behind everyone already waiting, not at the old place.
                registration.status, registration.created_at = status, timezone.now()
                registration.save(update_fields=["status", "created_at", "updated_at"])
            else:
                registration = cls.objects.create(event=event, user=user, status=status)
        if status == cls.REGISTERED:
            transaction.on_commit(lambda: seat_given.send(cls, registration=registration, promoted=False))
        else:
            transaction.on_commit(lambda: waitlisted.send(cls, registration=registration))
        return registration

    def cancel(self) -> "Registration | None":
        """Cancel; returns the waiting registration that got the freed seat, if any."""
        promoted = None
        with transaction.atomic():
            EventPage.objects.select_for_update().filter(pk=self.event_id).first()
            had_seat = self.status == self.REGISTERED
            self.status = self.CANCELLED
            self.save(update_fields=["status", "updated_at"])
            if had_seat:
                promoted = (
                    Registration.objects.filter(event_id=self.event_id, status=self.WAITLISTED)
                    .order_by("created_at", "pk")
                    .first()
                )
                if promoted:
                    promoted.status = self.REGISTERED
                    promoted.save(update_fields=["status", "updated_at"])
        if promoted:
            transaction.on_commit(lambda: seat_given.send(Registration, registration=promoted, promoted=True))
        return promoted


# The seats taken show on the event page, also to anonymous visitors served from the page cache.
purge_on_change(Registration, tags=lambda registration: [page_tag(registration.event_id)])
