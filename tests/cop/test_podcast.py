"""Podcast MERITO: the episode pages, the feed podcast apps read, and audio that answers range requests."""

import io
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtailmedia.models import get_media_model

from cop.demo import _tone, demo_audio
from cop.models import PodcastEpisodePage, PodcastPage

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
# What Apple Podcasts accepts as an enclosure (its "Podcast RSS feed requirements"), written out here rather than
# read from cop.podcast so that a wrong table there fails this test.
APPLE_ENCLOSURE_TYPES = {"audio/mpeg", "audio/x-m4a", "video/mp4", "video/x-m4v", "video/quicktime"}


def _media(title, name, content):
    media = get_media_model()(title=title, type="audio", duration=3725)
    media.file.save(name, ContentFile(content), save=False)
    media.save()
    return media


@pytest.fixture
def episode(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    media = _media("Episode uji", "episode-uji.mp3", _tone(1.0))
    page = PodcastEpisodePage(
        title="Talent pool di daerah", slug="talent-pool-di-daerah", episode_number=7, summary="Obrolan.", audio=media
    )
    PodcastPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_feed_has_what_podcast_apps_require(client, episode):
    response = client.get("/podcast/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "rss20"
    channel = feed.feed
    assert channel.title == "Podcast MERITO" and channel.language == "id" and channel.subtitle
    assert channel.image.href.endswith("/static/img/podcast-merito.png")
    assert channel.tags[0].term == "Government"
    assert b"<itunes:explicit>false</itunes:explicit>" in response.content  # feedparser reads only yes/clean
    item = feed.entries[0]
    assert item.title == "Talent pool di daerah" and item.published and item.itunes_duration == "01:02:05"
    enclosure = item.enclosures[0]
    assert enclosure.type == "audio/mpeg" and int(enclosure.length) == episode.audio.file.size
    assert enclosure.href.startswith("http://testserver/rekaman/")
    assert item.id == str(episode.translation_key) and item.guidislink is False


def test_the_guid_survives_a_rename(client, episode):
    before = feedparser.parse(client.get("/podcast/feed/").content).entries[0].id
    episode.title, episode.slug = "Judul baru", "judul-baru"
    episode.save_revision().publish()
    assert feedparser.parse(client.get("/podcast/feed/").content).entries[0].id == before


def test_audio_answers_range_requests(client, episode):
    url = (
        feedparser.parse(client.get("/podcast/feed/").content)
        .entries[0]
        .enclosures[0]
        .href.replace("http://testserver", "")
    )
    size = episode.audio.file.size
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert len(b"".join(whole.streaming_content)) == size
    part = client.get(url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 10-19/{size}"
    assert b"".join(part.streaming_content) == b"".join(client.get(url).streaming_content)[10:20]
    tail = client.get(url, HTTP_RANGE="bytes=-4")
    assert tail["Content-Range"] == f"bytes {size - 4}-{size - 1}/{size}"
    assert client.get(url, HTTP_RANGE=f"bytes={size + 10}-").status_code == 416
    assert client.get(url, HTTP_RANGE="bytes=abc").status_code == 200
    assert client.get("/rekaman/999999/tidak-ada.mp3").status_code == 404
    assert client.get(url.rsplit("/", 1)[0] + "/nama-lain.mp3").status_code == 404


def test_episode_page_plays_the_audio_and_is_on_its_show(client, episode):
    html = client.get(episode.url).content.decode()
    assert "<audio controls" in html and "/rekaman/" in html and "01:02:05" in html
    assert episode.title in client.get("/podcast/").content.decode()
    assert episode.seci_mode.code == "eksternalisasi"


def _channel(client):
    response = client.get("/podcast/feed/")
    assert response.status_code == 200
    return ET.fromstring(response.content).find("channel")


def _text(element, tag) -> str:
    found = element.find(tag)
    assert found is not None, f"<{tag}> missing"
    assert (found.text or "").strip(), f"<{tag}> empty"
    return found.text.strip()


def _absolute(url) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _feed_without_build_date(client) -> bytes:
    channel = _channel(client)
    channel.remove(channel.find("lastBuildDate"))
    return ET.tostring(channel)


def test_the_demo_feed_has_every_tag_apple_podcasts_requires(client, settings, tmp_path):
    """Apple's required and recommended show and episode tags, on the demo episodes as `load_demo` makes them;
    each enclosure of an accepted type, at an absolute address, with the length of the file actually served."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    first_feed = _feed_without_build_date(client)
    call_command("load_demo", stdout=io.StringIO())
    assert _feed_without_build_date(client) == first_feed  # a second load changes nothing the apps read

    channel = _channel(client)
    assert _text(channel, "title") == "Podcast MERITO" and _text(channel, "description")
    assert _text(channel, "language") == "id" and _absolute(_text(channel, "link"))
    image = channel.find(f"{ITUNES}image").get("href")
    assert _absolute(image) and image.endswith((".png", ".jpg"))
    assert client.get(urlsplit(image).path).status_code == 200
    assert channel.find(f"{ITUNES}category").get("text") == "Government"
    assert _text(channel, f"{ITUNES}explicit") in ("true", "false")
    assert _text(channel, f"{ITUNES}author") == "Komisi Aparatur Sipil Negara"
    assert _text(channel, f"{ITUNES}type") == "episodic"
    owner = channel.find(f"{ITUNES}owner")
    assert _text(owner, f"{ITUNES}name") == "Komisi Aparatur Sipil Negara"
    assert _text(owner, f"{ITUNES}email") == "penerapansistemmerit@kasn.go.id"  # no email set: KASN's contact

    items = channel.findall("item")
    assert len(items) == PodcastEpisodePage.objects.filter(is_demo=True).count() == 2
    for item in items:
        assert _text(item, "title") and _text(item, "description") and _text(item, "guid")
        assert _absolute(_text(item, "link")) and parsedate_to_datetime(_text(item, "pubDate"))
        assert _text(item, f"{ITUNES}duration") == "00:00:03"
        assert _text(item, f"{ITUNES}explicit") in ("true", "false")
        enclosure = item.find("enclosure")
        url, length, kind = enclosure.get("url"), enclosure.get("length"), enclosure.get("type")
        assert kind in APPLE_ENCLOSURE_TYPES and _absolute(url)
        served = b"".join(client.get(urlsplit(url).path).streaming_content)
        assert int(length) == len(served) and served[:2] in (b"\xff\xfb", b"\xff\xf3", b"ID")  # an MPEG frame

    call_command("load_demo", "--remove", stdout=io.StringIO())
    assert _channel(client).findall("item") == []
    assert not get_media_model().objects.filter(title__startswith="[Demo]").exists()


def test_the_owner_is_always_there_the_shows_email_before_kasns_contact(client):
    def owner():
        found = _channel(client).find(f"{ITUNES}owner")
        assert found is not None, "Apple needs itunes:owner to verify the show"
        return _text(found, f"{ITUNES}name"), _text(found, f"{ITUNES}email")

    assert owner() == ("Komisi Aparatur Sipil Negara", "penerapansistemmerit@kasn.go.id")
    show = PodcastPage.objects.get()
    show.owner_email = "podcast@kasn.go.id"
    show.save_revision().publish()
    assert owner() == ("Komisi Aparatur Sipil Negara", "podcast@kasn.go.id")


def test_audio_apple_refuses_is_refused_to_editors_and_kept_out_of_the_feed(client, episode):
    wav = _media("Episode WAV", "episode-wav.wav", b"RIFF....WAVEfmt ")
    episode.audio = wav
    with pytest.raises(ValidationError) as refused:
        episode.full_clean()
    assert "MP3" in str(refused.value.message_dict["audio"])
    # An episode saved before the check, still pointing at a WAV file: the feed leaves it out.
    PodcastEpisodePage.objects.filter(pk=episode.pk).update(audio=wav)
    assert _channel(client).findall("item") == []


def test_a_wav_demo_file_from_before_becomes_mp3_in_place(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    old = _media("[Demo] Audio demo episode 1", "audio-demo-episode-1.wav", b"RIFF....WAVEfmt ")
    old_path = Path(old.file.path)
    media = demo_audio("Audio demo episode 1")
    assert media.pk == old.pk and media.file.name.endswith(".mp3") and media.duration == 3.0
    assert not old_path.exists() and Path(media.file.path).read_bytes()[:2] == b"\xff\xfb"
    assert demo_audio("Audio demo episode 1").file.name == media.file.name  # made once, then left alone
