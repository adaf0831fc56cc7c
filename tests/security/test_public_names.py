"""A member is shown to others by their full name or a neutral name, never by anything made from their e-mail
address (review item 3); a new name shows at once on the cached pages that credit them (item 5)."""

import json

import pytest
from django.contrib.auth import get_user_model

from cop.members import public_name
from cop.models import Comment, MemberProfile
from portal.models import Instansi
from tests.cop.test_discussion import live_practice

pytestmark = pytest.mark.django_db

LOCAL_PART = "rina.wulandari.1985"


@pytest.fixture
def rina():
    """Signed up through allauth's rules: the username is the e-mail's local part, and no name was given."""
    return get_user_model().objects.create_user(LOCAL_PART, f"{LOCAL_PART}@contoh.go.id", "rahasia-123")


def _credited_practice(user):
    return live_practice(user, title="Praktik dengan kredit", slug="praktik-dengan-kredit")


def _public_views(client, page):
    return [
        client.get(page.url).content.decode(),
        client.get(f"/api/v2/pages/{page.pk}/?fields=credit").content.decode(),
    ]


def test_a_member_without_a_name_is_shown_neutrally_everywhere(client, rina):
    page = _credited_practice(rina)
    Comment.objects.create(page=page, author=rina, kind=Comment.QUESTION, body="Bagaimana memulainya?")
    for text in _public_views(client, page):
        assert LOCAL_PART not in text and "rina.wulandari" not in text
    assert json.loads(_public_views(client, page)[1])["credit"] == "Anggota Meritopedia"
    assert "Anggota Meritopedia" in _public_views(client, page)[0]


def test_the_neutral_name_says_the_instansi_and_a_given_name_wins(rina):
    profile = MemberProfile.objects.create(user=rina, full_name="", instansi=Instansi.objects.first())
    assert public_name(rina) == f"Anggota {profile.instansi.name}"
    assert LOCAL_PART not in str(profile)
    profile.full_name = "Rina Wulandari"
    profile.save()
    rina.refresh_from_db()
    assert public_name(rina) == "Rina Wulandari"


def test_a_new_profile_name_shows_at_once_on_the_cached_credited_practice(
    client, rina, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "names-test"},
    }
    page = _credited_practice(rina)
    profile = MemberProfile.objects.create(user=rina, full_name="Rina W.")
    assert "Rina W." in client.get(page.url).content.decode()
    client.force_login(rina)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/profil/", {"full_name": "Rina Wulandari, S.E."})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.full_name == "Rina Wulandari, S.E."
    client.logout()
    client.cookies.clear()
    assert "Rina Wulandari, S.E." in client.get(page.url).content.decode()
