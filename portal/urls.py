from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cop import views as cop_views
from cop.podcast import PodcastFeed
from meritopedia import views as meritopedia_views
from meritopedia.feeds import ArticleFeed, AtomArticleFeed
from portal import passwords, security
from portal.api import api_router
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("dokumen/<int:document_id>/<str:document_filename>", security.serve_document, name="document"),
    path("dokumen/authenticate_with_password/<int:restriction_id>/", passwords.collection_password),
    path("dokumen/", include(wagtaildocs_urls)),
    path("akun/profil/", cop_views.profile, name="member_profile"),
    path("akun/kontribusi/", cop_views.contributions, name="my_contributions"),
    path("akun/acara/<int:page_id>/daftar/", cop_views.register, name="event_register"),
    path("akun/acara/<int:page_id>/batal/", cop_views.cancel, name="event_cancel"),
    path("akun/login/", security.LoginView.as_view(), name="account_login"),
    path("akun/", include("allauth.urls")),
    path("anggota/", cop_views.directory, name="member_directory"),
    path("praktik-baik/lampiran/<int:attachment_id>/<str:filename>", cop_views.attachment, name="practice_attachment"),
    path("diskusi/<int:page_id>/kirim/", cop_views.post_comment, name="comment_post"),
    path("diskusi/komentar/<int:comment_id>/sembunyikan/", cop_views.hide_comment, name="comment_hide"),
    path("diskusi/komentar/<int:comment_id>/terima/", cop_views.accept_answer, name="comment_accept"),
    path("acara/kalender.ics", cop_views.calendar_feed, name="events_ics"),
    path("acara/<slug:slug>.ics", cop_views.event_calendar, name="event_ics"),
    path("podcast/feed/", PodcastFeed(), name="podcast_feed"),
    path("rekaman/<int:media_id>/<str:filename>", cop_views.recording, name="recording"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("indikator/<str:code>/", meritopedia_views.indicator, name="indicator"),
    path("meritopedia/feed/", ArticleFeed(), name="article_feed"),
    path("meritopedia/feed/atom/", AtomArticleFeed(), name="article_feed_atom"),
    path("cari/", search_views.search, name="search"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="api_search_autocomplete"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.MEDIA_URL.startswith("/"):  # files on disk; on S3-compatible storage MEDIA_URL is the bucket
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", security.serve_media, name="media")]

urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        passwords.page_password,
    ),
    path("", include(wagtail_urls)),
]

handler500 = "portal.views.server_error"
