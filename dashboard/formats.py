"""Numbers as the dashboard shows them, in the page's language through Django's localisation (Indonesian 282,5 ·
0,69 · 30,6% · 1.234 at the plain addresses, English 282.5 under /en/), and as the downloads carry them (exact
decimals with a point, for machines). The charts are drawn per language too (charts.py), so table and chart agree.
"""

from decimal import Decimal
from functools import lru_cache

from django.utils import numberformat, translation
from django.utils.formats import date_format, get_format
from django.utils.timezone import localtime


def number(value, places: int | None = None) -> str:
    """`places` fixed digits after the comma, or as many as the value has (40, 282,5); a missing value as a dash."""
    if value is None:
        return "–"
    value = Decimal(str(value))
    if places is None:
        value = value.normalize()
        places = max(0, -value.as_tuple().exponent)
    decimal_sep, grouping, thousand_sep = _separators(translation.get_language())
    return numberformat.format(value, decimal_sep, decimal_pos=places, grouping=grouping, thousand_sep=thousand_sep,
                               force_grouping=True, use_l10n=True)


@lru_cache(maxsize=8)
def _separators(language) -> tuple:
    """The language's decimal mark, grouping and thousands mark, from Django's locale data (read once)."""
    return tuple(get_format(name, language, use_l10n=True)
                 for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR"))


def percent(value) -> str:
    return "–" if value is None else f"{number(value, 1)}%"


def index(value) -> str:
    return number(value, 2)


def machine(value):
    """A downloadable cell: an int, an exact Decimal, or the text itself; None stays empty."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


def json_number(value):
    """A JSON cell: numbers as JSON numbers (an exact decimal's shortest float), the rest as it is."""
    value = machine(value)
    return float(value) if isinstance(value, Decimal) else value


def date(value) -> str:
    """A moment as a date in Jakarta time in the page's language, "5 Maret 2025" or "5 March 2025"."""
    return _day(localtime(value).date(), translation.get_language())


@lru_cache(maxsize=1024)
def _day(day, language) -> str:
    with translation.override(language):
        return date_format(day, "j F Y", use_l10n=True)
