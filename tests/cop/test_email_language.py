"""E-mails in the member's own language: the one the profile names (set at sign-up from the page's language, and
changeable), whatever language the worker or the request that queued the message has active."""

import pytest
from django.core import mail
from django.utils import translation

from cop.members import MemberProfile, mail_language
from tests.cop.test_events import member, online_event, register

pytestmark = pytest.mark.django_db
PASSWORD = "Merit-2018-sistem"


def sign_up(client, address, email):
    response = client.post(address, {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return MemberProfile.objects.get(user__email=email)


def test_the_sign_up_pages_language_becomes_the_members_email_language(client):
    assert sign_up(client, "/en/akun/signup/", "english@instansi.go.id").language == "en"
    client.logout()
    assert sign_up(client, "/akun/signup/", "indonesia@instansi.go.id").language == "id"


def test_the_profile_form_changes_the_email_language(client):
    user = member("rina")
    client.force_login(user)
    data = {"full_name": "Rina Wulandari", "language": "en"}
    response = client.post("/akun/profil/", data)
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=user).language == "en"
    assert 'name="language"' in client.get("/akun/profil/").content.decode()
    response = client.post("/akun/profil/", {**data, "language": "fr"})
    assert response.status_code == 200 and MemberProfile.objects.get(user=user).language == "en"


def test_a_member_who_reads_english_gets_the_registration_in_english(client, django_capture_on_commit_callbacks):
    event = online_event()
    reader = member("ani")
    MemberProfile.objects.create(user=reader, full_name="Ani Setiawati", language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, reader, event)  # from the Indonesian page: the profile decides, not the page
    [message] = mail.outbox
    assert message.subject == f"Your registration: {event.title}"
    assert message.body.startswith("Dear Ani Setiawati,")
    assert "Pendaftaran Anda" not in message.body


def test_without_a_profile_emails_are_indonesian_whatever_is_active():
    user = member("budi")
    with translation.override("en"):
        assert mail_language(user) == "id"
    assert mail_language(None) == "id"
