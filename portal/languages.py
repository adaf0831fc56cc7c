"""Pages in the visitor's language: a translation where editors made one, else the Indonesian original, marked with
its language so the link can say so (`lang`, `hreflang`)."""

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page


def in_current_language(pages) -> list:
    """`pages` (of the default locale, their locale selected with them) each replaced by its live translation into
    the active language, in one query and none in the default language; each carries `language_code`."""
    pages = list(pages)
    default, active = settings.LANGUAGE_CODE, translation.get_language() or settings.LANGUAGE_CODE
    for page in pages:
        page.language_code = default
    if active == default or not pages:
        return pages
    queryset = Page.objects.live().filter(
        locale__language_code=active, translation_key__in=[page.translation_key for page in pages]
    )
    if any(type(page) is not Page for page in pages):
        queryset = queryset.specific()
    translated = {page.translation_key: page for page in queryset.select_related("locale")}
    shown = []
    for page in pages:
        translation_ = translated.get(page.translation_key)
        if translation_ is not None:
            translation_.language_code = active
        shown.append(translation_ or page)
    return shown


def content_lang() -> str:
    """` lang="id"` on a page in another language, for an element holding Indonesian content (what the sources and
    editors wrote), so screen readers pronounce it as Indonesian; nothing on an Indonesian page."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    return "" if active == settings.LANGUAGE_CODE else f' lang="{settings.LANGUAGE_CODE}"'


def content_text(text: str):
    """`text`, Indonesian content, as HTML marked `lang="id"` on a page in another language (a table header, say)."""
    return format_html("<span{}>{}</span>", mark_safe(content_lang()), text) if content_lang() else text  # noqa: S308
