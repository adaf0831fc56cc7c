import difflib

from django.shortcuts import redirect, render

from portal.cache import page_tag, shows

from .rubric import RUBRIC, Indicator, RubricPage


def indicator(request, code: str):
    """/indikator/<code>/: the indicator's guidance page (its place on the rubric page while it has none);
    an unknown code suggests near ones."""
    indicators = Indicator.objects.filter(aspect__version__is_current=True)
    found = indicators.filter(code=code.strip().lower()).select_related("page").first()
    rubric = RubricPage.objects.live().public().first()
    page = getattr(found, "page", None) if found else None
    # The permanent address people cite, answered from the page cache like a page.
    shows(request, RUBRIC, *(page_tag(p.pk) for p in (page, rubric) if p is not None))
    if page is not None and page.live:
        return redirect(page.url)
    if found and rubric:
        return redirect(f"{rubric.url}#{found.anchor}")
    codes = list(indicators.values_list("code", flat=True))
    suggestions = indicators.filter(code__in=difflib.get_close_matches(code, codes, n=5, cutoff=0.5))
    return render(
        request,
        "meritopedia/indicator_not_found.html",
        {"code": code, "suggestions": suggestions, "rubric": rubric},
        status=404,
    )
