"""Forms that help (the "finish" issue, item 4), through the test client: allauth's pages drawn like the portal's
own forms in valid markup, an error summary at the top of every refused form, the browser told the upload limits
the server enforces, the indicators grouped by aspect with their full text, and an empty comment answered on the
discussion page itself. The browser halves are in tests/browser/test_forms_browser.py."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from cop.discussion import Comment
from cop.uploads import ACCEPT, MAX_BYTES
from meritopedia.models import Aspect, Indicator, IndicatorPage
from portal.models import Instansi
from tests.assessment.factories import make_assessment, make_team
from tests.assessment.factories import make_user as make_assessor
from tests.conftest import ROOT
from tests.cop.test_discussion import live_practice
from tests.cop.test_practices import SUBMIT_URL, make_user, member, practice_data  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

BLOCK = {"address", "div", "dl", "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre",
         "section", "table", "ul"}  # fmt: skip
INLINE = {"a", "b", "em", "label", "p", "small", "span", "strong"}  # may not hold a block element
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}


class Page(HTMLParser):
    """What the W3C checker found wrong in the sign-up page, checked on every page here: ids used twice, a block
    element inside an inline one (a list in a span in a p), a label for no control. Also what a field says."""

    def __init__(self, html: str):
        super().__init__()
        self.ids, self.duplicates, self.nesting, self.labels, self.controls = set(), [], [], [], {}
        self.open: list[str] = []
        self._wrapping = object()
        self.feed(html)
        self.html = html

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and self.open and self.open[-1] == "p":
            self.open.pop()  # an unclosed p ends where the next begins
        if tag in BLOCK:
            inside = [parent for parent in self.open if parent in INLINE]
            if inside:
                self.nesting.append(f"<{tag}> inside <{inside[-1]}>")
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.duplicates.append(attrs["id"])
            self.ids.add(attrs["id"])
        if tag == "label":
            self.labels.append(attrs.get("for") or self._wrapping)
        if tag in CONTROLS and attrs.get("type") != "hidden":
            self.controls[attrs.get("id")] = attrs
            if self.labels and self.labels[-1] is self._wrapping and "label" in self.open:
                self.labels[-1] = attrs.get("id")  # a label around its control is tied to it too
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def assert_valid(self):
        assert not self.duplicates, f"ids used twice: {self.duplicates}"
        assert not self.nesting, self.nesting
        untied = [target for target in self.labels if target not in self.controls]
        assert not untied, f"labels tied to no control: {untied}"
        unlabelled = [key for key, attrs in self.controls.items() if key not in self.labels
                      and not attrs.get("aria-label") and attrs.get("type") not in ("submit", "search")]  # fmt: skip
        assert not unlabelled, f"controls without a label: {unlabelled}"

    def field(self, control_id) -> dict:
        return self.controls[control_id]

    def summary_links(self) -> list[str]:
        """The fields the error summary links to, in its order; fails when there is no summary."""
        box = re.search(r'<div class="error-summary" data-error-summary tabindex="-1".*?</div>', self.html, re.S)
        assert box, "no error summary"
        assert "Ada masalah" in box.group(0)
        return re.findall(r'<a href="#([^"]+)">', box.group(0))

    def assert_error_beside(self, control_id):
        """The field is marked invalid and described by its error, which is on the page in the error style."""
        attrs = self.field(control_id)
        assert attrs.get("aria-invalid") == "true", attrs
        error_id = f"{control_id}_error"
        assert error_id in (attrs.get("aria-describedby") or "").split(), attrs
        assert re.search(rf'<div id="{error_id}"><p class="error"', self.html), f"no error text at {error_id}"


def page_of(response, status=200) -> Page:
    assert response.status_code == status, response.status_code
    page = Page(response.content.decode())
    page.assert_valid()
    return page


# allauth's pages -------------------------------------------------------------------------------------------------


def test_log_in_and_sign_up_look_like_the_portals_forms_and_their_markup_is_valid(client):
    for url in ("/akun/login/", "/akun/signup/", "/akun/password/reset/"):
        page = page_of(client.get(url))
        assert 'class="stacked-form" novalidate' in page.html, url
        assert "errorlist" not in page.html and "data-error-summary" not in page.html, url
    signup = page_of(client.get("/akun/signup/"))
    # The label above its input, in the field's own block; the password rules a list outside any paragraph.
    assert re.search(r'<div class="field">\s*<label for="id_email">[^<]+</label><input type="email"', signup.html)
    assert re.search(r'<div class="small help-text" id="id_password1_helptext"><ul>', signup.html)


def test_a_refused_sign_up_lists_each_problem_and_marks_each_field(client):
    page = page_of(client.post("/akun/signup/", {"email": "bukan-surel", "password1": "a", "password2": "b"}))
    assert page.summary_links()[:2] == ["id_email", "id_password1"]
    for control in ("id_email", "id_password1"):
        page.assert_error_beside(control)
    assert page.field("id_email")["value"] == "bukan-surel"


def test_a_refused_log_in_and_password_reset_have_the_summary(client):
    empty = page_of(client.post("/akun/login/", {"login": "", "password": ""}))
    assert empty.summary_links() == ["id_login", "id_password"]
    empty.assert_error_beside("id_login")
    wrong = page_of(client.post("/akun/login/", {"login": "tidak@ada.go.id", "password": "salah-sekali"}))
    assert wrong.summary_links() == [], "a wrong password is the form's error, listed without a link"
    assert re.search(r'<div class="error-summary".*?<li>[^<]+</li>', wrong.html, re.S)
    reset = page_of(client.post("/akun/password/reset/", {"email": "bukan"}))
    assert reset.summary_links() == ["id_email"]


def test_e_mail_confirmation_and_log_out_pages_are_valid(client):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    user = make_user("konfirmasi")
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    confirm = page_of(client.get(f"/akun/confirm-email/{EmailConfirmationHMAC(address).key}/"))
    assert 'class="stacked-form" novalidate' in confirm.html
    client.force_login(user)
    logout = page_of(client.get("/akun/logout/"))
    assert 'class="stacked-form" novalidate' in logout.html


# The portal's own forms ------------------------------------------------------------------------------------------


def test_a_refused_practice_has_the_summary_linking_each_field_in_order(client, member):  # noqa: F811
    client.force_login(member)
    page = page_of(client.post(SUBMIT_URL, practice_data(title="", indicators=[], problem="")), status=400)
    first_indicator = Indicator.objects.filter(aspect__version__is_current=True).first()
    # The indicators are a group of checkboxes: the link goes to the first one.
    assert page.summary_links() == ["id_title", "id_indicators_0_0", "id_problem"]
    assert f'id="id_indicators_0_0" data-aspect="{first_indicator.aspect_id}"' in page.html
    page.assert_error_beside("id_title")
    page.assert_error_beside("id_problem")
    assert page.html.index("data-error-summary") < page.html.index('name="title"')
    assert 'class="form-errors"' not in page.html, "the form-wide errors moved into the summary"


def test_a_refused_profile_has_the_summary(client, member):  # noqa: F811
    client.force_login(member)
    page = page_of(client.post("/akun/profil/", {"full_name": ""}), status=200)
    assert page.summary_links() == ["id_full_name"]
    page.assert_error_beside("id_full_name")


@pytest.fixture
def ketua():
    """A ketua whose team has started this year's assessment."""
    instansi = Instansi.objects.create(name="Pemerintah Kabupaten Uji Formulir", kind="kabupaten")
    user = make_assessor("ketua-formulir")
    make_team(instansi, user)
    user.assessment = make_assessment(instansi, timezone.localdate().year, user)
    return user


def test_the_assessment_forms_have_the_summary(client, ketua):
    client.force_login(ketua)
    team = page_of(client.post("/penilaian/tim/", {"email": "bukan-surel", "working_group": ""}), status=400)
    assert team.summary_links() == ["id_email", "id_working_group"]
    team.assert_error_beside("id_email")

    indicator = Indicator.objects.get(code="11.6.c", aspect__version__is_current=True)
    answer = ketua.assessment.answers.get(indicator=indicator)
    year, aspect = timezone.localdate().year, indicator.aspect.slug
    refused = client.post(f"/penilaian/{year}/{aspect}/", {
        "indicator": "11.6.c", "i11_6_c-lock_version": answer.lock_version, "i11_6_c-level": "",
        "i11_6_c-narrative": "Yang diketik tetap ada.", "i11_6_c-progress": "siap",
    })  # fmt: skip
    page = page_of(refused, status=400)
    assert page.summary_links() == ["id_i11_6_c-level_0"], "ready without a level: the link to the scale"
    assert 'aria-describedby="id_i11_6_c-level_error"' in page.html and 'id="id_i11_6_c-level_error"' in page.html
    assert "Yang diketik tetap ada." in page.html


# Uploads ---------------------------------------------------------------------------------------------------------


def test_file_inputs_carry_the_servers_types_and_limit(client, member):  # noqa: F811
    client.force_login(member)
    page = page_of(client.get(SUBMIT_URL))
    attachments = page.field("id_attachments")
    assert attachments["accept"] == ACCEPT and ".pdf" in ACCEPT
    assert attachments["data-max-bytes"] == str(MAX_BYTES)
    assert attachments["data-too-large"] == "Berkas “%(name)s” berukuran %(size)s MB; batasnya %(limit)s MB per berkas."
    assert "js/upload-check.js" in page.html


def test_the_upload_check_reads_the_limit_from_the_input_only():
    """The limit is written once, in cop/uploads.py: the script holds no size of its own."""
    script = (ROOT / "static/js/upload-check.js").read_text()
    assert "data-max-bytes" in script
    assert not re.search(r"\b(20|1024 \* 1024 \* 20|20971520)\b", script)


# The indicator chooser -------------------------------------------------------------------------------------------


def test_indicators_are_grouped_by_aspect_with_their_full_text(client, member):  # noqa: F811
    client.force_login(member)
    page = page_of(client.get(SUBMIT_URL))
    html = page.html
    aspects = list(Aspect.objects.filter(version__is_current=True).order_by("position"))
    legends = re.findall(r'<fieldset class="choice-group" data-choice-group><legend>([^<]+)</legend>', html)
    assert legends == [str(aspect) for aspect in aspects]
    indicators = Indicator.objects.filter(aspect__version__is_current=True).select_related("clause")
    assert len(indicators) == 46
    long = [indicator for indicator in indicators if len(indicator.clause.text) > 100]
    assert long, "the seed has indicators longer than the old cut"
    for indicator in indicators:
        assert f"<span>{indicator.code} — {escape(indicator.clause.text)}</span>" in html, indicator.code
    assert "js/practice-form.js" in html and "data-search-label=" in html


def escape(text: str) -> str:
    from django.utils.html import escape as django_escape

    return django_escape(text)


# Discussion ------------------------------------------------------------------------------------------------------


def test_an_empty_comment_comes_back_on_the_discussion_page(client):
    author = make_user("penulis")
    practice = live_practice(author)
    client.force_login(make_user("budi"))
    response = client.post(f"/diskusi/{practice.pk}/kirim/", {"body": "   ", "kind": "pertanyaan"})
    page = page_of(response, status=400)
    assert f"<h1>{practice.title}</h1>" in page.html or practice.title in page.html.split("<h1")[1][:300]
    assert 'id="diskusi"' in page.html
    assert page.summary_links() == ["id_body"]
    page.assert_error_beside("id_body")
    assert "Komentar masih kosong." in page.html
    assert not Comment.objects.exists()
    assert not (ROOT / "templates/cop/comment_error.html").exists()


def test_a_too_long_comment_keeps_the_text_in_the_box(client):
    practice = live_practice(make_user("penulis"))
    client.force_login(make_user("budi"))
    text = "Panjang sekali " * 400
    page = page_of(client.post(f"/diskusi/{practice.pk}/kirim/", {"body": text, "kind": "komentar"}), status=400)
    assert 'id="diskusi"' in page.html and page.summary_links() == ["id_body"]
    assert re.search(r'<textarea name="body"[^>]*id="id_body"[^>]*>\n?' + re.escape(text.strip()[:60]), page.html)
    assert re.search(r'<option value="komentar" selected>', page.html), "the kind chosen is kept"


def test_an_empty_reply_comes_back_open_under_its_question(client):
    indicator = IndicatorPage.objects.live().first()
    asker = make_user("penanya")
    question = Comment.objects.create(page=indicator, author=asker, kind=Comment.QUESTION, body="Mulai dari mana?")
    client.force_login(make_user("penjawab"))
    page = page_of(client.post(f"/diskusi/{indicator.pk}/kirim/", {"body": "", "parent": question.pk}), status=400)
    control = f"jawab-{question.pk}-body"
    assert page.summary_links() == [control]
    page.assert_error_beside(control)
    assert re.search(rf'<details class="reply" open><summary>Jawab</summary>\s*<form[^>]*>\s*<div class="error-summary"'
                     rf'.*?name="parent" value="{question.pk}"', page.html, re.S)  # fmt: skip
    assert page.html.count("data-error-summary") == 1, "only the reply box says what is wrong"
