from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import cache
from portal.languages import content_lang as _content_lang
from portal.languages import in_current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus": the sections in the header, each in the visitor's language
    where editors translated it."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return in_current_language(site.root_page.get_children().live().public().in_menu().select_related("locale"))


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The page in each language of the interface: a Wagtail page's live translations (else that language's home,
    marked `translated=False` so no hreflang claims it), or a view's own address under the other prefix."""
    request, page = context.get("request"), context.get("page")
    current = translation.get_language()
    links = []
    translations = {}
    match = getattr(request, "resolver_match", None)
    served_by_wagtail = match is not None and match.url_name == "wagtail_serve"
    if served_by_wagtail and hasattr(page, "get_translations") and getattr(page, "pk", None):
        translations = {
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "current": code == current, "translated": True}
        if translations:
            if code in translations:
                link["url"] = translations[code].get_url(request)
            else:
                link["translated"] = False
                link["url"] = _home_in(code)
        elif request is not None:
            link["url"] = translate_url(request.get_full_path(), code)
        else:
            continue
        link["href"] = request.build_absolute_uri(link["url"]) if request is not None else link["url"]
        links.append(link)
    return links


def _home_in(code: str) -> str:
    """That language's home address (Wagtail serves the home's translation there, else the original)."""
    return translate_url("/", code)


@register.simple_tag
def content_lang():
    """`<ol{% content_lang %}>`: the element's Indonesian content marked as such on a page in another language."""
    return mark_safe(_content_lang())  # noqa: S308 - a constant attribute


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
