"""The admin's chooser for regulation clauses, so an article can cite "Pasal 11 ayat (6) huruf c" by picking it.

Clauses are imported rows, not snippets (editors must not edit them one by one), so they get Wagtail's
generic chooser (https://docs.wagtail.org/en/stable/extending/generic_views.html#chooserviewset) and no
edit views; its block class is what `ArticleBodyBlock` uses.
"""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ClauseChooserViewSet(ChooserViewSet):
    model = "meritopedia.Clause"
    icon = "doc-full"
    choose_one_text = _("Pilih ketentuan")
    choose_another_text = _("Pilih ketentuan lain")
    page_title = _("Pilih ketentuan regulasi")
    search_tab_label = _("Cari")
    per_page = 30

    def get_object_list(self):
        from .regulations import Clause

        return Clause.objects.select_related("regulation").order_by("regulation", "position")


clause_chooser_viewset = ClauseChooserViewSet("clause_chooser")


class ClauseChooserBlock(
    clause_chooser_viewset.get_block_class(name="ClauseChooserBlock", module_path="meritopedia.choosers")
):
    """A clause reference in a body. Every reference in the body loads in one query together with its regulation,
    which the rendered reference names and links to (Wagtail's block loads the bare rows, one more query each)."""

    def bulk_to_python(self, values):
        from .regulations import Clause

        loaded = Clause.objects.select_related("regulation").in_bulk(values)
        return [copy.copy(loaded[pk]) if pk in loaded else None for pk in values]
