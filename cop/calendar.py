"""iCalendar (RFC 5545) for CoP events: one feed of all events and one file per event.

Times are written with TZID=Asia/Jakarta and the zone's VTIMEZONE, so a calendar in Makassar or Jayapura shows
the right local hour; the UID is the page's translation key, so an updated event replaces the old entry. The
online meeting link is written only into the file e-mailed to a member holding a seat, never into the public ones.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

from portal.site_address import page_address

JAKARTA = ZoneInfo("Asia/Jakarta")
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def build_calendar(events, name="Acara CoP Sistem Merit", with_meeting_link=False) -> bytes:
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
        meeting_link = event.online_url if with_meeting_link else ""
        entry.add("description", f"{event.intro}\n\n{meeting_link}" if meeting_link else event.intro)
        entry.add("url", page_address(event))
        if event.location or meeting_link:
            entry.add("location", event.location or meeting_link)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
