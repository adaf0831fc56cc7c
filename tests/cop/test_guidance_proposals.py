"""Indicator pages without written guidance: the page says so and leads to what exists; members propose guidance,
KASN's editors approve it into the page (credited) or decline it with a reason the member is e-mailed."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cop.guidance_proposals import GuidanceProposal
from cop.practices import GoodPracticePage, PracticeIndexPage
from cop.views import guidance
from meritopedia.models import Indicator, IndicatorPage
from portal.models import Instansi
from tests.cop.test_practices import make_user

pytestmark = pytest.mark.django_db

URL = "/rubrik/pengembangan-karier/11-6-c/"
TEXT = "Talent pool disusun dari hasil pemetaan talenta nine box dan ditetapkan dengan keputusan PPK setiap tahun."


@pytest.fixture
def page():
    return IndicatorPage.objects.get(indicator__code="11.6.c", indicator__aspect__version__is_current=True)


@pytest.fixture
def member():
    return make_user("sari", name="Sari Wulandari")


@pytest.fixture
def editor():
    return make_user("editor", "Editors")


def _propose(client, page, **data):
    return client.post(reverse("guidance_propose", args=[page.pk]), {"section": "evidence", "text": TEXT, **data})


def _between(html: str, start: str, end: str = "</section>") -> str:
    """The part of the page from the element with `start` to the end of its section."""
    return html[html.index(start) :].split(end, 1)[0]


def _approve(client, proposal):
    return client.post(reverse("wagtailsnippets_cop_guidanceproposal:approve", args=[proposal.pk]))


def _decline(client, proposal, reason):
    return client.post(reverse("wagtailsnippets_cop_guidanceproposal:decline", args=[proposal.pk]), {"reason": reason})


def test_unwritten_sections_say_so_and_lead_to_the_clause_its_references_terms_and_practices(client, page):
    practice = GoodPracticePage(
        title="Talent pool di Kabupaten Contoh", slug="talent-pool-contoh", problem="M", action="A", results="H"
    )
    PracticeIndexPage.objects.get().add_child(instance=practice)
    practice.indicators.set([page.indicator])
    practice.save_revision().publish()

    html = client.get(URL).content.decode()
    assert html.count("KASN belum menulis panduan untuk bagian ini.") == 3
    box = _between(html, 'id="bahan-indikator"')
    assert 'href="/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-c"' in box
    # The ayat 11.6.c completes cites "Pasal 11 ayat (1) huruf e": the sub-aspect, with its words.
    assert 'href="/regulasi/permenpanrb-40-2018/#pasal-11-ayat-1-huruf-e"' in box
    assert "manajemen talenta dan rencana suksesi" in box.lower()
    terms = re.findall(r'class="glossary-term" href="(/glosarium/#[\w-]+)">([^<]+)</a>', box)
    # Its terms, from the huruf and the ayat it completes, each linked to its glossary entry once.
    assert ("/glosarium/#instansi-pemerintah", "Instansi Pemerintah") in terms
    assert {"rencana suksesi", "manajemen talenta"} <= {words.lower() for _url, words in terms}
    assert len(terms) == len({url for url, _words in terms})
    # Good practices are listed once, further down: the box links there with the count.
    practices_heading = re.search(r'<h2 id="(terkait-\d+)">Praktik baik tentang indikator ini</h2>', html)
    assert f'<a href="#{practices_heading.group(1)}">Praktik baik tentang indikator ini</a> (1)' in box
    assert html.count(f'href="{practice.url}"') == 1
    assert 'href="#diskusi"' in box


def test_a_visitor_is_asked_to_sign_in_and_a_post_goes_to_sign_in(client, page):
    html = client.get(URL).content.decode()
    form_box = _between(html, 'id="usulan-panduan"')
    assert "Masuk untuk mengusulkan panduan" in form_box and "/akun/login/?next=" in form_box
    assert "<textarea" not in form_box
    response = _propose(client, page)
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/?next=")
    assert not GuidanceProposal.objects.exists()


def test_a_member_proposes_and_the_proposal_waits_unseen_on_the_page(client, page, member):
    client.force_login(member)
    response = _propose(client, page)
    assert response.status_code == 302 and response["Location"] == f"{URL}#usulan-panduan"
    proposal = GuidanceProposal.objects.get()
    assert (proposal.status, proposal.section, proposal.author, proposal.text) == ("menunggu", "evidence", member, TEXT)
    assert TEXT not in client.get(URL).content.decode()
    client.logout()
    assert TEXT not in client.get(URL).content.decode()
    client.force_login(member)
    contributions = client.get("/akun/kontribusi/").content.decode()
    assert "Menunggu tinjauan editor" in contributions and page.title in contributions


def test_an_editor_approves_in_the_admin_and_the_page_shows_the_text_credited(
    client, page, member, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _propose(client, page, text=TEXT + "\n\nParagraf kedua <3 kali setahun.")
    proposal = GuidanceProposal.objects.get()
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_cop_guidanceproposal:list"), {"status": "menunggu", "page": page.pk})
    assert (
        listing.status_code == 200
        and reverse("wagtailsnippets_cop_guidanceproposal:approve", args=[proposal.pk]) in listing.content.decode()
    )
    declined_only = client.get(reverse("wagtailsnippets_cop_guidanceproposal:list"), {"status": "ditolak"})
    assert (
        reverse("wagtailsnippets_cop_guidanceproposal:approve", args=[proposal.pk])
        not in declined_only.content.decode()
    )
    assert client.get(reverse("wagtailsnippets_cop_guidanceproposal:approve", args=[proposal.pk])).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _approve(client, proposal)
    assert response.status_code == 302, response.content.decode()[:300]
    assert response["Location"] == reverse("wagtailsnippets_cop_guidanceproposal:list"), response["Location"]
    proposal.refresh_from_db()
    page.refresh_from_db()
    assert proposal.status == "disetujui" and proposal.decided_by == editor
    assert page.live and not page.has_unpublished_changes and page.live_revision.user == editor
    instansi = Instansi.objects.first().name
    assert page.evidence_credit == f"Sari Wulandari ({instansi})"
    client.logout()
    html = client.get(URL).content.decode()
    section = _between(html, 'id="bukti-dukung"')
    assert TEXT in section and "Paragraf kedua &lt;3 kali setahun." in section
    assert f"Disumbangkan oleh Sari Wulandari ({instansi})" in section
    assert html.count("KASN belum menulis panduan untuk bagian ini.") == 2
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "terbit" in mail.outbox[0].subject
    # Decided once: a second approval changes nothing.
    client.force_login(editor)
    assert _approve(client, proposal).status_code == 409


def test_an_approval_never_overwrites_a_written_section(client, page, member, editor):
    client.force_login(member)
    _propose(client, page)
    page.evidence = "<p>Tulisan editor.</p>"
    page.save_revision().publish()
    client.force_login(editor)
    assert _approve(client, GuidanceProposal.objects.get()).status_code == 409
    page.refresh_from_db()
    assert page.evidence == "<p>Tulisan editor.</p>" and GuidanceProposal.objects.get().is_pending


def test_declining_tells_the_member_the_reason_by_email(
    client, page, member, editor, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _propose(client, page)
    proposal = GuidanceProposal.objects.get()
    client.force_login(editor)
    assert _decline(client, proposal, "  ").status_code == 400
    assert GuidanceProposal.objects.get().is_pending
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _decline(client, proposal, "Sebutkan dasar hukum penetapan talent pool.").status_code == 302
    assert GuidanceProposal.objects.get().status == "ditolak"
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "Sebutkan dasar hukum penetapan talent pool." in mail.outbox[0].body
    client.force_login(member)
    contributions = client.get("/akun/kontribusi/").content.decode()
    assert "Ditolak" in contributions and "Sebutkan dasar hukum penetapan talent pool." in contributions
    client.logout()
    assert TEXT not in client.get(URL).content.decode()


def test_a_member_cannot_decide_proposals(client, page, member):
    client.force_login(member)
    _propose(client, page)
    response = _approve(client, GuidanceProposal.objects.get())
    assert response.status_code in (302, 403)
    assert GuidanceProposal.objects.get().is_pending


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Usulan panduan masih kosong."),
        ({"text": "x" * 4001}, "Usulan terlalu panjang: paling banyak 4000 huruf, kini 4001."),
        ({"text": TEXT + " <b>penting</b>"}, "Usulan memuat tag HTML atau kode"),
        ({"text": "Terlalu singkat."}, "Usulan terlalu pendek"),
        ({"section": ""}, "Pilih bagian yang Anda tulis."),
        ({"section": "title"}, "Bagian itu sudah berisi panduan atau tidak ada"),
    ],
)
def test_bad_input_comes_back_with_a_clear_message_and_nothing_lost(client, page, member, data, message):
    client.force_login(member)
    response = _propose(client, page, **data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = _between(html, 'class="error-summary"', "</div>")
    assert message in summary
    typed = data.get("text", TEXT)
    if typed.strip():
        assert typed.replace("<", "&lt;").replace(">", "&gt;") in _between(html, 'id="usulan-panduan"')
    assert not GuidanceProposal.objects.exists()


def test_proposals_are_rate_limited_and_the_text_kept(client, page, member, monkeypatch):
    monkeypatch.setattr(guidance, "PROPOSALS_PER_HOUR", 1)
    client.force_login(member)
    assert _propose(client, page).status_code == 302
    response = _propose(client, page, section="meaning")
    assert response.status_code == 429
    assert "Terlalu banyak usulan" in response.content.decode() and TEXT in response.content.decode()
    assert GuidanceProposal.objects.count() == 1


def test_a_section_written_by_kasn_is_not_offered(client, page, member):
    page.meaning = "<p>Maksud dari editor.</p>"
    page.save_revision().publish()
    client.force_login(member)
    form_box = _between(client.get(URL).content.decode(), 'id="usulan-panduan"')
    assert 'value="evidence"' in form_box and 'value="meaning"' not in form_box
    assert _propose(client, page, section="meaning").status_code == 400
    assert Indicator.objects.filter(page=page).exists()
