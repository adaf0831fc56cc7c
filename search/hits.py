"""What a search result is, for any indexed page or model, read from what the model declares of itself.

The content apps sit below `search` and know nothing about it, so each model declares, beside its
`search_fields`, a `search_result` (`portal.searchable.SearchResult`): the relations that give its aspects and
indicators, its SECI mode, its year, and for an object that is not a page the page it is shown on. Nothing here
lists page types or guesses from field names.
"""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.index import RelatedFields, SearchField, get_indexed_models
from wagtail.blocks import ChooserBlock
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

from portal.searchable import SearchResult

from . import analysis
from .backends import flat_text
from .models import SearchDocument

_PAGE = SearchResult()  # a page type that declares nothing: its type is its only facet


@dataclass
class Hit:
    """A result as shown: its `SearchDocument` (title, type, snippet text, facets) and, once it is on the page, the
    object itself for its URL."""

    document: SearchDocument
    obj: object = None
    score: float = 0.0
    snippet: str = ""
    folded: list = field(default_factory=list)  # titles of glossary terms shown through their source clause
    promoted: bool = False  # an editor's pick (Wagtail search promotion) for the query
    named: int = 0  # the query names this clause (2) or the clause of this indicator page (1): shown first
    language_code: str = ""  # the language of the page it shows on, read with the candidates (`query._documents`)

    @classmethod
    def of(cls, obj) -> "Hit":
        return cls(describe(obj), obj)

    @classmethod
    def light(cls, obj) -> "Hit":
        """For a list that shows only titles, types and URLs (autocomplete): nothing analysed."""
        content_type = ContentType.objects.get_for_model(type(obj))
        title = getattr(obj, "title", None) or str(obj)
        return cls(SearchDocument(content_type=content_type, object_id=str(obj.pk), title=title), obj)

    @cached_property
    def model(self):
        return ContentType.objects.get_for_id(self.document.content_type_id).model_class()

    @property
    def type(self) -> str:
        return self.model._meta.model_name

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def key(self) -> tuple[str, str]:
        return self.model._meta.label_lower, self.document.object_id

    @property
    def title(self) -> str:
        return self.document.title

    page: Page = None  # the page the result is shown on, when `obj` is not loaded (see `search.query._shown`)

    @cached_property
    def url(self) -> str:
        if isinstance(self.obj, SearchPromotion):  # an editor's pick of an external link
            return self.obj.external_link_url
        if self.obj is not None:
            page, fragment = _shown_on(self.obj)
            return (page.get_url() or "") + fragment if page is not None else self.obj.get_url() or ""
        return (self.page.get_url() or "") + self.document.fragment if self.page is not None else ""

    @property
    def indicator_code(self) -> str | None:
        return self.document.indicator_code

    @property
    def citation(self) -> str | None:
        return self.document.citation or None

    @property
    def language(self) -> str:
        """The language of what the hit shows: its page's locale (an English translation is English), else the
        portal's Indonesian (clauses, glossary terms). Read with the hit, never with a query of its own."""
        if self.language_code:
            return self.language_code
        obj = self.obj.page if isinstance(self.obj, SearchPromotion) and self.obj.page_id else self.obj
        if isinstance(obj, Page) and Page.locale.is_cached(obj):
            return obj.locale.language_code
        return settings.LANGUAGE_CODE


def describe(obj) -> SearchDocument:
    """The `SearchDocument` of an object (unsaved). Its relations should be prefetched (`store` does)."""
    model = type(obj)
    content_type = ContentType.objects.get_for_model(model)
    if isinstance(obj, SearchPromotion):  # an external editor's pick: shown, never ranked
        return SearchDocument(content_type=content_type, object_id=str(obj.pk), title=obj.title)
    declared = declaration(model)
    title_text, body_text = search_texts(obj)
    title = getattr(obj, "title", None) or str(obj)
    indicators = [item for name in declared.indicators for item in _related(obj, name)]
    aspects = {aspect.pk: aspect for name in declared.aspects for aspect in _related(obj, name)}
    for indicator in indicators:
        aspects.setdefault(indicator.aspect_id, indicator.aspect)
    mode = _attribute(obj, declared.seci)
    year = _year(_attribute(obj, declared.year))
    rubric_item = declared.rubric_item and bool(indicators)
    page, fragment = _shown_on(obj)
    folded_into = _attribute(obj, declared.folds_into)
    ranked_with = _attribute(obj, declared.ranked_with) or []
    return SearchDocument(
        content_type=content_type,
        object_id=str(obj.pk),
        title=title,
        title_stems=analysis.index_text(title_text),
        body_stems=analysis.index_text(" ".join([body_text, *(search_texts(other)[1] for other in ranked_with)])),
        heading_stems=" ".join(word for word in analysis.stems(title) if word not in analysis.STOPWORDS),
        body_text=body_text,
        citation=_attribute(obj, declared.citation) or "",
        facets={
            "type": [[model._meta.model_name, str(model._meta.verbose_name)]],
            "aspect": [[aspect.slug, str(aspect)] for aspect in aspects.values()],
            "indicator": [[indicator.code, indicator.code] for indicator in indicators],
            "seci": [[mode.code, mode.name]] if mode else [],
            "year": [[str(year), str(year)]] if year else [],
        },
        rubric_item=rubric_item,
        anchor=_attribute(obj, declared.anchor) or "",
        indicator_anchors=[indicator.clause.anchor for indicator in indicators if indicator.clause_id]
        if rubric_item
        else [],
        page_id=page.pk if page is not None else None,
        fragment=fragment,
        defines=key_of(folded_into) if folded_into is not None else "",
    )


def declaration(model) -> SearchResult:
    """What `model` declares of its search results (`portal.searchable`); a page that declares nothing has its
    type only."""
    return getattr(model, "search_result", None) or _PAGE


def key_of(obj) -> str:
    """ "meritopedia.clause:12": an object as a hit's key names it, for one document to point at another."""
    return f"{type(obj)._meta.label_lower}:{obj.pk}"


def _attribute(obj, path: str):
    """The value at a declared attribute path ("regulation.tahun"), a method's called; None where it breaks off."""
    if not path:
        return None
    value = obj
    for name in path.split("."):
        try:
            value = getattr(value, name, None)
        except models.ObjectDoesNotExist:
            return None
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
        if value is None:
            return None
    return value


def _related(obj, name: str) -> list:
    """The objects behind a declared relation: all of a many-to-many or reverse foreign key, or the one it names."""
    value = _attribute(obj, name)
    if isinstance(value, models.Manager):
        return list(value.all())
    return [value] if value is not None else []


def _year(value) -> int | None:
    if not value:
        return None
    return value if isinstance(value, int) else value.year


def _shown_on(obj) -> tuple[Page | None, str]:
    """The page an object is shown on and its anchor there: a page itself; another object (a clause, a glossary
    term) on the page it declares, at the anchor it declares."""
    if isinstance(obj, Page):
        return obj, ""
    declared = declaration(type(obj))
    page = _attribute(obj, declared.shown_on)
    anchor = _attribute(obj, declared.shown_at)
    return page, f"#{anchor}" if anchor and page is not None else ""


def store(model, objs) -> None:
    """Write the documents of `objs` (all of `model`), replacing the ones they had: after each save
    (`search.signals`) and for a whole model in `search_reindex`."""
    objs = list(objs)
    if not objs or not _is_document_model(model):
        return
    prefetch_related_objects(objs, *_lookups(model))
    SearchDocument.objects.bulk_create(
        [describe(obj) for obj in objs],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=[f.name for f in SearchDocument._meta.concrete_fields if f.name not in _DOCUMENT_KEY],
    )


_DOCUMENT_KEY = ("id", "content_type", "object_id")


def forget(obj) -> None:
    SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).delete()


def document_models() -> list[type]:
    """Every indexed model whose objects are search results, each with its own documents (a page type's pages
    under that type's content type, as the engines index them)."""
    return [model for model in get_indexed_models() if _is_document_model(model)]


def forget_stale() -> None:
    """Drop the documents of objects that no longer exist, and of models that are no longer results."""
    content_types = []
    for model in document_models():
        content_type = ContentType.objects.get_for_model(model)
        content_types.append(content_type.pk)
        existing = model._default_manager.annotate(object_key=Cast("pk", TextField())).values("object_key")
        SearchDocument.objects.filter(content_type=content_type).exclude(object_id__in=existing).delete()
    SearchDocument.objects.exclude(content_type__in=content_types).delete()


def _is_document_model(model) -> bool:
    """A search result: any page, and any other indexed model that declares how it shows among results."""
    return issubclass(model, Page) or getattr(model, "search_result", None) is not None


def _field_value(obj, search_field):
    """What modelsearch indexes for a field. A StreamField's text is read from its raw data, skipping chooser
    blocks (they add nothing to the index): going through the StreamValue would load every referenced indicator
    and clause, two queries per result candidate."""
    try:
        model_field = obj._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        model_field = None
    if not isinstance(model_field, StreamField):
        return search_field.text_value(obj) if hasattr(search_field, "text_value") else search_field.get_value(obj)
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
            yield search_field, flat_text(_field_value(obj, search_field))
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


def _relation(model, name: str):
    """The model field a declared name is, if it is one (not a property or method)."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _page_foreign_keys(model) -> list:
    """The declared page an object is shown on, when it is a foreign key: the object is public only while it is."""
    shown_on = declaration(model).shown_on
    f = _relation(model, shown_on) if shown_on else None
    if f is not None and f.many_to_one and issubclass(f.related_model, Page):
        return [f]
    return []


def _lookups(model) -> list[str]:
    """What `describe` reads of a model's relations, for `prefetch_related_objects`: one query per relation for a
    whole chunk of objects."""
    declared = declaration(model)
    related = []
    for name in declared.indicators:
        related += [name, f"{name}__aspect", f"{name}__clause"]
    for name in [*declared.aspects, declared.seci, declared.shown_on, declared.year.split(".")[0]]:
        f = _relation(model, name) if name else None
        if f is not None and f.is_relation:
            related.append(name)
    return list(dict.fromkeys(related))


def sources() -> list[tuple[type, models.QuerySet]]:
    """Every searchable model with what the public may see of it.

    Pages: live and public (no drafts, no view restrictions), whatever their type; the pages about one rubric
    indicator once more on their own. Other indexed models that declare a `search_result`: all of them, except
    that one shown on a page it has a foreign key to (a clause on its regulation) is visible only while that page
    is. The
    view restrictions are read on every search; the querysets are built once for each set of them."""
    restricted = tuple(sorted(PageViewRestriction.objects.values_list("page__path", flat=True)))
    return [(model, queryset.all()) for model, queryset in _sources_for(restricted)]


@functools.lru_cache(maxsize=16)
def _sources_for(restricted: tuple[str, ...]) -> list[tuple[type, models.QuerySet]]:
    """The sources when the pages at these tree paths, and every page below them, are private (as Wagtail's
    `private_q`). Never evaluated here: `sources` hands out copies."""
    private = Q(pk__in=[])
    for path in restricted:
        private |= Q(path__startswith=path)
    public = Page.objects.live().exclude(private)
    found = [(Page, public.filter(depth__gt=1))]
    for model, page_keys in _source_models():
        if issubclass(model, Page):
            found.append((model, model.objects.live().exclude(private)))
            continue
        queryset = model._default_manager.all()
        for f in page_keys:
            queryset = queryset.filter(**{f"{f.name}__in": public.type(f.related_model).values("pk")})
        found.append((model, queryset))
    return found


@functools.cache
def _source_models() -> list[tuple[type, list]]:
    """The sources besides all pages, with the page foreign keys that hide an object: read from the models once per
    process (a millisecond a search otherwise)."""
    found = []
    for model in get_indexed_models():
        if issubclass(model, Page) and declaration(model).rubric_item:
            # Also a source of its own, whose every match is ranked (`search.query`): however many newer articles
            # and practices fill the engine's window, a rubric question still finds its indicator page.
            found.append((model, []))
        if issubclass(model, Page) or model._meta.parents or not _is_document_model(model):
            continue
        found.append((model, _page_foreign_keys(model)))
    return found
