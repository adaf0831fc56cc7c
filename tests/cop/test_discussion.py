"""Discussion under practices, indicator pages and events: ask, answer, accept, hide, notify; bad input refused
politely; anonymous visitors sent to log in and back to the thread."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from cop.discussion import Comment
from cop.practices import GoodPracticePage, PracticeIndexPage
from meritopedia.models import IndicatorPage
from portal.models import Instansi

pytestmark = pytest.mark.django_db


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@contoh.go.id", "x", first_name=username.title())
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def live_practice(author, title="Talent pool nine box", slug="talent-pool-nine-box", instansi=None):
    """A practice submitted by `author` and published, credited to them."""
    page = GoodPracticePage(
        title=title,
        slug=slug,
        instansi=instansi,
        problem="Pengisian jabatan lambat.",
        action="Memetakan pegawai.",
        results="Dari 94 menjadi 35 hari.",
        submitted_by=author,
        owner=author,
    )
    PracticeIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def practice():
    """A live practice submitted by a member, who is the one told about new comments."""
    return live_practice(make_user("sari"), instansi=Instansi.objects.first())


def post(client, page, body, **extra):
    return client.post(f"/diskusi/{page.pk}/kirim/", {"body": body, **extra})


def test_anonymous_visitors_are_sent_to_log_in_and_back_to_the_thread(client, practice):
    html = client.get(practice.url).content.decode()
    assert "Masuk untuk bertanya atau berkomentar" in html
    response = post(client, practice, "Bagaimana caranya?")
    assert response.status_code == 302
    assert response["Location"] == "/akun/login/?next=/praktik-baik/talent-pool-nine-box/%23diskusi"
    assert not Comment.objects.exists()


def test_ask_answer_accept_and_notify(client, practice):
    asker, answerer = make_user("budi"), make_user("wati")
    client.force_login(asker)
    mail.outbox.clear()
    response = post(client, practice, "Data potensi dari mana?", kind="pertanyaan")
    question = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#komentar-{question.pk}")
    assert [m.to for m in mail.outbox] == [["sari@contoh.go.id"]]  # the practice's author
    assert "Data potensi dari mana?" in mail.outbox[0].body

    client.force_login(answerer)
    mail.outbox.clear()
    post(client, practice, "Dari hasil assessment center.", parent=question.pk)
    answer = Comment.objects.get(parent=question)
    assert [m.to for m in mail.outbox] == [["budi@contoh.go.id"]]  # the asker
    # Only the asker (or an editor) marks the accepted answer.
    assert client.post(f"/diskusi/komentar/{answer.pk}/terima/").status_code == 403
    client.force_login(asker)
    assert client.post(f"/diskusi/komentar/{answer.pk}/terima/").status_code == 302
    answer.refresh_from_db()
    assert answer.is_accepted
    html = client.get(practice.url).content.decode()
    assert "Data potensi dari mana?" in html and "✓ Jawaban diterima" in html


def test_editors_hide_and_hidden_comments_vanish_everywhere(client, practice):
    writer, editor = make_user("budi"), make_user("editor", "Editors")
    comment = Comment.objects.create(page=practice, author=writer, body="Iklan obat kuat")
    client.force_login(writer)
    assert client.post(f"/diskusi/komentar/{comment.pk}/sembunyikan/").status_code == 403
    client.force_login(editor)
    assert "Sembunyikan" in client.get(practice.url).content.decode()
    assert client.post(f"/diskusi/komentar/{comment.pk}/sembunyikan/").status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == editor
    client.logout()
    html = client.get(practice.url).content.decode()
    assert "Iklan obat kuat" not in html and "Belum ada pertanyaan atau komentar." in html
    # Answers cannot hang off a hidden comment.
    client.force_login(writer)
    assert post(client, practice, "Balasan", parent=comment.pk).status_code == 404
    # Editors find every thread in the admin.
    client.force_login(editor)
    assert client.get("/admin/snippets/cop/comment/").status_code == 200


def test_threads_on_indicator_pages_and_events_too(client):
    user = make_user("budi")
    client.force_login(user)
    indicator = IndicatorPage.objects.live().first()
    assert post(client, indicator, "Apa bukti dukung yang diterima?").status_code == 302
    assert "Apa bukti dukung yang diterima?" in client.get(indicator.url).content.decode()
    # Pages without a discussion refuse politely.
    assert post(client, PracticeIndexPage.objects.get(), "Halo").status_code == 404
    assert client.post("/diskusi/999999/kirim/", {"body": "x"}).status_code == 404


@pytest.mark.parametrize(
    "body, status, message",
    [
        ("", 400, "Komentar masih kosong."),
        ("   ", 400, "Komentar masih kosong."),
        ("<script>alert(1)</script>", 400, "tidak boleh hanya berisi kode atau tag"),
        ("x" * 10_000, 400, "Komentar terlalu panjang"),
    ],
)
def test_bad_comments_get_a_clear_message_and_keep_the_text(client, practice, body, status, message):
    client.force_login(make_user("budi"))
    response = post(client, practice, body)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_text_is_sanitised_and_links_are_safe(client, practice):
    client.force_login(make_user("budi"))
    post(client, practice, 'Lihat <img src=x onerror=alert(1)>https://kasn.go.id dan <a href="javascript:x()">ini</a>')
    comment = Comment.objects.get()
    assert comment.body == "Lihat https://kasn.go.id dan ini"
    html = client.get(practice.url).content.decode()
    assert '<a href="https://kasn.go.id" rel="nofollow">https://kasn.go.id</a>' in html
    assert "onerror" not in html and "javascript:" not in html


def test_comments_are_rate_limited(client, practice):
    client.force_login(make_user("budi"))
    for number in range(10):
        assert post(client, practice, f"Komentar {number}").status_code == 302
    response = post(client, practice, "Komentar kesebelas")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak komentar" in html and "Komentar kesebelas" in html
    assert Comment.objects.count() == 10


def test_csrf_is_enforced_on_comments(practice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("budi"))
    assert post(client, practice, "Tanpa token").status_code == 403
