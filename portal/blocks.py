"""The one body StreamBlock every free-text page uses, so editors meet the same blocks everywhere."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class StatisticBlock(blocks.StructBlock):
    """A headline figure ("413 instansi dinilai") with the source it comes from."""

    value = blocks.CharBlock(label=_("Angka"))
    label = blocks.CharBlock(label=_("Keterangan"))
    source = blocks.CharBlock(label=_("Sumber"), required=False)

    class Meta:
        icon = "order"
        template = "blocks/statistic_block.html"
        label = _("Angka kunci")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Info")), ("warning", _("Perhatian")), ("tip", _("Tips"))], default="info", label=_("Jenis")
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Teks"))

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Kotak catatan")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Subjudul"), template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraf"))
    statistic = StatisticBlock()
    callout = CalloutBlock()
    table = TableBlock(label=_("Tabel"), template="blocks/table_block.html")
    image = ImageBlock(label=_("Gambar"))
    document = DocumentChooserBlock(label=_("Dokumen"), template="blocks/document_block.html")
    quote = blocks.BlockQuoteBlock(label=_("Kutipan"))
