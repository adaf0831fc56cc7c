"""An id in an address that no row can have (more than 64 bits) is a 404 on every address of the portal's own, and
on the Wagtail views it wraps: the database driver would overflow on it (a 500 on SQLite)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25

GET = [
    f"/praktik-baik/kiriman/{HUGE}/",
    f"/praktik-baik/kiriman/{HUGE}/ubah/",
    f"/praktik-baik/lampiran/{HUGE}/bukti.pdf",
    f"/rekaman/{HUGE}/rekaman.mp3",
    f"/dokumen/{HUGE}/nota.pdf",
]
POST = [
    f"/akun/acara/{HUGE}/daftar/",
    f"/akun/acara/{HUGE}/batal/",
    f"/diskusi/{HUGE}/kirim/",
    f"/diskusi/komentar/{HUGE}/sembunyikan/",
    f"/diskusi/komentar/{HUGE}/terima/",
    f"/_util/authenticate_with_password/{HUGE}/{HUGE}/",
    f"/dokumen/authenticate_with_password/{HUGE}/",
]


@pytest.mark.parametrize("url", GET)
def test_a_huge_id_is_not_found(client, django_user_model, url):
    assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.create_user("anggota-id", "id@contoh.go.id", "rahasia-123"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", POST)
def test_a_huge_id_posted_to_is_not_found(client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("anggota-id", "id@contoh.go.id", "rahasia-123"))
    assert client.post(url, {"password": "x", "return_url": "/", "body": "Halo"}).status_code == 404
