from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag(takes_context=True)
def penilaian_url(context, name, **kwargs):
    """An address of the assessment being shown, for its team or its verifikator alike."""
    return context["scope"].url(name, **kwargs)


@register.filter
def points(value):
    """Points and indices in Indonesian notation with the digits they have: 282,5, 40 (never 40.0), 0,69; a missing
    value as a dash."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value)).normalize()
    return number_format(number, decimal_pos=max(0, -number.as_tuple().exponent), use_l10n=True)
