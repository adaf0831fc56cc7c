"""The CoP's addresses that are not pages (members, registrations, recordings, submissions, discussion), included
by `portal.urls` ahead of Wagtail's page serving."""

from django.urls import path
from django.views.generic import RedirectView

from .podcast import PodcastFeed
from .views import discussion, events, guidance, members, practices, recordings

urlpatterns = [
    path("akun/profil/", members.profile, name="member_profile"),
    path("akun/kontribusi/", members.contributions, name="my_contributions"),
    path("anggota/", members.directory, name="member_directory"),
    path("akun/acara/<id:page_id>/daftar/", events.register, name="event_register"),
    path("akun/acara/<id:page_id>/batal/", events.cancel, name="event_cancel"),
    path("acara/kalender.ics", events.calendar_feed, name="events_ics"),
    path("acara/<slug:slug>.ics", events.event_calendar, name="event_ics"),
    path("podcast/feed/", PodcastFeed(), name="podcast_feed"),
    path("rekaman/<id:media_id>/<str:filename>", recordings.recording, name="recording"),
    path("praktik-baik/kirim/", practices.submit_practice, name="practice_submit"),
    path("praktik-baik/kiriman/", RedirectView.as_view(pattern_name="my_contributions")),
    path("praktik-baik/kiriman/<id:practice_id>/", practices.view_submission, name="practice_submission"),
    path("praktik-baik/kiriman/<id:practice_id>/ubah/", practices.edit_submission, name="practice_submission_edit"),
    path("praktik-baik/lampiran/<id:attachment_id>/<str:filename>", practices.attachment, name="practice_attachment"),
    path("panduan/<id:page_id>/usulan/", guidance.propose, name="guidance_propose"),
    path("diskusi/<id:page_id>/kirim/", discussion.post_comment, name="comment_post"),
    path("diskusi/komentar/<id:comment_id>/sembunyikan/", discussion.hide_comment, name="comment_hide"),
    path("diskusi/komentar/<id:comment_id>/terima/", discussion.accept_answer, name="comment_accept"),
]
