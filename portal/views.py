import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader


def server_error(request):
    """The Indonesian 500 page, rendered without a request context: whatever broke may be in there.

    When the error is the database being unreachable (restarted, failed over: `OperationalError` on connecting,
    `InterfaceError` on a connection it closed) the answer is 503 with `Retry-After` instead: the fault is passing,
    nothing of the visitor's was saved, and monitors and crawlers should come back rather than record a broken page.
    Django calls this handler while the exception is being handled, so `sys.exc_info()` still names it; stale
    connections are replaced on the next request (`conn_health_checks` in portal/settings/base.py).
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


# Browsers ask for /favicon.ico whatever the page says; it is the static file, answered here under that address.
FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"


def favicon(request):
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
