from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from meritopedia import views as meritopedia_views
from meritopedia.feeds import ArticleFeed, AtomArticleFeed
from portal.api import api_router
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("dokumen/", include(wagtaildocs_urls)),
    path("akun/", include("allauth.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("indikator/<str:code>/", meritopedia_views.indicator, name="indicator"),
    path("meritopedia/feed/", ArticleFeed(), name="article_feed"),
    path("meritopedia/feed/atom/", AtomArticleFeed(), name="article_feed_atom"),
    path("cari/", search_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "portal.views.server_error"
