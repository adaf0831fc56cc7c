"""Good practices: a member submits on the site, editors moderate in the real Wagtail admin, the practice goes live
credited to the member and shows on its indicator pages. Uploads are checked by content; drafts stay private."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cop.members import MemberProfile
from cop.practices import GoodPracticePage, PracticeIndexPage, PracticeStatus
from cop.uploads import MAX_BYTES
from meritopedia.models import Indicator
from portal.models import Instansi

pytestmark = pytest.mark.django_db

SUBMIT_URL = "/praktik-baik/kirim/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_file(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<x/>")
    return buffer.getvalue()


def make_user(username, *groups, name=None):
    user = get_user_model().objects.create_user(username, f"{username}@contoh.go.id", "x")
    user.groups.set(Group.objects.filter(name__in=groups))
    if name:
        MemberProfile.objects.create(user=user, full_name=name, instansi=Instansi.objects.first())
    return user


@pytest.fixture
def member():
    return make_user("sari", name="Sari Wulandari")


@pytest.fixture
def editor():
    return make_user("editor", "Editors")


def practice_data(**overrides):
    indicator = Indicator.objects.get(code="11.6.c", aspect__version__is_current=True)
    data = {
        "title": "Talent pool nine box di Kabupaten Contoh",
        "instansi": Instansi.objects.first().pk,
        "aspect": indicator.aspect_id,
        "indicators": [indicator.pk],
        "problem": "Pengisian jabatan lambat.",
        "action": "Kami memetakan 420 pegawai ke nine box.",
        "results": "Waktu pengisian turun dari 94 menjadi 35 hari.",
        "lessons": "Mulai dari data yang ada.",
    }
    data.update(overrides)
    return data


def submit(client, user, files=(), **overrides):
    client.force_login(user)
    data = practice_data(**overrides)
    if files:
        data["attachments"] = list(files)
    return client.post(SUBMIT_URL, data)


def act(client, user, page, action, comment=""):
    client.force_login(user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment})


def submission_url(page):
    return f"/praktik-baik/kiriman/{page.pk}/"


def test_anonymous_visitors_are_sent_to_log_in_and_back(client):
    response = client.get(SUBMIT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=/praktik-baik/kirim/")


def test_submit_ask_changes_edit_approve_publishes_credited_and_on_the_indicator_page(client, member, editor):
    response = submit(client, member, files=[SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")])
    practice = GoodPracticePage.objects.get()
    assert response.status_code == 302 and response["Location"] == submission_url(practice)
    assert not practice.live and practice.submitted_by == member
    assert practice.current_workflow_state.workflow.name == "Moderasi praktik baik"
    assert PracticeStatus.of(practice).code == "ditinjau"
    assert client.get(practice.url or "/praktik-baik/talent-pool-nine-box-di-kabupaten-contoh/").status_code == 404
    assert "Menunggu tinjauan editor" in client.get(submission_url(practice)).content.decode()

    mail.outbox.clear()
    assert act(client, editor, practice, "reject", "Tambahkan angka sebelum dan sesudah.").status_code == 302
    status = PracticeStatus.of(practice)
    assert (status.code, status.comment) == ("perbaikan", "Tambahkan angka sebelum dan sesudah.")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Tambahkan angka sebelum dan sesudah." in mail.outbox[0].body

    client.force_login(member)
    contributions = client.get("/akun/kontribusi/").content.decode()
    assert "Perlu perbaikan" in contributions and "Tambahkan angka sebelum dan sesudah." in contributions
    edit_url = submission_url(practice) + "ubah/"
    form = client.get(edit_url)
    assert form.status_code == 200 and "Kami memetakan 420 pegawai" in form.content.decode()
    response = client.post(edit_url, practice_data(results="Sebelum 94 hari, sesudah 35 hari; 18 dari 22 jabatan."))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert PracticeStatus.of(practice).code == "ditinjau"
    assert not practice.live

    mail.outbox.clear()
    assert act(client, editor, practice, "approve").status_code == 302
    practice.refresh_from_db()
    assert practice.live
    assert practice.results == "Sebelum 94 hari, sesudah 35 hari; 18 dari 22 jabatan."
    assert any("terbit" in m.subject for m in mail.outbox)
    client.logout()
    page = client.get(practice.url).content.decode()
    assert "Dibagikan oleh" in page and "Sari Wulandari" in page
    indicator_page = client.get("/rubrik/pengembangan-karier/11-6-c/").content.decode()
    assert practice.title in indicator_page
    attachment = practice.attachments.get()
    download = client.get(attachment.url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_editors_decline_with_a_reason_the_member_reads(client, member, editor):
    submit(client, member)
    practice = GoodPracticePage.objects.get()
    mail.outbox.clear()
    response = act(client, editor, practice, "decline", "Sudah ada praktik yang sama dari instansi ini.")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert not practice.live
    status = PracticeStatus.of(practice)
    assert (status.code, status.comment) == ("ditolak", "Sudah ada praktik yang sama dari instansi ini.")
    assert len(mail.outbox) == 1 and "tidak diterbitkan" in mail.outbox[0].subject
    client.force_login(member)
    assert "Sudah ada praktik yang sama" in client.get("/akun/kontribusi/").content.decode()
    # A declined practice cannot be edited back into moderation.
    assert client.get(submission_url(practice) + "ubah/").status_code == 302


def test_members_never_see_or_edit_others_drafts_nor_reach_the_admin(client, member):
    submit(client, member, files=[SimpleUploadedFile("bukti.png", PNG, "image/png")])
    practice = GoodPracticePage.objects.get()
    attachment = practice.attachments.get()
    other = make_user("budi", name="Budi")
    client.force_login(other)
    assert client.get(submission_url(practice)).status_code == 404
    assert client.get(submission_url(practice) + "ubah/").status_code == 404
    assert client.post(submission_url(practice) + "ubah/", practice_data(title="Dibajak")).status_code == 404
    assert client.get(attachment.url).status_code == 404
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert client.get(f"/admin/pages/{practice.pk}/edit/").status_code == 302
    client.logout()
    assert client.get(attachment.url).status_code == 404
    # The author can read their own draft's evidence; images are shown inline.
    client.force_login(member)
    own = client.get(attachment.url)
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert own["X-Content-Type-Options"] == "nosniff" and "attachment" not in own.get("Content-Disposition", "")
    # A draft is editable only once the editors ask for changes.
    assert client.get(submission_url(practice) + "ubah/").status_code == 302


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "bukan PDF yang sah"),
        ("arsip.docx", office_file("xl/workbook.xml"), "bukan Word (DOCX) yang sah"),
        ("biasa.docx", b"PK\x03\x04 broken zip", "bukan Word (DOCX) yang sah"),
        ("skrip.html", b"<script>alert(1)</script>", "hanya PDF, DOCX, XLSX, PPTX, JPG atau PNG"),
        ("foto.jpg", PNG, "bukan JPG yang sah"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_wrong_type_uploads_are_refused_and_the_typed_fields_kept(client, member, name, content, message):
    response = submit(client, member, files=[SimpleUploadedFile(name, content)])
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Kami memetakan 420 pegawai ke nine box." in html and "Talent pool nine box di Kabupaten Contoh" in html
    assert not GoodPracticePage.objects.exists()


def test_office_files_and_images_are_accepted_by_content(client, member):
    files = [
        SimpleUploadedFile("laporan.docx", office_file("word/document.xml")),
        SimpleUploadedFile("data.xlsx", office_file("xl/workbook.xml")),
        SimpleUploadedFile("paparan.pptx", office_file("ppt/presentation.xml")),
        SimpleUploadedFile("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
    ]
    assert submit(client, member, files=files).status_code == 302
    kinds = sorted(GoodPracticePage.objects.get().attachments.values_list("kind", flat=True))
    assert kinds == ["docx", "jpg", "pptx", "xlsx"]


def test_files_over_20_mb_are_refused_with_their_size(client, member):
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (MAX_BYTES + 1 - 5))
    response = submit(client, member, files=[big])
    assert response.status_code == 400
    assert "berukuran 20,0 MB; batasnya 20 MB per berkas" in response.content.decode()  # Indonesian decimals


def test_member_text_is_sanitised(client, member):
    response = submit(
        client,
        member,
        title='Praktik <script>alert("x")</script>baik',
        problem='Klik <a href="javascript:alert(1)" onmouseover="x()">di sini</a> atau javascript:alert(1)',
    )
    assert response.status_code == 302
    practice = GoodPracticePage.objects.get()
    assert practice.title == "Praktik baik"
    draft = practice.get_latest_revision_as_object()
    assert draft.problem == "Klik di sini atau javascript:alert(1)"
    client.force_login(member)
    html = client.get(submission_url(practice)).content.decode()
    assert "<script>alert" not in html and 'href="javascript' not in html and "onmouseover" not in html


def test_empty_huge_and_mismatched_forms_get_clear_messages(client, member):
    client.force_login(member)
    empty = client.post(SUBMIT_URL, {})
    assert empty.status_code == 400
    assert "Judul praktik baik wajib diisi." in empty.content.decode()
    huge = submit(client, member, problem="x" * 20000)
    assert huge.status_code == 400 and "terlalu panjang" in huge.content.decode()
    other_aspect = Indicator.objects.filter(aspect__version__is_current=True).exclude(code__startswith="11.").first()
    mismatch = submit(client, member, indicators=[other_aspect.pk])
    assert mismatch.status_code == 400 and "bukan bagian aspek" in mismatch.content.decode()
    assert not GoodPracticePage.objects.exists()


def test_submissions_are_rate_limited_without_losing_the_text(client, member):
    for number in range(5):
        assert submit(client, member, title=f"Praktik {number}").status_code == 302
    response = submit(client, member, title="Praktik keenam")
    assert response.status_code == 429
    assert "Terlalu banyak kiriman" in response.content.decode()
    assert "Praktik keenam" in response.content.decode()
    assert GoodPracticePage.objects.count() == 5


def test_csrf_is_enforced_on_the_submission_form(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(SUBMIT_URL, practice_data()).status_code == 403


def test_listing_filters_and_survives_nonsense(client, member, editor):
    submit(client, member)
    practice = GoodPracticePage.objects.get()
    act(client, editor, practice, "approve")
    client.logout()
    index = PracticeIndexPage.objects.get()
    assert practice.title in client.get(index.url).content.decode()
    assert practice.title in client.get(index.url, {"aspek": "pengembangan-karier"}).content.decode()
    for nonsense in ["<script>", "((((", "x" * 5000, "😀"]:
        response = client.get(index.url, {"aspek": nonsense, "jenis": nonsense})
        assert response.status_code == 200
        assert "Tidak ada praktik baik yang cocok" in response.content.decode()
    assert client.get("/praktik-baik/kiriman/999999/").status_code == 302  # log in first
    client.force_login(member)
    assert client.get("/praktik-baik/kiriman/999999/").status_code == 404
    assert client.get("/praktik-baik/lampiran/999999/x.pdf").status_code == 404
