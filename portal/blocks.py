"""The one body StreamBlock every free-text page uses, so editors meet the same blocks everywhere."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class StatisticBlock(blocks.StructBlock):
    """A headline figure ("413 instansi dinilai") with the source it comes from."""

    value = blocks.CharBlock(label="Angka")
    label = blocks.CharBlock(label="Keterangan")
    source = blocks.CharBlock(label="Sumber", required=False)

    class Meta:
        icon = "order"
        template = "blocks/statistic_block.html"
        label = "Angka kunci"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", "Info"), ("warning", "Perhatian"), ("tip", "Tips")], default="info", label="Jenis"
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label="Teks")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = "Kotak catatan"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label="Subjudul", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label="Paragraf")
    statistic = StatisticBlock()
    callout = CalloutBlock()
    table = TableBlock(label="Tabel", template="blocks/table_block.html")
    image = ImageBlock(label="Gambar")
    document = DocumentChooserBlock(label="Dokumen", template="blocks/document_block.html")
    quote = blocks.BlockQuoteBlock(label="Kutipan")
