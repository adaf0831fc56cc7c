"""Podcast MERITO: episodes as pages with their audio in wagtailmedia, and the RSS feed podcast apps read.

The feed follows what Apple Podcasts and Spotify require (the iTunes namespace: image, category, explicit, owner,
type, and per episode an enclosure with its length and one of the types Apple accepts, a guid that never changes,
and the duration). The guid is the page's translation key, so renaming or moving an episode never makes apps
download it again.
"""

from pathlib import PurePosixPath

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from meritopedia.models import Indicator
from portal.models import DemoContent, FiledUnderSeci, SeciMode
from portal.searchable import SearchResult
from portal.site_pages import CONTACT_EMAIL

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"

# The enclosure types Apple Podcasts accepts, by file extension (Apple wants `audio/x-m4a`, where Python's
# mimetypes says `audio/mp4`). A WAV or OGG episode would make Apple reject the feed.
ENCLOSURE_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/x-m4a",
    ".mp4": "video/mp4",
    ".m4v": "video/x-m4v",
    ".mov": "video/quicktime",
}


class PodcastPage(Page):
    """/podcast/: the show. Its fields are the channel of the feed."""

    intro = models.TextField("Deskripsi acara", help_text="Juga deskripsi kanal di aplikasi podcast.")
    author = models.CharField("Penyelenggara", max_length=120, default="Komisi Aparatur Sipil Negara")
    owner_email = models.EmailField("Email pemilik", blank=True, help_text="Untuk verifikasi di Apple/Spotify.")
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Gambar sampul (persegi, 1400–3000 px)",
    )
    category = models.CharField("Kategori iTunes", max_length=60, default="Government")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("owner_email"), FieldPanel("artwork"), FieldPanel("category")],
            heading="Untuk aplikasi podcast",
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cop.PodcastEpisodePage"]
    max_count = 1

    class Meta:
        verbose_name = "Podcast"

    def episodes(self):
        return (
            PodcastEpisodePage.objects.child_of(self)
            .live()
            .public()
            .select_related("audio")
            .order_by("-first_published_at")
        )

    def artwork_url(self, request) -> str:
        if self.artwork_id:
            return request.build_absolute_uri(self.artwork.get_rendition("fill-1400x1400|format-png").url)
        return request.build_absolute_uri(static("img/podcast-merito.png"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = self.episodes()
        return context

    @property
    def feed_owner_email(self) -> str:
        """Apple writes to the owner to verify the show: the editors' address, else KASN's published contact."""
        return self.owner_email or CONTACT_EMAIL


class PodcastEpisodePage(FiledUnderSeci, DemoContent, Page):
    episode_number = models.PositiveIntegerField("Nomor episode", null=True, blank=True)
    summary = models.TextField("Ringkasan", max_length=600, help_text="Deskripsi episode di aplikasi podcast.")
    audio = models.ForeignKey(
        "wagtailmedia.Media", on_delete=models.PROTECT, related_name="+", verbose_name="Berkas audio"
    )
    guests = models.CharField("Tamu", max_length=255, blank=True, help_text="Nama dan instansi, dipisah koma.")
    show_notes = RichTextField("Catatan episode", blank=True)
    transcript = RichTextField("Transkrip", blank=True)
    indicators = ParentalManyToManyField(
        Indicator, blank=True, related_name="podcast_episodes", verbose_name="Indikator"
    )
    seci_mode = models.ForeignKey(
        SeciMode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Mode SECI"
    )

    content_panels = Page.content_panels + [
        FieldPanel("episode_number"),
        FieldPanel("summary"),
        FieldPanel("audio"),
        FieldPanel("guests"),
        FieldPanel("show_notes"),
        FieldPanel("transcript"),
        MultiFieldPanel([FieldPanel("indicators"), FieldPanel("seci_mode")], heading="Kaitan dengan rubrik"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("guests"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
    ]
    search_result = SearchResult(indicators=("indicators",), seci="seci_mode")
    parent_page_types = ["cop.PodcastPage"]
    subpage_types = []
    listing_order = ["-first_published_at"]
    default_seci = "eksternalisasi"  # tacit know-how told aloud

    class Meta:
        verbose_name = "Episode podcast"
        verbose_name_plural = "Episode podcast"

    @property
    def duration_text(self) -> str:
        """itunes:duration as HH:MM:SS."""
        seconds = round(self.audio.duration or 0)
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    def clean(self):
        """An episode podcast apps cannot play never reaches the feed: the editor is told which files they take."""
        super().clean()
        if self.audio_id and enclosure_type(self.audio) is None:
            raise ValidationError(
                {
                    "audio": gettext("Aplikasi podcast hanya menerima berkas %(types)s.")
                    % {"types": ", ".join(ext.lstrip(".").upper() for ext in ENCLOSURE_TYPES)}
                }
            )


class _ITunesRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:image", attrs={"href": feed["artwork"]})
        handler.addQuickElement("itunes:category", attrs={"text": feed["category"]})
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:author", feed["author_name"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["author_name"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["duration"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")
        if item.get("episode"):
            handler.addQuickElement("itunes:episode", str(item["episode"]))


class PodcastFeed(Feed):
    """/podcast/feed/"""

    feed_type = _ITunesRss
    language = "id"

    def get_object(self, request):
        self.request = request
        show = PodcastPage.objects.live().public().first()
        if show is None:
            raise Http404("Podcast belum diterbitkan.")
        return show

    def title(self, show):
        return show.title

    def link(self, show):
        return show.url

    def description(self, show):
        return show.intro

    def author_name(self, show):
        return show.author

    def feed_extra_kwargs(self, show):
        return {
            "artwork": show.artwork_url(self.request),
            "category": show.category,
            "owner_email": show.feed_owner_email,
        }

    def items(self, show):
        """Episodes saved before their file type was checked are left out rather than make Apple reject the feed."""
        return [episode for episode in show.episodes()[:300] if enclosure_type(episode.audio)]

    def item_title(self, episode):
        return episode.title

    def item_description(self, episode):
        return episode.summary

    def item_link(self, episode):
        return episode.url

    def item_guid(self, episode):
        return str(episode.translation_key)

    item_guid_is_permalink = False

    def item_pubdate(self, episode):
        return episode.first_published_at

    def item_enclosures(self, episode):
        url = self.request.build_absolute_uri(recording_url(episode.audio))
        return [Enclosure(url, str(episode.audio.file.size), enclosure_type(episode.audio))]

    def item_extra_kwargs(self, episode):
        return {"duration": episode.duration_text, "episode": episode.episode_number}


def recording_url(media) -> str:
    """Audio and video go through our view that answers HTTP range requests (players seek with them)."""
    return reverse("recording", args=[media.pk, media.filename])


def enclosure_type(media) -> str | None:
    """The enclosure type Apple Podcasts accepts for this file, or None if it accepts none."""
    return ENCLOSURE_TYPES.get(PurePosixPath(media.file.name).suffix.lower())
