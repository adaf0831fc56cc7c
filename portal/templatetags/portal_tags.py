from django import template
from wagtail.models import Site

from portal import cache

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus": the sections in the header."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return site.root_page.get_children().live().public().in_menu()


@register.simple_tag
def cache_generation(tag: str) -> str:
    """`{% cache_generation "menu" as version %}`: a fragment cached with it is redrawn once the tag is purged."""
    return cache.generation(tag)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own address for og:url: a Wagtail page's full URL, else this address without its query."""
    page, request = context.get("page"), context.get("request")
    if hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
        if url:
            return url
    return request.build_absolute_uri(request.path) if request else ""


@register.simple_tag(takes_context=True)
def page_summary(context) -> str:
    """og:description and the meta description: the page's search description, else its intro."""
    page = context.get("page")
    text = getattr(page, "search_description", "") or getattr(page, "intro", "") or ""
    if not isinstance(text, str):
        text = ""
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"
