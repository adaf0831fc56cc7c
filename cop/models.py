"""The CoP's models live in one module per domain noun; Django finds them through these imports."""

from .events import EventIndexPage, EventPage, EventSpeaker, Registration
from .members import MemberProfile
from .podcast import PodcastEpisodePage, PodcastPage
from .programme import CommunityPage, EventSeries, EventSeriesTopic

__all__ = [
    "CommunityPage",
    "EventIndexPage",
    "EventPage",
    "EventSeries",
    "EventSeriesTopic",
    "EventSpeaker",
    "MemberProfile",
    "PodcastEpisodePage",
    "PodcastPage",
    "Registration",
]
