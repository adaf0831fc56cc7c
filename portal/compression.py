"""Pages and data leave the portal gzip-compressed when the browser accepts it, whether or not a proxy in front
compresses: the regulation's page is about 100 KB of HTML, most of a phone's first paint. Files (audio served with
HTTP Range, evidence, exports) pass as they are, which is why Django's GZipMiddleware is not used over everything.
Django's middleware pads each response with random bytes against BREACH, and CSRF tokens are masked per response."""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = {
    "text/html",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
}


class PageCompressionMiddleware(GZipMiddleware):
    """First in MIDDLEWARE, so the page cache keeps one plain copy and each answer, a cached one too, is compressed
    on the way out."""

    def process_response(self, request, response):
        kind = response.get("Content-Type", "").split(";")[0].strip().lower()
        if response.streaming or kind not in COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)
