from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.urls import register_converter

        from . import purges  # noqa: F401  (connects the page cache's purges to changes of Wagtail's models)
        from .converters import IdConverter

        register_converter(IdConverter, "id")
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

