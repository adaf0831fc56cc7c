from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import cache  # noqa: F401  (connects the page cache's clearing to content changes)

        _remember_child_relations()
        _formula_safe_admin_exports()


def _formula_safe_admin_exports():
    """Wagtail's admin exports (reports, snippet listings, the page explorer) write CSV cells as they are, and a
    page title or search term typed by a member can start like a formula. Every one of them goes through
    `SpreadsheetExportMixin.preprocess_field_value`, which has no setting for this, so its result is passed
    through the portal's one cell guard (tests/security/test_exports.py fails if Wagtail stops calling it)."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from .exports import safe_cell

    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def formula_safe(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    SpreadsheetExportMixin.preprocess_field_value = formula_safe


def _remember_child_relations():
    """django-modelcluster lists a model's child relations on every instance it builds, by filtering all of the
    model's fields, reverse relations included: about 40 µs for a Wagtail page, which every model pointing at
    pages makes longer. A search at 100 000 documents builds a hundred pages, a listing dozens. Once the app
    registry is ready a model's fields no longer change, so each model's list is made once (callers get a copy)."""
    from modelcluster import models as modelcluster

    for name in ("get_all_child_relations", "get_all_child_m2m_relations"):
        find, found = getattr(modelcluster, name), {}

        def remembered(model, find=find, found=found):
            relations = found.get(model._meta)
            if relations is None:
                relations = found[model._meta] = find(model)
            return list(relations)

        setattr(modelcluster, name, remembered)
