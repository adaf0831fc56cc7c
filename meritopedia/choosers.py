"""The admin's chooser for regulation clauses, so an article can cite "Pasal 11 ayat (6) huruf c" by picking it.

Clauses are imported rows, not snippets (editors must not edit them one by one), so they get Wagtail's
generic chooser (https://docs.wagtail.org/en/stable/extending/generic_views.html#chooserviewset) and no
edit views; its block class is what `ArticleBodyBlock` uses.
"""

from wagtail.admin.viewsets.chooser import ChooserViewSet


class ClauseChooserViewSet(ChooserViewSet):
    model = "meritopedia.Clause"
    icon = "doc-full"
    choose_one_text = "Pilih ketentuan"
    choose_another_text = "Pilih ketentuan lain"
    page_title = "Pilih ketentuan regulasi"
    search_tab_label = "Cari"
    per_page = 30

    def get_object_list(self):
        from .regulations import Clause

        return Clause.objects.select_related("regulation").order_by("regulation", "position")


clause_chooser_viewset = ClauseChooserViewSet("clause_chooser")
ClauseChooserBlock = clause_chooser_viewset.get_block_class(
    name="ClauseChooserBlock", module_path="meritopedia.choosers"
)
