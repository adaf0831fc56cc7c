"""Audio and video recordings (wagtailmedia), served with HTTP range support."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from wagtailmedia.models import get_media_model

from portal.collection_privacy import refusal as collection_refusal

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def recording(request, media_id, filename):
    """An audio or video file, answering single HTTP range requests (206) so players can seek and podcast apps
    can resume; anything else gets the whole file (200), as RFC 9110 allows. A file in a view-restricted
    collection goes only to whom the collection allows, as Wagtail's documents do."""
    media = get_object_or_404(get_media_model().objects.select_related("collection"), pk=media_id)
    if filename != media.filename:
        raise Http404("Rekaman tidak ditemukan.")
    if refused := collection_refusal(request, media.collection):
        return refused
    response = _ranged(request, media.file, mimetypes.guess_type(media.file.name)[0] or "application/octet-stream")
    if media.collection.get_view_restrictions().exists():
        response["Cache-Control"] = "private, no-store"
    return response


def _ranged(request, file, content_type):
    size = file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        response = FileResponse(file.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first == "":  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle = file.open("rb")
    handle.seek(start)
    response = StreamingHttpResponse(_read(handle, end - start + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _read(handle, remaining, chunk=64 * 1024):
    try:
        while remaining > 0:
            data = handle.read(min(chunk, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()
