"""Podcast MERITO: the episode pages, the feed podcast apps read, and audio that answers range requests."""

import feedparser
import pytest
from django.core.files.base import ContentFile
from wagtailmedia.models import get_media_model

from cop.demo import _tone
from cop.models import PodcastEpisodePage, PodcastPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    media = get_media_model()(title="Episode uji", type="audio", duration=3725)
    media.file.save("episode-uji.wav", ContentFile(_tone(1.0)), save=False)
    media.save()
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
    assert enclosure.type == "audio/x-wav" and int(enclosure.length) == episode.audio.file.size
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
    assert client.get("/rekaman/999999/tidak-ada.wav").status_code == 404
    assert client.get(url.rsplit("/", 1)[0] + "/nama-lain.wav").status_code == 404


def test_episode_page_plays_the_audio_and_is_on_its_show(client, episode):
    html = client.get(episode.url).content.decode()
    assert "<audio controls" in html and "/rekaman/" in html and "01:02:05" in html
    assert episode.title in client.get("/podcast/").content.decode()
    assert episode.seci_mode.code == "eksternalisasi"
