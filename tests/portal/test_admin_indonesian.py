"""KASN's editors use the Wagtail admin in Indonesian (LANGUAGE_CODE "id").

Wagtail's, wagtailmedia's and allauth's own Indonesian catalogues leave much of the admin in English; the strings
they lack are translated in locale-vendor/id/LC_MESSAGES/ (LOCALE_PATHS, before the packages' catalogues). These
tests read the admin's screens as an editor sees them — real HTTP through the test client, the visible text only —
and a workflow notification e-mail, and look for English that those catalogues left untranslated.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-admin-uji"


class VisibleText(HTMLParser):
    """The text a reader sees (and a screen reader says): text nodes outside <script>/<style>, and the
    aria-label, title and placeholder attributes."""

    SKIP = {"script", "style"}
    SPOKEN = ("aria-label", "title", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
            return
        self.parts.extend(value for name, value in attrs if name in self.SPOKEN and value)

    def handle_startendtag(self, tag, attrs):
        if tag not in self.SKIP:
            self.parts.extend(value for name, value in attrs if name in self.SPOKEN and value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(" ".join(part.split()) for part in parser.parts)


def english_in(text: str, phrases) -> list[str]:
    """The phrases found in the text as whole words (so "Publish" does not match inside "Publikasi")."""
    return [phrase for phrase in phrases if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("admin-kasn", "admin@kasn.go.id", PASSWORD)


@pytest.fixture
def admin_client(client, superuser):
    assert client.login(username=superuser.username, password=PASSWORD)
    return client


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def some_page():
    """A page under the home page with an editor form full of panels (the newest live descendant)."""
    return home_page().get_descendants().live().order_by("-last_published_at", "-pk").first().specific


def get_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return visible_text(response.content.decode())


@pytest.fixture
def locked_page(superuser):
    """A page locked by the superuser, with a revision: so the editor, the locked pages report and the site
    history have rows to show."""
    page = some_page()
    page.save_revision(user=superuser, log_action=True)
    page.locked, page.locked_by, page.locked_at = True, superuser, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    return page


# Per screen: English that Wagtail's own Indonesian catalogues leave on it (each phrase was seen there without
# locale-vendor/id), matched as whole words in the visible text.
SCREENS = {
    "dashboard": (
        lambda page: reverse("wagtailadmin_home"),
        [
            "Pages",
            "Documents",
            "Images",
            "Your locked pages",
            "Locked at",
            "Privacy and access",
            "Language",
            "Keyboard shortcuts",
            "Sidebar",
            "Search all pages…",
            "Visit the live page",
            "Save changes",
        ],
    ),
    "explorer": (
        lambda page: reverse("wagtailadmin_explore", args=[home_page().pk]),
        [
            "Bulk actions",
            "Page type",
            "Owner",
            "Edited by",
            "Date updated",
            "Has child pages",
            "Filter by",
            "Delete selected pages",
            "Move selected pages",
            "Exploring",
            "More options for",
            "Pagination",
        ],
    ),
    "editor": (
        lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        [
            "Autosave is paused",
            "Autosave is",
            "Locked by you",
            "Preview in new tab",
            "Preview is out of date",
            "Preview in mobile size",
            "Content metrics",
            "Comments",
            "Checks",
            "Minimap",
            "No publishing schedule set",
            "Choose when this page should go live and/or expire",
            "For search engines",
            "Page visibility:",
        ],
    ),
    "locked pages": (
        lambda page: reverse("wagtailadmin_reports:locked_pages"),
        ["Locked pages", "Locked by", "Locked at", "Locking status", "Download XLSX", "Show filters", "Back"],
    ),
    "site history": (
        lambda page: reverse("wagtailadmin_reports:site_history"),
        ["Site history", "Date / Time", "Draft saved", "Published", "Download XLSX", "Filter by", "model log entries"],
    ),
    "workflows": (
        lambda page: reverse("wagtailadmin_workflows:index"),
        ["Workflows", "Add a workflow", "Show disabled", "Used by", "Tasks", "Step 1", "pages", "workflows"],
    ),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_admin_screens_show_no_untranslated_english(admin_client, locked_page, screen):
    url, english = SCREENS[screen]
    text = get_text(admin_client, url(locked_page))
    assert "halaman" in text.lower()  # the screen is rendered in Indonesian at all
    assert english_in(text, english) == []


def test_the_sidebar_menu_is_indonesian(admin_client):
    """The sidebar is drawn by JavaScript from the JSON in <script id="wagtail-sidebar-props">: its labels."""
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    labels = set()

    def walk(value):
        if isinstance(value, str):
            labels.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props.group(1)))
    assert {"Halaman", "Laporan", "Halaman terkunci", "Alur kerja", "Riwayat situs"} <= labels
    assert labels.isdisjoint(
        {
            "Reports",
            "Locked pages",
            "Workflows",
            "Workflow tasks",
            "Site history",
            "Aging pages",
            "Page types usage",
            "Help",
        }
    )


def test_a_workflow_submission_notification_is_indonesian(superuser):
    """Submitting a page to its workflow e-mails the superusers (and the first task's reviewers) in Indonesian."""
    recipient = get_user_model().objects.create_superuser("pemantau-kasn", "pemantau@kasn.go.id", PASSWORD)
    page = next(page.specific for page in home_page().get_descendants().live().order_by("path") if page.get_workflow())
    workflow = page.get_workflow()
    page.save_revision(user=superuser)
    mail.outbox.clear()
    workflow.start(page, superuser)

    messages = [message for message in mail.outbox if message.to == [recipient.email]]
    assert messages, [(message.to, message.subject) for message in mail.outbox]
    title = page.get_admin_display_title()
    english = [
        "The page",
        "has been submitted",
        "submitted for",
        "moderation",
        "workflow",
        "You can edit",
        "You can preview",
        "here:",
        "approval",
        "stage",
        "by",
    ]
    for message in messages:
        # plain text unless WAGTAILADMIN_NOTIFICATION_USE_HTML; then the HTML part too
        html = [visible_text(content) for content, kind in message.alternatives if kind == "text/html"]
        for text in (message.subject, message.body, *html):
            assert title in text
            assert english_in(re.sub(r"https?://\S+", "", text), english) == [], text  # not in the links
    subjects = {message.subject for message in messages}
    assert f'Halaman "{title}" telah diajukan ke alur kerja "{workflow.name}"' in subjects, subjects


# Wagtail's template the portal overrides (templates/wagtailadmin/shared/headers/_actions.html) to name the header's
# navigation in the editor's language; an upgrade that changes the original fails here, to be looked at again.
ACTIONS_TEMPLATE_SHA256 = "facea723b6b917627f718d47a945c79fabcb1cbc516983c66cb6801b6a9a1557"


def test_the_header_actions_are_named_in_indonesian_and_the_override_is_pinned(admin_client, locked_page):
    import hashlib
    from pathlib import Path

    import wagtail.admin

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[locked_page.pk])).content.decode()
    assert 'id="w-slim-header-buttons"' in html
    assert 'aria-label="Actions"' not in html and 'aria-label="Tindakan" id="w-slim-header-buttons"' in html
    original = Path(wagtail.admin.__file__).parent / "templates/wagtailadmin/shared/headers/_actions.html"
    assert hashlib.sha256(original.read_bytes()).hexdigest() == ACTIONS_TEMPLATE_SHA256, "Wagtail changed it"


def test_the_rich_text_toolbar_is_indonesian(admin_client):
    """Wagtail's own Indonesian leaves "Bold" and "Italic" in English: the toolbar's buttons (the features' data,
    which the editor's props carry) and the keyboard shortcuts dialog of an editor with rich text."""
    from django.utils import translation
    from wagtail.models import Page
    from wagtail.rich_text import features

    with translation.override("id"):
        buttons = [features.get_editor_plugin("draftail", name).data["description"] for name in ("bold", "italic")]
        assert [str(label) for label in buttons] == ["Tebal", "Miring"]
    page = Page.objects.get(slug="privasi", locale__language_code="id")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert '<th scope="row">Tebal</th>' in html and '<th scope="row">Miring</th>' in html
    assert not re.search(r"<th scope=\"row\">(Bold|Italic)</th>", html)
