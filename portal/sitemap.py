"""The sitemap of both languages: Wagtail's lists only the default site's Indonesian tree, so the English pages
editors translate were missing; here every live public page of each locale's tree is listed, with its
translations as `hreflang` alternates (and Indonesian as `x-default`), as search engines ask."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        versions = defaultdict(list)
        key_at = {}
        for item in self.paginator.page(page).object_list:
            location = item.get_full_url(self.request)
            versions[item.translation_key].append({"location": location, "lang_code": item.locale.language_code})
            key_at[location] = item.translation_key
        for url in urls:
            alternates = versions.get(key_at.get(url["location"]), [])
            if len(alternates) > 1:
                default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
                url["alternates"] = alternates + ([{**default, "lang_code": "x-default"}] if default else [])
        return urls
