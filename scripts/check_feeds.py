"""Validate the portal's public feeds against a running portal: `python scripts/check_feeds.py http://127.0.0.1:8000`.

Parses the podcast RSS with feedparser (the tags Apple Podcasts and Spotify require), and the calendars with
icalendar (UID, DTSTAMP, DTSTART with TZID), and prints what it found. Exits non-zero on the first problem.
"""

import sys
import urllib.request

import feedparser
from icalendar import Calendar


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers.get("Content-Type", "")


def check_podcast(base: str) -> None:
    body, content_type = fetch(base + "/podcast/feed/")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    channel = feed.feed
    for key in ("title", "subtitle", "language", "image", "itunes_explicit", "tags"):
        assert key in channel, f"channel lacks {key}"
    print(
        f"podcast feed: {content_type}; '{channel.title}', language {channel.language}, "
        f"itunes:image {channel.image.href}, category {channel.tags[0].term}, explicit {channel.itunes_explicit}"
    )
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        assert enclosure.href and int(enclosure.length) > 0 and enclosure.type.startswith("audio/")
        assert entry.id and entry.published and entry.itunes_duration
        audio, _ = fetch(enclosure.href)
        assert len(audio) == int(enclosure.length), "enclosure length differs from the file"
        print(
            f"  episode '{entry.title}': guid {entry.id}, {entry.published}, duration {entry.itunes_duration}, "
            f"enclosure {enclosure.type} {enclosure.length} bytes (fetched, length matches)"
        )


def check_calendar(base: str, path: str) -> Calendar:
    body, content_type = fetch(base + path)
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    for event in events:
        assert event.get("UID") and event.get("DTSTAMP"), "VEVENT lacks UID or DTSTAMP"
        assert event["DTSTART"].params.get("TZID") == "Asia/Jakarta", "DTSTART without TZID=Asia/Jakarta"
    assert calendar.walk("VTIMEZONE"), "no VTIMEZONE"
    print(f"{path}: {content_type}; {len(events)} VEVENT, all with UID, DTSTAMP and DTSTART;TZID=Asia/Jakarta")
    return calendar


def main(base: str) -> None:
    base = base.rstrip("/")
    check_podcast(base)
    calendar = check_calendar(base, "/acara/kalender.ics")
    first = calendar.walk("VEVENT")[0]
    slug = str(first.get("URL", "")).rstrip("/").rsplit("/", 1)[-1]
    if slug:
        check_calendar(base, f"/acara/{slug}.ics")
    body, content_type = fetch(base + "/meritopedia/feed/")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    print(f"article feed: {content_type}; {len(feed.entries)} entries")
    print("semua umpan sah")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
