"""allauth's e-mails (confirm address, reset password, unknown or existing account) with links on the portal's one
address.

allauth builds its links from the request's host, which behind a proxy or in a test is not the address members
use; the adapter moves each link onto `portal.site_address` as the message is written, whichever flow built it."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from .site_address import rebase, site_url


class AccountAdapter(DefaultAccountAdapter):
    """The default adapter, with every link an e-mail carries, and the site named in it, on the configured address."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request  # the request allauth builds its links from, as its own send_mail reads it
        origin = request.build_absolute_uri("/") if request is not None else None
        moved = {
            name: rebase(value) if origin and isinstance(value, str) and value.startswith(origin) else value
            for name, value in context.items()
        }
        site = SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_url()).netloc)
        super().send_mail(template_prefix, email, {"current_site": site, "site_url": site_url(), **moved})

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.WAGTAIL_SITE_NAME}] {subject}"
