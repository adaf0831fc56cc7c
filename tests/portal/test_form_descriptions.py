"""Form fields are described to screen readers: Django points a field's `aria-describedby` at its help text and
its errors ("<id>_helptext", "<id>_error"); every page with a form must have elements with those ids, and a field
with help text or errors must point at them."""

from html.parser import HTMLParser

import pytest

from meritopedia.models import IndicatorPage
from tests.cop.test_practices import SUBMIT_URL, member, practice_data  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


class _Described(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references, self.fields = set(), [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.references.append((tag, attrs.get("name") or attrs.get("id"), attrs["aria-describedby"].split()))
        if tag in ("input", "textarea", "select", "fieldset") and attrs.get("name"):
            self.fields.setdefault(attrs["name"], attrs.get("aria-describedby", ""))


def described(response) -> _Described:
    assert response.status_code in (200, 400), response.status_code
    parser = _Described()
    parser.feed(response.content.decode())
    broken = [(tag, name, ref) for tag, name, refs in parser.references for ref in refs if ref not in parser.ids]
    assert not broken, f"aria-describedby names ids the page lacks: {broken}"
    return parser


def test_the_practice_form_describes_its_fields_with_their_help_and_errors(client, member):  # noqa: F811
    client.force_login(member)
    empty = described(client.get(SUBMIT_URL))
    assert "attachments_helptext" in empty.fields["attachments"]

    refused = described(client.post(SUBMIT_URL, practice_data(title="", problem="x" * 20000)))
    assert "title_error" in refused.fields["title"]
    assert "problem_error" in refused.fields["problem"]
    assert refused.references, "the indicator checkboxes' fieldset, at least"


def test_the_member_profile_sign_up_and_comment_pages_describe_their_fields(client, member):  # noqa: F811
    client.force_login(member)
    described(client.get("/akun/profil/"))
    described(client.post("/akun/profil/", {"full_name": ""}))
    indicator = IndicatorPage.objects.live().first()
    comment = described(client.post(f"/diskusi/{indicator.pk}/kirim/", {"body": "", "kind": "tanya-tanpa-jenis"}))
    assert "body_error" in comment.fields["body"]
    client.logout()
    signup = described(client.post("/akun/signup/", {"email": "bukan-surel", "password1": "1"}))
    assert signup.references
    described(client.get("/akun/login/"))


def test_a_refused_reply_shows_its_kind_error_though_the_kind_is_not_asked(client, member):  # noqa: F811
    """A reply has no "Jenis" field on the page; a bad kind sent with it must still be said, not lost."""
    from cop.models import Comment

    client.force_login(member)
    indicator = IndicatorPage.objects.live().first()
    question = Comment.objects.create(page=indicator, author=member, kind=Comment.QUESTION, body="Mulai dari mana?")
    refused = client.post(f"/diskusi/{indicator.pk}/kirim/", {"body": "", "kind": "bukan-jenis", "parent": question.pk})
    described(refused)
    assert refused.content.decode().count('class="error"') >= 2, "the body's error and the kind's"
