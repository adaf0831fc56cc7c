"""Security at the HTTP edge (issue 7, item 4): the deploy check, the content security policies, HTTPS headers and
cookies, login and sign-up limits, the admin closed to members, uploaded files served safely, oversized bodies
refused. The production settings are checked in a real process, as the server would load them; the rest through
the test client on the test settings, which share base.py's headers and policies."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.conftest import ROOT

PASSWORD = "Merit-2018-sistem"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50)[:50],
    "ALLOWED_HOSTS": "meritopedia.example.go.id",
}


def run_production(code: str, tmp_path) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter on the production settings, with a throwaway database and var/ folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")}
    env.update(PRODUCTION, PORTAL_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)


def test_deploy_check_is_clean_with_the_production_settings(tmp_path):
    result = run_production(
        "import io, django; django.setup()\n"
        "from django.core.management import call_command\n"
        "out = io.StringIO()\n"
        "call_command('check', deploy=True, fail_level='WARNING', stdout=out, stderr=out)\n"
        "print(out.getvalue())\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


PRODUCTION_SETTINGS = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_SECURE": True,
    "X_FRAME_OPTIONS": "DENY",
    "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    "ALLAUTH_TRUSTED_PROXY_COUNT": 1,
    "DEBUG": False,
}


def test_production_settings_send_hsts_and_secure_httponly_cookies(tmp_path):
    """The settings as production.py leaves them, and the headers real requests get (the log-out redirect needs
    neither the database nor collected static files)."""
    result = run_production(
        "import json, django; django.setup()\n"
        "from django.conf import settings as s\n"
        "from django.test import Client\n"
        f"names = {list(PRODUCTION_SETTINGS)!r}\n"
        "client = Client(HTTP_HOST='meritopedia.example.go.id')\n"
        "plain = client.get('/akun/logout/')\n"
        "tls = client.get('/akun/logout/', secure=True)\n"
        "print(json.dumps({'settings': {n: getattr(s, n) for n in names}, 'cache': s.CACHES['default']['BACKEND'],\n"
        "    'plain': [plain.status_code, plain.get('Location')], 'tls': dict(tls.headers)}))\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["settings"] == PRODUCTION_SETTINGS
    # Rate limits count in a cache every gunicorn worker on the machine shares, never a per-process one.
    assert report["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert report["plain"] == [301, "https://meritopedia.example.go.id/akun/logout/"]
    headers = report["tls"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self';" in headers["Content-Security-Policy"] + ";"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/rubrik/pengembangan-karier/11-6-c/", "/regulasi/permenpanrb-40-2018/", "/akun/login/", "/cari/?q=x"]
)
def test_public_pages_send_the_strict_policy_and_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_templates_have_no_inline_script_style_or_handlers(client):
    """What the policy forbids is also absent from the markup, so nothing silently stops working."""
    for url in ("/", "/rubrik/", "/rubrik/pengembangan-karier/11-6-c/", "/regulasi/permenpanrb-40-2018/", "/handbook/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+\s*=", html), url


@pytest.mark.django_db
def test_the_wagtail_admin_gets_its_own_policy(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'self'" in policy
    assert "default-src 'self'" in policy and "https:" not in policy


def confirmed_member(email="anggota@instansi.go.id"):
    user = get_user_model().objects.create_user(email.split("@")[0], email, PASSWORD)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_repeated_failed_logins_get_429_with_the_indonesian_message(client):
    member = confirmed_member()
    statuses = [client.post("/akun/login/", {"login": member.email, "password": "salah"}).status_code for _ in range(5)]
    assert statuses == [200] * 5  # wrong password: the form again
    locked = client.post("/akun/login/", {"login": member.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_flood_of_login_posts_from_one_address_gets_429(client):
    """Ten failures from one IP lock it (login_failed 10/m/ip) whatever the address tried; past 30 posts a minute
    (login 30/m/ip) allauth answers with the portal's 429 page before looking at the form."""
    responses = [client.post("/akun/login/", {"login": f"x{i}@instansi.go.id", "password": "salah"}) for i in range(31)]
    statuses = [response.status_code for response in responses]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
    assert "Terlalu banyak percobaan masuk yang gagal" in responses[10].content.decode()
    assert "Terlalu banyak permintaan" in responses[-1].content.decode()


@pytest.mark.django_db
def test_sign_up_flood_gets_429_not_500(client):
    statuses = [
        client.post(
            "/akun/signup/", {"email": f"orang{i}@instansi.go.id", "password1": PASSWORD, "password2": PASSWORD}
        ).status_code
        for i in range(11)
    ]
    assert statuses[0] == 302 and statuses[-1] == 429 and 500 not in statuses


@pytest.mark.django_db
def test_a_signed_in_member_never_sees_the_admin(client):
    member = confirmed_member()
    client.post("/akun/login/", {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert client.cookies["sessionid"]["httponly"], "the session cookie is never readable by script"
    for url in ("/admin/", "/admin/pages/", "/admin/documents/", "/admin/users/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain and response.redirect_chain[0][0].startswith("/admin/login/"), url
        assert b"Dashboard" not in response.content and b"Dasbor" not in response.content, url
        assert response.request["PATH_INFO"] == "/admin/login/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [("laporan.html", b"<script>alert(1)</script>"), ("data.csv", b"a,b\n1,2\n"), ("panduan.pdf", b"%PDF-1.4\n")],
)
def test_documents_are_downloads_with_safe_headers(client, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


@pytest.mark.django_db
def test_media_on_disk_images_inline_everything_else_downloaded(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "images" / "gambar.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "halaman.html").write_text("<script>alert(1)</script>")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "rahasia.pdf").write_bytes(b"%PDF-1.4\n")

    image = client.get("/media/images/foto.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert not image["Content-Disposition"].startswith("attachment")
    assert image["X-Content-Type-Options"] == "nosniff"
    downloads = [("/media/images/gambar.svg", "image/svg+xml"), ("/media/handbook/halaman.html", "text/html")]
    for url, content_type in downloads:
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment"), url
        assert response["Content-Security-Policy"] == "default-src 'none'"
    # Documents only through /dokumen/ (collection privacy), and nothing outside MEDIA_ROOT.
    assert client.get("/media/documents/rahasia.pdf").status_code == 404
    assert client.get("/media/../portal.sqlite3").status_code == 404
    assert client.get("/media/images/tidak-ada.png").status_code == 404


@pytest.mark.django_db
def test_an_oversized_body_gets_413_in_indonesian(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 25 * 1024 * 1024
    body = b"x" * (25 * 1024 * 1024 + 1)
    response = client.post("/akun/login/", body, content_type="application/octet-stream")
    assert response.status_code == 413
    page = response.content.decode()
    assert "Kiriman terlalu besar" in page and "25 MB" in page
    assert response["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in response


@pytest.mark.django_db
def test_a_body_under_the_limit_is_not_refused(client):
    body = {"login": "a@instansi.go.id", "password": "salah", "catatan": "x" * (2 * 1024 * 1024)}
    assert client.post("/akun/login/", body).status_code != 413
