"""Compression by the portal itself (portal/compression.py): pages and data gzip-compressed for a browser that
accepts it, a cached copy too; files, audio with its byte ranges and exports left as they are."""

import gzip

import feedparser
import pytest

from tests.cop.test_podcast import episode  # noqa: F401 - a fixture
from tests.portal.test_page_cache import page_cache  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize("url", ["/regulasi/permenpanrb-40-2018/", "/api/v2/pages/?limit=5", "/sitemap.xml"])
def test_pages_and_data_arrive_compressed_and_whole(client, url):
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 3
    assert gzip.decompress(packed.content).decode().replace("\n", "")[:200] == plain.content.decode().replace(
        "\n", ""
    )[:200]
    assert not plain.has_header("Content-Encoding") and "Accept-Encoding" in plain["Vary"]


def test_a_cached_copy_is_compressed_too_and_kept_plain(client, page_cache):  # noqa: F811
    first = client.get("/rubrik/", **GZIP)
    second = client.get("/rubrik/", **GZIP)
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert client.get("/rubrik/").content.startswith(b"<!DOCTYPE html>")  # the same copy, for a plain client


def test_audio_and_exports_pass_as_they_are(client, episode):  # noqa: F811
    feed = feedparser.parse(client.get("/podcast/feed/").content)
    audio = feed.entries[0].enclosures[0].href.replace("http://testserver", "")
    part = client.get(audio, HTTP_RANGE="bytes=10-19", **GZIP)
    assert part.status_code == 206 and not part.has_header("Content-Encoding")
    assert len(b"".join(part.streaming_content)) == 10
    export = client.get("/dasbor/data/kategori.csv", **GZIP)
    assert export.status_code == 200 and not export.has_header("Content-Encoding")
