"""The portal's e-mails: every link on the one configured address (WAGTAILADMIN_BASE_URL), whatever host the request
came in on, the Wagtail Site record on that address, greetings by the member's full name, and each message linking
to what it is about."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Site

from cop.members import MemberProfile
from cop.practices import GoodPracticePage
from portal.importer import Report
from portal.models import Instansi
from portal.seed import ensure_home
from tests.assessment.factories import make_team
from tests.cop.test_discussion import live_practice
from tests.cop.test_events import make_event
from tests.cop.test_practices import act, make_user, practice_data, submit

pytestmark = pytest.mark.django_db

SITE = "https://meritopedia.example.go.id"
PROXY = {"HTTP_HOST": "10.0.0.7:8000"}  # what a request behind the proxy says it came to
PASSWORD = "Merit-2018-sistem"
SIGN_UP = {"email": "anggota@instansi.go.id", "password1": PASSWORD, "password2": PASSWORD}


@pytest.fixture
def site_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    return SITE


def links(message) -> list[str]:
    return [link.rstrip(".,)") for link in re.findall(r"https?://[^\s\"'<>]+", message.body)]


def assert_links_on_the_site(messages):
    assert messages
    for message in messages:
        found = links(message)
        assert found, message.subject
        assert all(link == SITE or link.startswith(SITE + "/") for link in found), (message.subject, found)


def test_import_seed_puts_the_wagtail_site_on_the_configured_address(site_address):
    ensure_home(Report())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("meritopedia.example.go.id", 443, SITE)
    assert site.root_page.specific.get_full_url() == SITE + "/"


def test_cop_emails_link_on_the_configured_address_not_the_requests_host(
    client, site_address, django_capture_on_commit_callbacks
):
    event = make_event()
    shared = live_practice(make_user("wati", name="Wati Lestari"), instansi=Instansi.objects.first())
    member = make_user("sari", name="Sari Wulandari")
    client.force_login(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/akun/acara/{event.pk}/daftar/", **PROXY)
        client.post(f"/diskusi/{shared.pk}/kirim/", {"kind": "pertanyaan", "body": "Datanya dari mana?"}, **PROXY)
    editor = make_user("editor", "Editors")
    submit(client, member)
    practice = GoodPracticePage.objects.get(submitted_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, editor, practice, "reject", "Tambahkan angka.")
        client.force_login(member)
        client.post(f"/praktik-baik/kiriman/{practice.pk}/ubah/", practice_data(results="Dari 94 ke 35 hari."))
        act(client, editor, practice, "approve")
    subjects = {m.subject.split(":")[0] for m in mail.outbox}
    assert subjects >= {"Pendaftaran Anda", "Pertanyaan baru", "Editor meminta perbaikan", "Praktik baik Anda terbit"}
    assert_links_on_the_site(mail.outbox)


def test_the_request_changes_email_links_to_the_form_the_member_revises_in(client, site_address):
    member, editor = make_user("sari", name="Sari Wulandari"), make_user("editor", "Editors")
    submit(client, member)
    practice = GoodPracticePage.objects.get()
    mail.outbox.clear()
    act(client, editor, practice, "reject", "Tambahkan angka sebelum dan sesudah.")
    [message] = mail.outbox
    edit = f"{SITE}/praktik-baik/kiriman/{practice.pk}/ubah/"
    assert f"Perbaiki kiriman Anda di: {edit}" in message.body
    client.force_login(member)
    form = client.get(edit.removeprefix(SITE))
    assert form.status_code == 200 and "Simpan dan kirim ulang" in form.content.decode()


def test_allauth_links_on_the_configured_address(client, site_address):
    client.post("/akun/signup/", SIGN_UP, **PROXY)
    [confirmation] = mail.outbox
    assert re.search(rf"{re.escape(SITE)}/akun/confirm-email/\S+", confirmation.body)
    assert "10.0.0.7" not in confirmation.body and "10.0.0.7" not in confirmation.subject
    mail.outbox.clear()
    client.post("/akun/password/reset/", {"email": "anggota@instansi.go.id"}, **PROXY)
    [reset] = mail.outbox
    assert re.search(rf"{re.escape(SITE)}/akun/password/reset/key/\S+", reset.body)
    assert_links_on_the_site([confirmation, reset])
    # A reset asked for an address nobody has: the message offers to sign up, on the site too.
    mail.outbox.clear()
    client.post("/akun/password/reset/", {"email": "bukan-anggota@instansi.go.id"}, **PROXY)
    [unknown] = mail.outbox
    assert f"{SITE}/akun/signup/" in unknown.body
    assert_links_on_the_site([unknown])


def test_the_invitation_links_on_the_configured_address(client, site_address, django_capture_on_commit_callbacks):
    instansi = Instansi.objects.filter(kind="provinsi").first()
    ketua = make_user("ketua", name="Ketua Tim")
    make_team(instansi, ketua)
    client.force_login(ketua)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/penilaian/tim/", {"email": "rina@contoh.go.id", "working_group": "kinerja"}, **PROXY)
    [invitation] = mail.outbox
    assert_links_on_the_site([invitation])


def test_greetings_use_the_full_name_and_the_username_only_when_there_is_none(
    client, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = True
    budi = get_user_model().objects.create_user("budi.santoso", "budi.santoso@contoh.go.id", "x")
    client.force_login(budi)
    client.post("/akun/profil/", {"full_name": "Budi Santoso", "instansi": Instansi.objects.first().pk})
    nameless = get_user_model().objects.create_user("rina.w", "rina.w@contoh.go.id", "x")
    event = make_event()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for user in (budi, nameless):
            client.force_login(user)
            client.post(f"/akun/acara/{event.pk}/daftar/")
    greetings = {m.to[0]: m.body.splitlines()[0] for m in mail.outbox}
    assert greetings == {"budi.santoso@contoh.go.id": "Yth. Budi Santoso,", "rina.w@contoh.go.id": "Yth. rina.w,"}

    # Wagtail's own workflow e-mail to a reviewer greets them the same way, not by account name.
    reviewer = get_user_model().objects.create_superuser("tono.k", "tono.k@kasn.go.id", "x")
    MemberProfile.objects.create(user=reviewer, full_name="Tono Kurniawan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, budi)
    to_reviewer = [m for m in mail.outbox if m.to == ["tono.k@kasn.go.id"]]
    assert to_reviewer and all(m.body.startswith("Yth. Tono Kurniawan,") for m in to_reviewer)
