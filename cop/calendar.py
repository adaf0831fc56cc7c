"""iCalendar (RFC 5545) for CoP events: one feed of all events and one file per event.

Times are written with TZID=Asia/Jakarta and the zone's VTIMEZONE, so a calendar in Makassar or Jayapura shows
the right local hour; the UID is the page's translation key, so an updated event replaces the old entry.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

JAKARTA = ZoneInfo("Asia/Jakarta")
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def build_calendar(events, request, name="Acara CoP Sistem Merit") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//KASN//Meritopedia Portal//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Jakarta")
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
        entry.add("dtstart", event.start.astimezone(JAKARTA))
        entry.add("dtend", (event.end or event.start + DEFAULT_LENGTH).astimezone(JAKARTA))
        entry.add("summary", event.title)
        entry.add("description", event.intro)
        entry.add("url", request.build_absolute_uri(event.url))
        if event.location or event.online_url:
            entry.add("location", event.location or event.online_url)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
