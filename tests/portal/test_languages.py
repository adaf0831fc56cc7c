"""One language per page: Indonesian at the plain addresses whatever the browser asks for, English under /en/, and
neither page carrying the other language's interface strings or number and date formats."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages import pofile
from wagtail.models import Locale, Page

from meritopedia.models import RegulationPage

pytestmark = pytest.mark.django_db
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
# What Django's, allauth's and Wagtail's own English catalogues put on the visitor's pages.
THIRD_PARTY_ENGLISH = ["Sign Up", "Sign In", "Already have an account", "Forgot your password", "Remember Me"]
MONTHS_EN = r"\b(January|February|March|April|June|July|August|October|December|Monday|Tuesday|Wednesday|Thursday)\b"
MONTHS_ID = r"\b(Januari|Februari|Maret|Agustus|Oktober|Desember|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu)\b"

# 282.5, 40.0, 0.69, 1,234 (not indicator codes such as 11.6.c, nor times such as 09.00).
ENGLISH_NUMBER = r"(?<![\w.,])(\d+\.\d|0\.\d\d|[1-9]\d{0,2},\d{3})(?![\w.,])"
INDONESIAN_NUMBER = r"(?<![\w.,])(\d+,\d|0,\d\d)(?![\w.,])"


class _VisibleText(HTMLParser):
    """The text a reader of `language` gets: text and labelling attributes, minus parts marked with another
    `lang` (a link to an Indonesian-only page, say) and minus scripts."""

    LABELS = ("aria-label", "title", "placeholder", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language):
        super().__init__()
        self.language, self.stack, self.parts = language, [], []

    def _shown(self):
        return all(lang in (None, self.language) for _, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") if tag != "html" else None
        if tag not in self.VOID:
            self.stack.append((tag, "script" if tag in ("script", "style") else lang))
        if self._shown() and (lang in (None, self.language)):
            self.parts.extend(attrs[name] for name in self.LABELS if attrs.get(name))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._shown():
            self.parts.append(data)


def _parsed(html: str, language: str) -> list[str]:
    parser = _VisibleText(language)
    parser.feed(html)
    return [" ".join(part.split()) for part in parser.parts if part.strip()]


def visible_text(html: str, language: str) -> str:
    return " ".join(_parsed(html, language))


def _catalogue():
    with CATALOGUE.open("rb") as handle:
        entries = [m for m in pofile.read_po(handle) if m.id and isinstance(m.id, str) and m.string]
    # Whole phrases only: single words ("Admin", "Menu") are the same in both languages.
    return [(m.id, m.string) for m in entries if m.id != m.string and " " in m.id and "%" not in m.id + m.string]


# Names that hold a number in one notation in every language.
NAMES = ["CC BY 4.0", "Atribusi 4.0", "Attribution 4.0"]


def assert_one_language(html: str, language: str, where: str):
    assert re.search(rf'<html lang="{language}"[ >]', html), where
    text = visible_text(html, language)
    for name in NAMES:
        text = text.replace(name, "")
    # An interface string is a whole text or label (a heading, button, caption); Indonesian sources quoted inside a
    # longer English sentence (a figure's reason for being unavailable, say) are content, not interface.
    shown = set(_parsed(html, language))
    for indonesian, english in _catalogue():
        foreign = english if language == "id" else indonesian
        assert foreign not in shown, f"{where}: {foreign!r} on a page in {language}"
    if language == "id":
        for phrase in THIRD_PARTY_ENGLISH:
            assert phrase not in text, f"{where}: {phrase!r}"
        assert not re.search(MONTHS_EN, text), where
        assert not re.search(ENGLISH_NUMBER, text), f"{where}: {re.search(ENGLISH_NUMBER, text)}"
    else:
        assert not re.search(MONTHS_ID, text), where
        assert not re.search(INDONESIAN_NUMBER, text), f"{where}: {re.search(INDONESIAN_NUMBER, text)}"


VIEWS = ["/", "/cari/?q=talent+pool", "/akun/login/", "/akun/signup/", "/akun/password/reset/", "/dasbor/"]


@pytest.mark.parametrize("address", VIEWS)
def test_an_english_browser_gets_indonesian_at_the_plain_address(client, address):
    response = client.get(address, **ENGLISH_BROWSER)
    assert response.status_code == 200
    assert_one_language(response.content.decode(), "id", address)


@pytest.mark.parametrize("address", VIEWS)
def test_the_english_interface_lives_under_en(client, address):
    response = client.get(f"/en{address}")
    assert response.status_code == 200, address
    html = response.content.decode()
    assert_one_language(html, "en", f"/en{address}")
    assert response["Content-Language"] == "en"


def test_the_sign_up_page_speaks_each_language_whole(client):
    indonesian = visible_text(client.get("/akun/signup/", **ENGLISH_BROWSER).content.decode(), "id")
    english = visible_text(client.get("/en/akun/signup/").content.decode(), "en")
    assert "Daftar" in indonesian and "Sign Up" not in indonesian
    assert "Sign Up" in english


def test_pages_name_their_translations_with_hreflang_and_switch_between_them(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert 'href="/en/" hreflang="en" lang="en">English</a>' in html
    english = client.get("/en/").content.decode()
    assert '<link rel="alternate" hreflang="id" href="http://testserver/">' in english
    assert 'href="/" hreflang="id" lang="id">Bahasa Indonesia</a>' in english
    assert '<a href="/en/privasi/">Privacy notice</a>' in english  # the footer stays in the visitor's language
    # A view has the same address under the other prefix.
    assert 'href="/en/cari/?q=skj" hreflang="en"' in client.get("/cari/?q=skj").content.decode()


def test_the_english_home_links_indonesian_sections_marked_as_indonesian(client):
    english = client.get("/en/").content.decode()
    section = Page.objects.get(locale=Locale.get_default(), slug="seci")
    assert f'href="{section.url}" hreflang="id" lang="id">' in english


def test_an_untranslated_page_offers_the_english_home_and_no_false_hreflang(client):
    regulation = RegulationPage.objects.live().first()
    html = client.get(regulation.url).content.decode()
    assert 'hreflang="en" href=' not in html  # no <link rel=alternate> claiming an English version
    assert '<p class="language-banner" lang="en">' in html  # the regulation says it stays in Indonesian
    assert "official Indonesian" in visible_text(html, "en")
    assert client.get(f"/en{regulation.url}").status_code == 404


def test_the_seed_translates_the_home_and_the_footer_pages_once():
    english = Locale.objects.get(language_code="en")
    titles = set(Page.objects.filter(locale=english).values_list("title", flat=True))
    assert {"Privacy notice", "Accessibility statement"} <= titles, titles


def test_an_editor_translates_a_page_with_wagtails_own_screen(client):
    """The Editors group may use simple_translation's "Translate" (portal migration 0006); the copy is a draft
    under /en/ until an editor publishes it, and then the Indonesian page names it with hreflang."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse

    editor = get_user_model().objects.create_user("penerjemah", "penerjemah@kasn.go.id", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    seci = Page.objects.get(locale=Locale.get_default(), slug="seci").specific
    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[seci.pk]), {"locales": [english.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    translated = seci.get_translation(english).specific
    translated.title = "SECI model"
    translated.save_revision().publish()
    client.logout()
    assert f'hreflang="en" href="http://testserver{translated.url}"' in client.get(seci.url).content.decode()
    english_home = client.get("/en/").content.decode()
    assert f'<a href="{translated.url}">SECI model</a>' in english_home  # the English menu takes the translation


def test_the_sitemap_lists_both_languages_with_their_alternates(client):
    import xml.etree.ElementTree as ET

    tree = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    path = lambda url: re.sub(r"^https?://[^/]+", "", url)  # noqa: E731 - the host is the configured site address
    alternates = {
        path(url.find("s:loc", ns).text): {link.get("hreflang"): path(link.get("href")) for link in links}
        for url in tree.findall("s:url", ns)
        for links in [url.findall("x:link", ns)]
    }
    both = {"id": "/", "en": "/en/", "x-default": "/"}
    assert alternates["/"] == both
    assert alternates["/en/"] == both
    assert alternates["/en/privasi/"] == {"id": "/privasi/", "en": "/en/privasi/", "x-default": "/privasi/"}
    regulation = RegulationPage.objects.live().first()
    assert alternates[regulation.url] == {}  # no English version, so no claim of one


# Words that mark a text as Indonesian, and words no English sentence of the interface goes without.
INDONESIAN_WORDS = {"yang", "dan", "di", "dari", "untuk", "dengan", "tidak", "pada", "dalam", "atau", "oleh",
                    "melalui", "baik", "sangat", "kurang", "buruk", "pengetahuan", "kementerian", "badan"}
ENGLISH_WORDS = {"the", "of", "and", "is", "are", "for", "to", "in", "on", "by", "with", "from", "not", "as", "a"}


@pytest.mark.parametrize("address", ["/en/", "/en/dasbor/", "/en/cari/?q=talent+pool"])
def test_indonesian_content_on_an_english_page_is_marked_as_indonesian(client, address):
    html = client.get(address).content.decode()
    # A chart is one image named by its caption and summary (role="img"); its drawn labels are not read out.
    html = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)
    unmarked = []
    for part in _parsed(html, "en"):
        words = set(re.findall(r"[a-z]+", part.lower()))
        if words & INDONESIAN_WORDS and not words & ENGLISH_WORDS:
            unmarked.append(part[:80])
    assert unmarked == [], address
    assert 'lang="id"' in html
    indonesian = client.get(address.removeprefix("/en")).content.decode()
    assert 'lang="id"' not in re.sub(r'<html lang="id"', "", indonesian.split("</header>", 1)[-1]), "marked twice"


def _in_english(page, **copy):
    """`page` translated as an editor would: Wagtail's copy for translation, its words written in English."""
    translated = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in copy.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _published(parent, page, indicators=()):
    parent.add_child(instance=page)
    page.indicators.set(indicators)
    page.save_revision().publish()
    return page


@pytest.fixture
def cop_pages(settings, tmp_path):
    """The CoP's pages in Indonesian with their English translations (indexes first, as Wagtail requires), a member
    registered for the event and a question answered under the practice: the member and (Indonesian, English)
    page pairs."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtailmedia.models import get_media_model

    from cop.demo import _tone
    from cop.models import (
        Comment,
        CommunityPage,
        EventIndexPage,
        EventPage,
        EventSpeaker,
        GoodPracticePage,
        MemberProfile,
        PodcastEpisodePage,
        PodcastPage,
        PracticeIndexPage,
        Registration,
    )
    from meritopedia.models import Aspect, Indicator
    from portal.models import Instansi, SeciMode

    settings.MEDIA_ROOT = tmp_path / "media"
    member = get_user_model().objects.create_user("sari", "sari@contoh.go.id", "x")
    instansi = Instansi.objects.filter(kind="kabupaten").first()
    aspect = Aspect.objects.filter(version__is_current=True).first()
    profile = MemberProfile.objects.create(
        user=member, full_name="Sari Wulandari", instansi=instansi, in_directory=True
    )
    profile.aspects.set([aspect])
    indicators, mode = Indicator.objects.filter(code="11.6.c"), SeciMode.objects.first()
    community, events = CommunityPage.objects.get(), EventIndexPage.objects.get()
    practices, podcast = PracticeIndexPage.objects.get(), PodcastPage.objects.get()
    intro = "A community where merit system practitioners share what works."
    pairs = [
        (community, _in_english(community, intro=intro, body=[("heading", "Purpose")])),
        (events, _in_english(events, title="Events", intro="Coaching clinics, talk shows and discussions.")),
        (practices, _in_english(practices, title="Good Practices", intro="How agencies meet the indicators.")),
        (podcast, _in_english(podcast, intro="Conversations on the merit system.")),
    ]
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    event = EventPage(
        title="Coaching clinic talent pool",
        slug="coaching-clinic-talent-pool",
        event_type="coaching_clinic",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location="Jakarta",
        capacity=30,
        intro="Menyusun talent pool bersama.",
        seci_mode=mode,
    )
    event = _published(events, event, indicators)
    EventSpeaker.objects.create(event=event, name="Budi Santoso", affiliation=instansi.name, role="moderator")
    practice = GoodPracticePage(
        title="Talent pool nine box",
        slug="talent-pool-nine-box",
        instansi=instansi,
        aspect=aspect,
        problem="Pengisian jabatan lambat.",
        action="Memetakan pegawai.",
        results="Dari 94 menjadi 35 hari.",
        lessons="Mulai dari data.",
        submitted_by=member,
        owner=member,
        seci_mode=mode,
    )
    practice = _published(practices, practice, indicators)
    media = get_media_model()(title="Episode uji", type="audio", duration=3725)
    media.file.save("episode-uji.mp3", ContentFile(_tone(1.0)), save=False)
    media.save()
    episode = PodcastEpisodePage(
        title="Talent pool di daerah",
        slug="talent-pool-di-daerah",
        episode_number=7,
        summary="Obrolan.",
        guests="Budi Santoso",
        show_notes="<p>Catatan.</p>",
        transcript="<p>Transkrip.</p>",
        audio=media,
        seci_mode=mode,
    )
    episode = _published(podcast, episode)
    pairs += [
        (event, _in_english(event, title="Talent pool coaching clinic", intro="Building a talent pool together.")),
        (practice, _in_english(practice, problem="Filling posts was slow.", action="Mapping staff.", lessons="")),
        (episode, _in_english(episode, title="Talent pools", summary="A talk.", show_notes="", transcript="")),
    ]
    english_event, english_practice = pairs[-3][1], pairs[-2][1]
    for page in (event, english_event):
        Registration.objects.create(event=page, user=member, status=Registration.REGISTERED)
    for page, words in ((practice, ("Berapa lama?", "Tiga bulan.")), (english_practice, ("How long?", "Months."))):
        asked = Comment.objects.create(page=page, author=member, kind=Comment.QUESTION, body=words[0])
        Comment.objects.create(page=page, author=member, parent=asked, body=words[1], is_accepted=True)
    return member, pairs


# The member's own pages and the practice form: views, at the same address under each prefix.
COP_VIEWS = ["/anggota/", "/akun/profil/", "/akun/kontribusi/", "/praktik-baik/kirim/"]


def test_the_cop_pages_speak_one_language_each(client, cop_pages):
    """The CoP for a visitor and for a signed-in member: Indonesian at the plain address, the interface in English
    around the page's translation under /en/."""
    member, pairs = cop_pages
    pages = [(page.url, translated.url) for page, translated in pairs]
    assert all(english.startswith("/en/") for _, english in pages)
    for signed_in, addresses in ((False, pages), (True, pages + [(view, f"/en{view}") for view in COP_VIEWS])):
        if signed_in:
            client.force_login(member)
        for indonesian, english in addresses:
            for address, language, headers in ((indonesian, "id", ENGLISH_BROWSER), (english, "en", {})):
                response = client.get(address, **headers)
                assert response.status_code == 200, address
                assert_one_language(response.content.decode(), language, f"{address} (signed in: {signed_in})")
