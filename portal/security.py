"""What keeps the portal safe at the HTTP edge: the content security policies, the request body limit, the login
lockout status and how uploaded files are handed out.

The settings that switch these on (and the reasons for each value) are in `portal/settings/base.py` and
`production.py`; deploy/README.md explains them for whoever runs the portal.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote

from allauth.account.views import LoginView as AllauthLoginView
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import render
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.static import was_modified_since
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document

from .collection_privacy import refusal_for_file


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict `CONTENT_SECURITY_POLICY` for the public site, and
    `ADMIN_CONTENT_SECURITY_POLICY` for Wagtail's admin, which still ships inline scripts (date pickers, inline
    panels) and sets inline styles from its JavaScript, so it cannot run under the strict one.

    Wagtail renders an editor's preview by sending a dummy request for the page's own URL through the middleware
    (`request.is_preview`); that page keeps the public policy but may be framed by the admin's preview panel.

    A view's own `@csp_update`/`@csp_replace` still wins; a response that already carries a policy (Wagtail's
    document view sends `default-src 'none'`) keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if _is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


def _is_admin(request) -> bool:
    return request.path_info.startswith(tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"]))


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than `REQUEST_BODY_MAX_BYTES` with 413 and an Indonesian
    page, before anything reads the body.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE only counts non-file fields and answers 400 once the body has been
    read; file uploads it spools to disk whatever their size. This sits right after SecurityMiddleware so the
    413 still carries the security headers. A body without Content-Length (chunked) is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            limit_mb = settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)
            # No `Connection: close` here: it is a hop-by-hop header, which WSGI forbids an application to set (the
            # development server answered 500 to it). The servers themselves never take the unread body for the
            # next request: Django's drains it, gunicorn's sync workers close every connection.
            return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)


class NullByteMiddleware:
    """Answers 400 to a URL with a null byte (`%00`) in its path or query string. No address of the portal has a
    use for one, and PostgreSQL text cannot hold one: a filter such as `/acara/?jenis=%00` failed in the database
    (DataError, a 500) instead of finding nothing. Form fields are covered by Django's own null-character check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return render(request, "400.html", status=400)
        return self.get_response(request)


class LoginView(AllauthLoginView):
    """allauth's log-in, answering 429 Too Many Requests (not 200) when the failed-login limit of
    ACCOUNT_RATE_LIMITS["login_failed"] has locked the address or the IP: the form still shows allauth's
    Indonesian message, and clients and monitoring see the status a rate limit should have."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            response.status_code = 429
        return response


# Shown in the page; everything else is downloaded. SVG is not here: it can carry script.
INLINE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
# Wagtail documents live under MEDIA_ROOT/documents/ but must go through /dokumen/, which checks collection
# privacy and sends its own safe headers; so they are never served from /media/.
_PRIVATE_MEDIA = ("documents/",)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, which checks the collection's restrictions; what it lets through from a restricted
    collection is marked private, so no shared cache or proxy keeps it for the next visitor."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.status_code == 200:
        document = get_document_model().objects.select_related("collection").get(pk=document_id)
        if document.collection.get_view_restrictions().exists():
            patch_cache_control(response, private=True, no_store=True)
    return response


def serve_media(request, path):
    """Files under MEDIA_ROOT (image renditions, original images, audio and video, generated files), when they are
    stored on disk. A file kept in a view-restricted collection is served only to whom the collection allows
    (`portal.collection_privacy`), and never marked for shared caches.

    Images are shown inline; every other type is sent as `Content-Disposition: attachment` with the type guessed
    from the name (never from the content), under `X-Content-Type-Options: nosniff` and a `default-src 'none'`
    policy, so an uploaded HTML or SVG file can never run as a page of the portal.
    """
    if path.startswith(_PRIVATE_MEDIA):
        raise Http404
    refused, restricted = refusal_for_file(request, path)
    if refused is not None:
        return refused
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation:  # an attempt to leave MEDIA_ROOT
        raise Http404 from None
    try:
        stat = full_path.stat()
    except (OSError, ValueError):  # missing, or a name the file system refuses (too long, a null byte)
        raise Http404 from None
    if not full_path.is_file():
        raise Http404
    if not was_modified_since(request.headers.get("If-Modified-Since"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    response = FileResponse(
        full_path.open("rb"),
        content_type=content_type,
        as_attachment=content_type not in INLINE_MEDIA_TYPES,
        filename=full_path.name,
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    if restricted:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
