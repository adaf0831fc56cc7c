"""Bad input (issue 7, item 3): hypothesis throws random and nasty strings at every public URL parameter, path
segment and form field, through Django's test client, and the portal must never answer 5xx. A form that refuses
its input answers 4xx with an Indonesian message, never Django's English defaults.

The example counts are set per test so the module runs in well under a minute on two cores; run
`pytest tests/portal/test_fuzz.py --hypothesis-show-statistics` to see them. Oversized bodies (413) are tested in
tests/security/test_security.py.
"""

import operator
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cop.members import MemberProfile
from meritopedia.models import Indicator, IndicatorPage
from portal.models import Instansi

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    '"<script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "((((",
    "))))",
    "AND OR NOT",
    "NOT",
    "*",
    "?",
    '"',
    "'",
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "%",
    "_",
    "\\",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c\x1b[31m",
    "\u202e\u200b\ufeff",
    "😀🇮🇩👩🏽‍💻",
    "ЁЖЩ 漢字 عربى",
    "{{ 7|add:7 }}{% debug %}",
    "${jndi:ldap://x}",
    "title:rubrik",
    "-1",
    "0",
    "2018",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "null",
]
nasty = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=80),
    st.lists(st.sampled_from(NASTY), max_size=4).map("".join),
    st.builds(operator.mul, st.sampled_from(["x", "talent pool ", "😀", "((", "%00"]), st.integers(500, 12_000)),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Zs", "P", "S", "So"]), max_size=40),
)
segment = nasty.filter(lambda value: value.strip("/") != "")

# Django's English defaults, which a visitor must never see: the portal answers in Indonesian.
ENGLISH = re.compile(r"This field|Enter a valid|Ensure this value|Null characters|is required|Select a valid")
INDONESIAN = re.compile(r"\b(tidak|wajib|periksa|harus|terlalu|pastikan|masukkan|belum|salah|kosong)\b", re.I)


def fuzz(examples: int):
    """Hypothesis settings: `examples` per test, no deadline (the first request of a test warms caches), and the
    test client and member fixtures shared by all examples of one test (fine: every request is independent)."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_not_5xx(response, what):
    assert response.status_code < 500, f"{what[:300]} answered {response.status_code}"


def assert_refused_politely(response, what):
    assert_not_5xx(response, what)
    if 400 <= response.status_code < 500 and response.get("Content-Type", "").startswith("text/html"):
        text = response.content.decode()
        assert INDONESIAN.search(text), f"{what[:300]}: {response.status_code} without an Indonesian message"
        assert not ENGLISH.search(text), f"{what[:300]}: {ENGLISH.search(text).group(0)!r} shown to the visitor"


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("fuzz", "fuzz@contoh.go.id", "x")
    MemberProfile.objects.create(user=user, full_name="Fuzz", instansi=Instansi.objects.first(), in_directory=True)
    client.force_login(user)
    return user


# URL parameters -------------------------------------------------------------------------------------------------

LISTINGS = {
    "/cari/": ("q", "page"),
    "/acara/": ("jenis", "aspek", "tahun"),
    "/praktik-baik/": ("aspek", "jenis"),
    "/regulasi/": ("jenis", "tahun", "status"),
    "/regulasi/permenpanrb-40-2018/": ("tahun", "q"),
    "/rubrik/": ("versi", "aspek"),
    "/glosarium/": ("huruf", "q"),
}


@fuzz(150)
@given(url=st.sampled_from(sorted(LISTINGS)), values=st.lists(nasty, min_size=3, max_size=3))
def test_listing_and_search_parameters(client, url, values):
    params = dict(zip(LISTINGS[url], values, strict=False))
    assert_not_5xx(client.get(url, params), f"{url} {params!r}")


@fuzz(50)
@given(q=nasty, instansi=nasty, aspek=nasty, halaman=nasty)
def test_member_directory_parameters(client, member, q, instansi, aspek, halaman):
    params = {"q": q, "instansi": instansi, "aspek": aspek, "halaman": halaman}
    assert_not_5xx(client.get("/anggota/", params), f"/anggota/ {params!r}")


API_PARAMS = ["search", "search_operator", "type", "fields", "order", "limit", "offset", "child_of",
              "descendant_of", "ancestor_of", "locale", "slug", "title", "html_path", "has_children"]  # fmt: skip


@fuzz(150)
@given(
    endpoint=st.sampled_from(["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/find/"]),
    params=st.dictionaries(st.sampled_from(API_PARAMS), nasty, max_size=4),
)
def test_api_query_parameters(client, endpoint, params):
    assert_not_5xx(client.get(endpoint, params), f"{endpoint} {params!r}")


# Path segments --------------------------------------------------------------------------------------------------

PATHS = [
    "/indikator/{}/",
    "/regulasi/permenpanrb-40-2018/{}/",
    "/regulasi/{}/",
    "/handbook/{}/",
    "/rubrik/{}/",
    "/{}/",
    "/acara/{}.ics",
    "/praktik-baik/kiriman/{}/",
    "/praktik-baik/lampiran/1/{}",
    "/rekaman/1/{}",
    "/media/{}",
    "/dokumen/{}/",
    "/api/v2/pages/{}/",
]


@fuzz(150)
@given(template=st.sampled_from(PATHS), value=segment)
def test_path_segments(client, template, value):
    url = template.format(quote(value, safe=""))
    assert_not_5xx(client.get(url), url)


# Forms ----------------------------------------------------------------------------------------------------------


@fuzz(50)
@given(email=nasty, password1=nasty, password2=nasty)
def test_signup_form(client, email, password1, password2):
    cache.clear()  # allauth's sign-up limit would otherwise answer every later example
    data = {"email": email, "password1": password1, "password2": password2}
    assert_refused_politely(client.post("/akun/signup/", data), f"sign-up {data!r}")


@fuzz(50)
@given(login=nasty, password=nasty, remember=nasty)
def test_login_form(client, login, password, remember):
    cache.clear()
    data = {"login": login, "password": password, "remember": remember}
    assert_refused_politely(client.post("/akun/login/", data), f"log-in {data!r}")


@fuzz(50)
@given(full_name=nasty, unit=nasty, jabatan=nasty, instansi=nasty, aspects=nasty, in_directory=nasty)
def test_profile_form(client, member, full_name, unit, jabatan, instansi, aspects, in_directory):
    data = {"full_name": full_name, "unit": unit, "jabatan": jabatan, "instansi": instansi, "aspects": aspects}
    data["in_directory"] = in_directory
    assert_refused_politely(client.post("/akun/profil/", data), f"profile {data!r}")


@fuzz(50)
@given(
    texts=st.lists(nasty, min_size=5, max_size=5),
    choices=st.lists(st.one_of(nasty, st.sampled_from(["1", "2", "11"])), min_size=3, max_size=3),
    keep_valid_choices=st.booleans(),
)
def test_practice_form(client, member, texts, choices, keep_valid_choices):
    cache.clear()  # the submission limit (5 an hour)
    data = dict(zip(["title", "problem", "action", "results", "lessons"], texts, strict=True))
    if keep_valid_choices:  # so the text fields themselves are what the form judges
        indicator = Indicator.objects.get(code="11.6.c", aspect__version__is_current=True)
        choices = [Instansi.objects.first().pk, indicator.aspect_id, indicator.pk]
    data.update(zip(["instansi", "aspect", "indicators"], choices, strict=True))
    assert_refused_politely(client.post("/praktik-baik/kirim/", data), f"practice {data!r}")


@fuzz(50)
@given(body=nasty, kind=nasty, parent=nasty)
def test_comment_form(client, member, body, kind, parent):
    cache.clear()  # the comment limit (10 in ten minutes)
    page = IndicatorPage.objects.live().first()
    data = {"body": body, "kind": kind, "parent": parent}
    assert_refused_politely(client.post(f"/diskusi/{page.pk}/kirim/", data), f"comment {data!r}")
