"""How article and handbook text points into the rubric and regulation: clause references, glossary links,
clause permalinks (with a helpful 404), and the demo content that exercises them."""

import io
import re

import pytest
from django.core.management import call_command
from wagtailmedia.models import get_media_model

from cop.models import EventPage, GoodPracticePage, PodcastEpisodePage
from meritopedia.glossary import link_glossary_terms
from meritopedia.models import ArticlePage, Clause, GlossaryTerm, HandbookChapterPage, RegulationPage
from portal.models import Instansi
from tests.meritopedia.test_articles import make_article

pytestmark = pytest.mark.django_db

REGULATION = "/regulasi/permenpanrb-40-2018/"


def test_a_clause_reference_block_quotes_the_clause_and_links_its_anchor(client):
    clause = Clause.objects.get(anchor="pasal-13-huruf-d")
    make_article("Penilaian berkala", body=[("clause", clause)])
    html = client.get("/meritopedia/penilaian-berkala/").content.decode()
    assert clause.text in html
    assert f'<a href="{REGULATION}#pasal-13-huruf-d">Pasal 13 huruf d PermenPANRB Nomor 40 Tahun 2018</a>' in html


def test_glossary_terms_in_article_text_link_to_their_entry_once(client):
    body = [
        ("heading", "ASN di judul tidak ditautkan"),
        ("paragraph", "<p>Setiap ASN wajib ... ASN lagi. Pejabat Pembina Kepegawaian menetapkan SKJ.</p>"),
        ("paragraph", '<p><a href="/lain/">ASN dalam tautan</a> tetap seperti itu.</p>'),
    ]
    make_article("Istilah di artikel", body=body)
    html = client.get("/meritopedia/istilah-di-artikel/").content.decode()
    links = re.findall(r'<a class="glossary-term" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert ("/glosarium/#aparatur-sipil-negara", "ASN") in links
    assert ("/glosarium/#pejabat-pembina-kepegawaian", "Pejabat Pembina Kepegawaian") in links
    assert [text for _, text in links].count("ASN") == 1  # the first mention only
    assert "<h2>ASN di judul tidak ditautkan</h2>" in html.replace(' id="asn-di-judul-tidak-ditautkan"', "")
    assert '<a href="/lain/">ASN dalam tautan</a>' in html


def test_glossary_links_follow_the_terms_editors_add():
    assert "glossary-term" not in link_glossary_terms("<p>Lab menyelenggarakan FGD.</p>")
    GlossaryTerm.objects.create(
        term="Focus Group Discussion", slug="fgd", acronym="FGD", definition="Diskusi kelompok terarah.", kind="akronim"
    )
    html = link_glossary_terms("<p>Lab menyelenggarakan FGD, bukan fgd.</p>")
    assert '<a class="glossary-term" href="/glosarium/#fgd" title="Diskusi kelompok terarah.">FGD</a>' in html
    assert "bukan fgd." in html  # acronyms match exactly, not in lower case


def test_glossary_links_survive_odd_markup():
    for html in ["", "<p>", "<p>ASN <b>tebal</p>", "teks tanpa tag ASN", "<a>ASN", "</a>ASN", "<p>&lt;ASN&gt;</p>"]:
        assert isinstance(link_glossary_terms(html), str)
    assert 'href="/glosarium/#aparatur-sipil-negara"' in link_glossary_terms("</a>ASN")


def test_a_clause_permalink_jumps_to_the_clause(client):
    response = client.get(REGULATION + "pasal-11-ayat-6-huruf-c/")
    assert response.status_code == 302
    assert response["Location"] == REGULATION + "#pasal-11-ayat-6-huruf-c"


def test_an_unknown_clause_gets_a_404_with_the_nearest_clauses(client):
    response = client.get(REGULATION + "pasal-11-ayat-6-huruf-z/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Ketentuan “pasal-11-ayat-6-huruf-z” tidak ada" in html
    assert f'href="{REGULATION}#pasal-11-ayat-6-huruf-c"' in html
    assert client.get(REGULATION + "xyz/").status_code == 404


def test_indicator_clause_and_article_link_both_ways(client):
    make_article("Talent pool instansi")
    article = client.get("/meritopedia/talent-pool-instansi/").content.decode()
    assert 'href="/rubrik/pengembangan-karier/11-6-c/"' in article  # article → indicator
    assert f'href="{REGULATION}#pasal-11-ayat-6-huruf-c"' in article  # article → clause
    indicator = client.get("/rubrik/pengembangan-karier/11-6-c/").content.decode()
    assert 'href="/meritopedia/talent-pool-instansi/"' in indicator  # indicator → article
    assert f'{REGULATION}#pasal-11-ayat-6-huruf-c"' in indicator  # indicator → clause
    regulation = client.get(REGULATION).content.decode()
    assert 'href="/rubrik/pengembangan-karier/11-6-c/"' in regulation  # clause → indicator


def _demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_load_demo_adds_marked_demo_content_once_and_removes_only_that(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_pages = set(RegulationPage.objects.values_list("pk", flat=True))
    seed_instansi = set(Instansi.objects.values_list("pk", flat=True))
    assert "baris dibuat/diubah" in _demo()
    assert "tidak ada perubahan" in _demo()
    articles = ArticlePage.objects.filter(is_demo=True)
    chapters = HandbookChapterPage.objects.filter(is_demo=True)
    events = EventPage.objects.filter(is_demo=True)
    episodes = PodcastEpisodePage.objects.filter(is_demo=True)
    practices = GoodPracticePage.objects.filter(is_demo=True)
    assert (articles.count(), chapters.count(), events.count(), episodes.count(), practices.count()) == (3, 4, 3, 2, 2)
    assert all(page.live for page in [*articles, *chapters, *events, *episodes, *practices])
    assert Instansi.objects.filter(is_demo=True).count() == 3

    html = client.get(articles.first().url).content.decode()
    assert "Konten demo" in html
    assert 'class="tag-demo">demo</span>' in client.get("/handbook/").content.decode()
    assert 'class="tag-demo">demo</span>' in client.get("/acara/").content.decode()
    assert 'class="tag-demo">demo</span>' in client.get("/praktik-baik/").content.decode()

    assert get_media_model().objects.filter(title__startswith="[Demo]").count() == 3
    # the 14 pages, 3 instansi and 3 audio files above, and the penilaian mandiri demo: 184 scale levels, 2 teams with
    # 4 members, 2 verifikator assignments, 2 assessments and 5 accounts, and the Lab Sistem Merit's daerah binaan
    assert "Konten demo dihapus: 220" in _demo("--remove")
    assert not get_media_model().objects.filter(title__startswith="[Demo]").exists()
    assert not ArticlePage.objects.filter(is_demo=True).exists()
    assert not HandbookChapterPage.objects.exists() and not EventPage.objects.exists()
    assert not PodcastEpisodePage.objects.exists() and not GoodPracticePage.objects.exists()
    assert set(RegulationPage.objects.values_list("pk", flat=True)) == seed_pages
    assert set(Instansi.objects.values_list("pk", flat=True)) == seed_instansi


def test_editors_choose_clauses_from_a_searchable_chooser(client):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("editor-chooser", "editor@example.id", "x")
    client.force_login(editor)
    response = client.get("/admin/clause_chooser/")
    assert response.status_code == 200
    assert "Pilih ketentuan regulasi" in response.content.decode()
    results = client.get("/admin/clause_chooser/results/", {"q": "talent pool"}).content.decode()
    assert "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018" in results
    assert client.get("/admin/clause_chooser/results/", {"q": "((((" * 50}).status_code == 200
