"""What every page carries around its content: the icons, the sharing preview, the footer with KASN's contact and
its privacy and accessibility pages, and, signed in, the account menu with the member's own pages."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cop.members import MemberProfile
from portal.models import Instansi
from tests.assessment.factories import make_team

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Merit-2018-sistem"


def meta(page: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return found and found.group(1)


def test_favicon_is_answered_at_the_address_browsers_ask_for(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert b"".join(response) == (ROOT / "static/img/favicon.ico").read_bytes()
    assert response.content[:4] == b"\x00\x00\x01\x00", "an ICO file starts with its reserved word and type 1"


def test_every_page_links_its_icons(client):
    page = client.get("/").content.decode()
    for icon in ("img/favicon.svg", "img/favicon-32.png", "img/apple-touch-icon.png"):
        href = re.search(rf'href="([^"]*{re.escape(icon)})"', page)
        assert href, icon
        assert client.get(href.group(1)).status_code == 200, icon


def test_pages_carry_a_sharing_preview_and_a_description(client):
    home = client.get("/").content.decode()
    assert meta(home, "property", "og:type") == "website"
    assert meta(home, "property", "og:url").startswith("http") and meta(home, "property", "og:url").endswith("/")
    assert meta(home, "name", "twitter:card") == "summary"
    assert meta(home, "name", "description"), "the home page needs a meta description (SEO)"

    search = client.get("/cari/").content.decode()
    assert "Cari indikator rubrik" in meta(search, "name", "description")

    indicator = client.get("/rubrik/").content.decode()
    link = re.search(r'href="(/rubrik/[^"]+/[^"]+/)"', indicator).group(1)
    page = client.get(link).content.decode()
    assert meta(page, "property", "og:type") == "article"
    assert meta(page, "property", "og:url").endswith(link)
    assert meta(page, "property", "og:title")


def test_footer_gives_kasn_contact_from_the_deck_and_the_privacy_and_accessibility_pages(client):
    page = client.get("/").content.decode()
    deck = next((ROOT / "seeds").glob("000_*.txt")).read_text()
    assert "penerapansistemmerit@kasn.go.id" in deck and "(021) 7972098" in deck
    footer = page[page.index('<footer class="site-footer"'):]
    assert 'href="mailto:penerapansistemmerit@kasn.go.id"' in footer and "(021) 7972098" in footer
    for address, heading in (("/privasi/", "Pemberitahuan privasi"), ("/aksesibilitas/", "Pernyataan aksesibilitas")):
        assert f'href="{address}"' in footer
        response = client.get(address)
        assert response.status_code == 200, address
        assert heading in response.content.decode()
        assert "penerapansistemmerit@kasn.go.id" in response.content.decode()


def test_signed_in_header_shows_the_name_and_the_members_own_pages(client):
    user = get_user_model().objects.create_user("budi.santoso", "budi@instansi.go.id", PASSWORD)
    MemberProfile.objects.update_or_create(user=user, defaults={"full_name": "Budi Santoso, S.H."})
    client.force_login(user)
    page = client.get("/rubrik/").content.decode()
    menu = page[page.index('class="account-menu"'):page.index("</details>")]
    assert "Budi Santoso, S.H." in menu and "budi.santoso" not in menu
    assert 'href="/akun/profil/"' in menu and 'href="/akun/kontribusi/"' in menu
    assert 'href="/penilaian/"' not in menu, "Penilaian only for a team member or verifikator"
    assert 'action="/akun/logout/"' in menu and 'method="post"' in menu

    make_team(Instansi.objects.create(name="Pemerintah Kabupaten Menu", kind="kabupaten"), user)
    menu = client.get("/rubrik/").content.decode()
    assert 'href="/penilaian/"' in menu


def test_anonymous_header_offers_sign_in_and_sign_up_only(client):
    page = client.get("/").content.decode()
    assert 'class="account-menu"' not in page
    assert 'href="/akun/login/"' in page and 'href="/akun/signup/"' in page


def test_confirming_the_email_signs_the_member_in(client):
    client.post("/akun/signup/", {"email": "baru@instansi.go.id", "password1": PASSWORD, "password2": PASSWORD})
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^/\s]+(/akun/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)
    client.post(link)
    assert client.session.get("_auth_user_id") == str(get_user_model().objects.get(email="baru@instansi.go.id").pk)
