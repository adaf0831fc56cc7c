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
