"""The project's addresses: Wagtail's admin, API and pages, and each app's own `urls` included by name (the apps
sit above portal, so they are named here as strings, never imported). What visitors read is under i18n_patterns:
Indonesian at the plain address, English under /en/; the admin, API, files and sitemap have one address."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import instansi_views, passwords, security, views
from portal.api import api_router
from portal.sitemap import BilingualSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("dokumen/<id:document_id>/<str:document_filename>", security.serve_document, name="document"),
    path("dokumen/authenticate_with_password/<id:restriction_id>/", passwords.collection_password),
    path("dokumen/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
]
# Everything a visitor reads, in both languages: each app's views, then (last, below) Wagtail's pages.
visitor_patterns = [
    path("akun/login/", security.LoginView.as_view(), name="account_login"),
    path("instansi/cari/", instansi_views.search, name="instansi_search"),
    path("", include("cop.urls")),
    path("", include("assessment.urls")),
    path("", include("dashboard.urls")),
    path("akun/", include("allauth.urls")),
    path("", include("meritopedia.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.MEDIA_URL.startswith("/"):  # files on disk; on S3-compatible storage MEDIA_URL is the bucket
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", security.serve_media, name="media")]

urlpatterns += [
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        passwords.page_password,
    ),
]
urlpatterns += i18n_patterns(*visitor_patterns, path("", include(wagtail_urls)), prefix_default_language=False)

handler500 = "portal.views.server_error"
