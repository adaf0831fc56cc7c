from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.filter
def aspect_name(aspect) -> str:
    """`{{ aspect|aspect_name }}`: the rubric's own words on an Indonesian page; elsewhere the catalogue's
    translation of the aspect (`str`, capitalised), as search's facets show it."""
    if not aspect:
        return ""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return aspect.name
    return translation.gettext(str(aspect))
