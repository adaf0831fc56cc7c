"""The Handbook Sistem Merit: contents, chapters with previous/next, the printable view, and the PDF that is
rebuilt only when a chapter changes."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from meritopedia.models import HandbookChapterPage, HandbookPage, Indicator, IndicatorPage

pytestmark = pytest.mark.django_db

TITLES = ["Mengenal Sistem Merit", "Perencanaan kebutuhan", "Manajemen kinerja"]


@pytest.fixture
def handbook(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    book = HandbookPage.objects.get(slug="handbook")
    for number, title in enumerate(TITLES, start=1):
        chapter = HandbookChapterPage(
            title=title,
            slug=f"bab-{number}",
            summary=f"Ringkasan bab {number}.",
            body=[("paragraph", f"<p>Isi bab {number} tentang ASN dan talent pool.</p>")],
        )
        book.add_child(instance=chapter)
        chapter.indicators.set(Indicator.objects.filter(code="11.6.c"))
        chapter.save_revision().publish()
    return book


def chapter(number):
    return HandbookChapterPage.objects.get(slug=f"bab-{number}")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_contents_list_the_chapters_in_the_editors_order(client, handbook):
    html = client.get("/handbook/").content.decode()
    positions = [html.index(title) for title in TITLES]
    assert positions == sorted(positions)
    assert 'href="/handbook/cetak/"' in html and 'href="/handbook/pdf/"' in html


def test_a_chapter_has_its_number_and_previous_next_links(client, handbook):
    html = client.get("/handbook/bab-2/").content.decode()
    assert "Bab 2" in html
    assert 'rel="prev" href="/handbook/bab-1/"' in html and 'rel="next" href="/handbook/bab-3/"' in html
    first = client.get("/handbook/bab-1/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next" href="/handbook/bab-2/"' in first


def test_moving_a_chapter_changes_the_book_order(client, handbook):
    chapter(3).move(chapter(1), pos="left")
    html = client.get("/handbook/").content.decode()
    assert html.index("Manajemen kinerja") < html.index("Mengenal Sistem Merit")
    assert "Bab 1" in client.get("/handbook/bab-3/").content.decode()


def test_printable_view_has_every_chapter_with_its_text(client, handbook):
    html = client.get("/handbook/cetak/").content.decode()
    for number, title in enumerate(TITLES, start=1):
        assert title in html and f"Isi bab {number}" in html


def test_pdf_contains_every_chapter_title_and_is_cached_until_a_chapter_changes(client, handbook):
    text = pdf_text(client.get("/handbook/pdf/"))
    for title in TITLES:
        assert title in text
    stored = default_storage.listdir("handbook")[1]
    assert len(stored) == 1

    pdf_text(client.get("/handbook/pdf/"))
    assert default_storage.listdir("handbook")[1] == stored  # served from the cache, not rebuilt

    changed = chapter(2)
    changed.title = "Perencanaan kebutuhan pegawai lima tahun"
    changed.save_revision().publish()
    text = pdf_text(client.get("/handbook/pdf/"))
    assert "Perencanaan kebutuhan pegawai lima tahun" in text
    rebuilt = default_storage.listdir("handbook")[1]
    assert len(rebuilt) == 1 and rebuilt != stored  # the old file is gone


def test_an_unpublished_chapter_leaves_the_book(client, handbook):
    chapter(2).unpublish()
    assert "Perencanaan kebutuhan" not in client.get("/handbook/").content.decode()
    assert "Perencanaan kebutuhan" not in pdf_text(client.get("/handbook/pdf/"))


def test_an_unknown_chapter_gets_a_404_suggesting_the_nearest(client, handbook):
    response = client.get("/handbook/manajemen-kinerj/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "tidak ada di Handbook Sistem Merit" in html and 'href="/handbook/bab-3/"' in html


def test_an_empty_handbook_says_so(client):
    html = client.get("/handbook/").content.decode()
    assert "Belum ada bab yang terbit" in html and "/handbook/pdf/" not in html


def test_indicator_page_lists_its_handbook_chapters(client, handbook):
    html = client.get(IndicatorPage.objects.get(indicator__code="11.6.c").url).content.decode()
    assert "Bab handbook tentang indikator ini" in html
    for number in (1, 2, 3):
        assert f'href="/handbook/bab-{number}/"' in html


def test_pdf_includes_chapter_images_from_media_storage(client, handbook):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (11, 79, 138)).save(buffer, "PNG")
    image = Image.objects.create(title="Bagan alur", file=ImageFile(buffer, name="bagan.png"))
    first = chapter(1)
    image.contextual_alt_text, image.decorative = "Bagan alur", False
    first.body = [("image", image)]
    first.save_revision().publish()
    response = client.get("/handbook/pdf/")
    data = b"".join(response.streaming_content)
    images = {img.data for page in PdfReader(io.BytesIO(data)).pages for img in page.images}
    assert len(images) == 1  # the chapter's image, read from media storage (pages share one resource)
