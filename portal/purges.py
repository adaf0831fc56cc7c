"""What a change to Wagtail's own models purges from the page cache (`portal.cache`); the apps declare their own
models beside them with `purge_on_change`.

- A page published, unpublished, moved or deleted: its own copies, its parent's (listings), the pages that link
  to it (Wagtail's reference index knows them), the pages that list its type, the menu when it is in it, and
  `content` (search, API, feeds, sitemap). A live page saved without publishing: its own copies.
- An image, document or media file: the pages that use it (reference index) and `content`.
- A snippet that declares nothing else: `content`.
- A view restriction (page or collection), a collection, a site or a redirect: everything. They are rare, and a
  restriction must never leave a copy showing what it now hides.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models
from wagtailmedia.models import get_media_model

from .cache import ALL, CONTENT, MENU, page_tag, purge, purge_on_change, tags_for_change, type_tag
from .cache import shown_on_pages as declared_on_pages


def referring_pages(obj) -> list[str]:
    """Tags of the pages whose content links to `obj`."""
    page_type = ContentType.objects.get_for_model(Page)
    sources = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    return [page_tag(page_id) for page_id in sources.values_list("object_id", flat=True).distinct()]


def _published_page_tags(page) -> set[str]:
    tags = {page_tag(page.pk), type_tag(type(page.specific_deferred)), CONTENT, *referring_pages(page)}
    parent_path = page.path[: -page.steplen]
    if parent_path:
        parent = Page.objects.filter(path=parent_path).values_list("pk", "depth").first()
        if parent:
            tags.add(page_tag(parent[0]))
            if parent[1] <= 2:  # a child of the site's root page shows in the menu
                tags.add(MENU)
    return tags


purge_on_change(Page, tags=lambda page: [page_tag(page.pk)] if page.live else [])
purge_on_change(PageViewRestriction, CollectionViewRestriction, Collection, Site, Redirect, tags=(ALL,))
purge_on_change(
    get_image_model(), get_document_model(), get_media_model(), tags=lambda obj: [CONTENT, *referring_pages(obj)]
)


@receiver(page_published, dispatch_uid="page_cache_published")
@receiver(page_unpublished, dispatch_uid="page_cache_unpublished")
def _page_published(sender, instance, **kwargs):
    purge(*_published_page_tags(instance))


@receiver(post_page_move, dispatch_uid="page_cache_moved")
def _page_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    """The old parent's listing loses it; a moved subtree changes every address below it."""
    moved_below = instance.get_descendants().exists()
    purge(*_published_page_tags(instance), page_tag(parent_page_before.pk), ALL if moved_below else "")


@receiver(post_delete, sender=Page, dispatch_uid="page_cache_deleted")
def _page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge(*_published_page_tags(instance))


@receiver(post_save, dispatch_uid="page_cache_snippet_save")
@receiver(post_delete, dispatch_uid="page_cache_snippet_delete")
def _snippet_changed(sender, instance, **kwargs):
    """Snippets register when Wagtail reads the apps' hooks, after this module is loaded: they are looked up when
    they change."""
    if not kwargs.get("raw") and sender in get_snippet_models() and not tags_for_change(instance):
        purge(CONTENT)


def shown_on_pages(model) -> bool:
    """Whether a change to `model` purges cached copies (declared, or a snippet)."""
    return declared_on_pages(model) or model in get_snippet_models()
