"""Tags typed as HTML entities never come back as markup (review item 6): member text is decoded, then cleaned,
then stored as plain text, so the API, search and autocomplete, which do not escape, carry plain text."""

import pytest
from django.contrib.auth import get_user_model

from cop.models import Comment, GoodPracticePage, MemberProfile
from portal.member_text import plain_text
from tests.cop.test_practices import act, make_user, submit

pytestmark = pytest.mark.django_db

ENTITY_TAG = "&lt;svg onload=alert(1)&gt;"


@pytest.mark.parametrize(
    "typed, stored",
    [
        (ENTITY_TAG + "Talent pool", "Talent pool"),
        ("&amp;lt;img src=x onerror=alert(1)&amp;gt;Hasil", "Hasil"),  # encoded twice
        ("&#60;script&#62;alert(1)&#60;/script&#62;Nine box", "Nine box"),
        ("x &lt;!-- komentar --&gt; y", "x  y"),
        ("Waktu turun < 3 hari & biaya > 10%", "Waktu turun < 3 hari & biaya > 10%"),
        ("Baris satu\r\nbaris dua", "Baris satu\nbaris dua"),
    ],
)
def test_entities_are_decoded_before_the_tags_are_dropped(typed, stored):
    assert plain_text(typed) == stored


@pytest.fixture
def published_practice(client):
    member, editor = make_user("penulis-entitas"), make_user("editor-entitas", "Moderators", "Editors")
    response = submit(
        client,
        member,
        title="Praktik entitas " + ENTITY_TAG,
        problem=ENTITY_TAG + " Masalah kenarismshpv.",
        action="Tindakan &lt;iframe src=//evil.test&gt;&lt;/iframe&gt; nyata.",
        lessons="&lt;b onclick=x()&gt;Pelajaran&lt;/b&gt;",
    )
    assert response.status_code == 302
    practice = GoodPracticePage.objects.get(submitted_by=member)
    act(client, editor, practice, "approve")
    practice.refresh_from_db()
    assert practice.live
    client.logout()
    return practice


def _no_markup(text: str) -> None:
    for fragment in ("<svg", "<iframe", "<b ", "onload=", "onclick="):
        assert fragment not in text, fragment


def test_an_entity_tag_in_a_practice_leaves_no_markup_in_the_api_or_search(client, published_practice, search_index):
    practice = published_practice
    assert practice.problem == "Masalah kenarismshpv." and practice.lessons == "Pelajaran"
    api = client.get(f"/api/v2/pages/{practice.pk}/?fields=problem,action,lessons")
    assert api.status_code == 200
    _no_markup(api.content.decode())
    found = client.get("/api/search/", {"q": "kenarismshpv"})
    assert found.json()["count"] >= 1
    _no_markup(found.content.decode())
    _no_markup(client.get("/api/search/autocomplete/", {"q": "Praktik entitas"}).content.decode())
    _no_markup(client.get(practice.url).content.decode().replace("&lt;", "<"))


def test_comments_and_profiles_are_decoded_then_cleaned(client, published_practice):
    user = get_user_model().objects.create_user("komentator", "k@contoh.go.id", "rahasia-123")
    client.force_login(user)
    client.post("/akun/profil/", {"full_name": ENTITY_TAG + "Sari", "unit": "&lt;b&gt;Biro&lt;/b&gt;"})
    profile = MemberProfile.objects.get(user=user)
    assert (profile.full_name, profile.unit) == ("Sari", "Biro")
    client.post(f"/diskusi/{published_practice.pk}/kirim/", {"body": ENTITY_TAG + "Bagaimana caranya?"})
    assert Comment.objects.get(author=user).body == "Bagaimana caranya?"
