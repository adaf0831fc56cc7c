"""The portal's one public address (`WAGTAILADMIN_BASE_URL`, from the environment): every link in an e-mail is built
from it, and the Wagtail Site record is kept on it, so a message written by a background worker, which has no
request to ask, points where members actually reach the portal."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

__all__ = ["absolute_url", "follow_site_address", "page_address", "rebase", "site_url"]


def site_url() -> str:
    """The configured address without a trailing slash, e.g. "https://meritopedia.kasn.go.id"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` ("/acara/x/") on the portal's address."""
    return site_url() + "/" + path.lstrip("/")


def rebase(url: str) -> str:
    """`url` moved onto the portal's address: a library that builds links from the request's host (allauth) gets
    the address members use, whatever Host header the request came with."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def page_address(page) -> str:
    """A Wagtail page's address on the portal's address (its path within its site, as routing gives it)."""
    parts = page.get_url_parts()
    return absolute_url(parts[2] if parts else "/")


def follow_site_address(site) -> bool:
    """Puts the Wagtail Site record on the configured host and port (what `get_full_url`, Wagtail's own e-mails
    and the API give); returns whether it changed."""
    address = urlsplit(site_url())
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
