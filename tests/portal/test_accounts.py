"""Member accounts through django-allauth over real HTTP: sign-up, e-mail confirmation, log-in, log-out,
password reset, rate limits; and who may enter the Wagtail admin."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db
PASSWORD = "Merit-2018-sistem"


def sign_up(client, email="anggota@instansi.go.id"):
    return client.post("/akun/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def confirmation_link():
    return re.search(r"https?://[^/\s]+(/akun/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_sign_up_confirm_email_log_in_and_out(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anggota@instansi.go.id"]
    assert not logged_in(client), "an unconfirmed address must not be signed in"

    client.post("/akun/login/", {"login": "anggota@instansi.go.id", "password": PASSWORD})
    assert not logged_in(client)

    link = confirmation_link()
    assert client.get(link).status_code == 200
    client.post(link)
    client.post("/akun/login/", {"login": "anggota@instansi.go.id", "password": PASSWORD})
    assert logged_in(client)

    client.post("/akun/logout/")
    assert not logged_in(client)


def test_sign_up_form_errors_are_in_indonesian_and_keep_the_input(client):
    response = client.post("/akun/signup/", {"email": "bukan-email", "password1": "a", "password2": "b"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="bukan-email"' in page
    assert "masukkan alamat email" in page.lower()  # Django's or DRF's Indonesian wording, either way Indonesian
    assert "kata sandi terlalu pendek" in page.lower()


def test_password_reset_sends_a_link(client):
    sign_up(client, "lupa@instansi.go.id")
    mail.outbox.clear()
    response = client.post("/akun/password/reset/", {"email": "lupa@instansi.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/akun/password/reset/key/" in mail.outbox[0].body


def test_repeated_failed_logins_are_stopped(client):
    user = get_user_model().objects.create_user("target", "target@instansi.go.id", PASSWORD)
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    for _ in range(5):
        client.post("/akun/login/", {"login": user.email, "password": "salah"})
    client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    assert not logged_in(client), "the right password after five failures must still wait"


def test_sign_up_is_rate_limited(client):
    statuses = [sign_up(client, f"orang{i}@instansi.go.id").status_code for i in range(12)]
    assert statuses[0] == 302 and statuses[-1] == 429
    assert "Terlalu banyak permintaan" in sign_up(client, "lagi@instansi.go.id").content.decode()


def test_members_cannot_enter_the_admin_but_editors_can(client):
    member = get_user_model().objects.create_user("anggota", "a@instansi.go.id", PASSWORD)
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403) and "/admin/login/" in response.get("Location", "/admin/login/")

    call_command("ensure_editor", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_ensure_editor_creates_one_account_once(monkeypatch):
    monkeypatch.delenv("PORTAL_EDITOR_PASSWORD", raising=False)
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_editor", stdout=first)
    call_command("ensure_editor", stdout=second)
    password = re.search(r"kata sandi: (\S+)", first.getvalue()).group(1)
    editor = get_user_model().objects.get(is_superuser=True)
    assert editor.check_password(password)
    assert editor.emailaddress_set.get().verified
    assert "sudah ada" in second.getvalue() and get_user_model().objects.filter(is_superuser=True).count() == 1


def test_ensure_editor_takes_credentials_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_EDITOR_USERNAME", "kasn")
    monkeypatch.setenv("PORTAL_EDITOR_PASSWORD", "rahasia-dari-env")
    out = io.StringIO()
    call_command("ensure_editor", stdout=out)
    assert get_user_model().objects.get(username="kasn").check_password("rahasia-dari-env")
    assert "rahasia-dari-env" not in out.getvalue()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/meritopedia/indicator/",
        "/admin/snippets/meritopedia/aspect/",
        "/admin/snippets/meritopedia/glossaryterm/",
        "/admin/snippets/portal/secimode/",
        "/admin/snippets/cop/eventseries/",
        "/admin/pages/",
    ],
)
def test_editors_manage_the_reference_data_in_the_admin(client, url):
    call_command("ensure_editor", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200, url


def test_an_editor_can_edit_an_indicator_snippet(client):
    from meritopedia.models import Indicator

    call_command("ensure_editor", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(is_superuser=True))
    indicator = Indicator.objects.get(code="13.d")
    assert client.get(f"/admin/snippets/meritopedia/indicator/edit/{indicator.pk}/").status_code == 200
