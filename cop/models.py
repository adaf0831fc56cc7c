"""The CoP's models live in one module per domain noun; Django finds them through these imports."""

from .discussion import Comment
from .events import EventIndexPage, EventPage, EventSpeaker, Registration
from .guidance_proposals import GuidanceProposal
from .members import MemberProfile
from .moderation import PracticeReviewTask
from .podcast import PodcastEpisodePage, PodcastPage
from .practices import GoodPracticePage, PracticeAttachment, PracticeIndexPage
from .programme import CommunityPage, EventSeries, EventSeriesTopic

__all__ = [
    "Comment",
    "CommunityPage",
    "EventIndexPage",
    "EventPage",
    "EventSeries",
    "EventSeriesTopic",
    "EventSpeaker",
    "GoodPracticePage",
    "GuidanceProposal",
    "MemberProfile",
    "PodcastEpisodePage",
    "PodcastPage",
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticeReviewTask",
    "Registration",
]
