"""What a search result is, for any indexed page or model, found from the model's own fields.

The content apps sit below `search` and know nothing about it, and the CoP's pages arrive later, so nothing here
lists page types. A result's indicators are whatever the object relates to `Indicator` through (an
`IndicatorPage`'s foreign key, an article's many-to-many, the clause an indicator points at); its aspects likewise;
its SECI mode is its foreign key to `SeciMode`; its year is its own date (`publication_date`, `start`, `tahun`, ...)
or that of the page it belongs to (a clause's regulation).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from modelsearch.index import RelatedFields, SearchField, get_indexed_models
from wagtail.blocks import ChooserBlock
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Page

from meritopedia.models import Aspect, GlossaryPage, GlossaryTerm, Indicator
from portal.models import SeciMode

from . import analysis

_YEAR_FIELDS = ("publication_date", "start", "date", "year", "tahun")


@dataclass
class Hit:
    obj: object
    score: float = 0.0
    snippet: str = ""
    folded: list = field(default_factory=list)  # glossary terms shown through their source clause
    promoted: bool = False  # an editor's pick (Wagtail search promotion) for the query

    @cached_property
    def model(self):
        return type(self.obj)

    @property
    def type(self) -> str:
        return self.model._meta.model_name

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def key(self) -> tuple[str, int]:
        return self.model._meta.label_lower, self.obj.pk

    @cached_property
    def title(self) -> str:
        return getattr(self.obj, "title", None) or str(self.obj)

    @cached_property
    def _texts(self) -> tuple[str, str, list[str], list[str]]:
        """(title, body) the index holds for this object, before analysis, and their stems."""
        return _analysed(self.obj)

    @property
    def title_text(self) -> str:
        return self._texts[0]

    @property
    def body_text(self) -> str:
        return self._texts[1]

    @property
    def title_stems(self) -> list[str]:
        return self._texts[2]

    @property
    def body_stems(self) -> list[str]:
        return self._texts[3]

    @cached_property
    def url(self) -> str:
        if isinstance(self.obj, SearchPromotion):  # an editor's pick of an external link
            return self.obj.external_link_url
        if isinstance(self.obj, GlossaryTerm):
            page = _glossary_page()
            return f"{page.url}#{self.obj.slug}" if page else ""
        return self.obj.get_url() or ""

    @cached_property
    def indicators(self) -> list[Indicator]:
        return _related(self.obj, Indicator)

    @cached_property
    def aspects(self) -> list[Aspect]:
        found = {aspect.pk: aspect for aspect in _related(self.obj, Aspect)}
        for indicator in self.indicators:
            found.setdefault(indicator.aspect_id, indicator.aspect)
        return list(found.values())

    @cached_property
    def seci_mode(self) -> SeciMode | None:
        modes = _related(self.obj, SeciMode)
        return modes[0] if modes else None

    @cached_property
    def year(self) -> int | None:
        for target in [self.obj] + [getattr(self.obj, f.name) for f in _page_foreign_keys(self.model)]:
            for name in _YEAR_FIELDS:
                value = getattr(target, name, None)
                if value:
                    return value if isinstance(value, int) else value.year
        return None

    @property
    def indicator_code(self) -> str | None:
        return self.indicators[0].code if self.indicators else None

    @property
    def citation(self) -> str | None:
        return getattr(self.obj, "citation", None)

    @property
    def is_rubric_item(self) -> bool:
        """The clause of an indicator, or its guidance page: what a rubric question is about."""
        direct = [f for f in _relation_fields(self.model, Indicator) if not f.many_to_many]
        return bool(direct and self.indicators)


def _prepare(value) -> str:
    """A search field's value as text, the way modelsearch's database indexers flatten it."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_prepare(item) for item in value.values())
    return force_str(value)


def _field_value(obj, search_field):
    """What modelsearch indexes for a field. A StreamField's text is read from its raw data, skipping chooser
    blocks (they add nothing to the index): going through the StreamValue would load every referenced indicator
    and clause, two queries per result candidate."""
    try:
        model_field = obj._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        model_field = None
    if not isinstance(model_field, StreamField):
        return search_field.get_value(obj)
    stream_block = model_field.stream_block
    if not stream_block.search_index:
        return []
    texts = []
    for item in getattr(obj, model_field.attname).raw_data:
        child = stream_block.child_blocks.get(item.get("type"))
        if child is not None and not isinstance(child, ChooserBlock):
            texts.extend(child.get_searchable_content(child.to_python(item.get("value"))))
    return texts


def _field_texts(obj, search_fields):
    """(field, text) for every `SearchField` of `obj`, following `RelatedFields` like modelsearch's indexers."""
    for search_field in search_fields:
        if isinstance(search_field, SearchField):
            yield search_field, _prepare(_field_value(obj, search_field))
        elif isinstance(search_field, RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, models.Manager):
                related = related.all()
            else:
                related = [related() if callable(related) else related]
            for item in related:
                yield from _field_texts(item, search_field.fields)


def search_texts(obj) -> tuple[str, str]:
    """(title, body) of an object as the database index splits it, before analysis: the same on every engine
    and every database vendor."""
    title, body = [], []
    for search_field, text in _field_texts(obj, obj.get_search_fields()):
        (title if search_field.field_name == "title" else body).append(text)
    return " ".join(title), " ".join(body)


def _analysed(obj) -> tuple[str, str, list[str], list[str]]:
    """`search_texts` and their stems, computed once per hit (ranking, snippet and facets all read them)."""
    title, body = search_texts(obj)
    return title, body, analysis.stems(title), analysis.stems(body)


def _glossary_page():
    return GlossaryPage.objects.live().public().first()


def _relation_fields(model, target) -> list:
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation and f.related_model is target and (f.concrete or f.auto_created) and not f.hidden
    ]


def _related(obj, target) -> list:
    found = []
    for f in _relation_fields(type(obj), target):
        if f.many_to_many or f.one_to_many:
            found.extend(getattr(obj, f.get_accessor_name() if f.auto_created else f.name).all())
        else:
            try:
                value = getattr(obj, f.get_accessor_name() if f.auto_created and not f.concrete else f.name)
            except models.ObjectDoesNotExist:
                value = None
            if value is not None:
                found.append(value)
    return found


def _page_foreign_keys(model) -> list:
    return [
        f
        for f in model._meta.get_fields()
        if f.many_to_one
        and f.concrete
        and isinstance(f.related_model, type)
        and issubclass(f.related_model, Page)
        and f.name not in ("owner", "locked_by", "live_revision", "latest_revision")
        and not f.null
    ]


def prefetch(model, queryset):
    """One query per relation for a page of results, whatever the model."""
    related = []
    for target in (Indicator, Aspect, SeciMode):
        for f in _relation_fields(model, target):
            name = f.get_accessor_name() if f.auto_created else f.name
            related.append(f"{name}__aspect" if target is Indicator else name)
    related += [f.name for f in _page_foreign_keys(model)]
    return queryset.prefetch_related(*related)


def _is_project_model(model) -> bool:
    return str(apps.get_app_config(model._meta.app_label).path).startswith(str(settings.BASE_DIR))


def sources() -> list[tuple[type, models.QuerySet]]:
    """Every searchable model with what the public may see of it.

    Pages: live and public (no drafts, no view restrictions), whatever their type. Other indexed models of this
    project that have somewhere to link to: all of them, except that one belonging to a page (a clause to its
    regulation) is visible only while that page is."""
    found = [(Page, Page.objects.live().public().filter(depth__gt=1))]
    for model in get_indexed_models():
        if issubclass(model, Page) or model._meta.parents or not _is_project_model(model):
            continue
        if not (hasattr(model, "get_url") or model is GlossaryTerm):
            continue
        queryset = model._default_manager.all()
        for f in _page_foreign_keys(model):
            queryset = queryset.filter(**{f"{f.name}__in": f.related_model.objects.live().public()})
        found.append((model, queryset))
    return found
