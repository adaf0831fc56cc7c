"""The private objects: each row builds one object with fresh markers and says who may see it on which probe.

A new private object is one more `@row(...)` factory (or one more `ROWS.append` in a loop of variants)."""

import datetime
import io
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction
from wagtailmedia.models import get_media_model

from cop.discussion import Comment
from cop.events import EventIndexPage, EventPage
from cop.members import MemberProfile
from cop.practices import GoodPracticePage, PracticeAttachment, PracticeIndexPage
from cop.tasks import send_comment_notification
from meritopedia.models import (
    ArticleAuthor,
    ArticlePage,
    HandbookChapterPage,
    HandbookPage,
    Indicator,
    MeritopediaIndexPage,
)
from tests.cop.test_events import make_event
from tests.cop.test_practices import PDF, act, submission_url, submit

from .matrix import ANY_PATH, EDITORS, EVERYONE, OWNER, OWNER_AND_EDITORS, SIGNED_IN, Handle, Row, new_marker

ROWS: list[Row] = []


def row(name: str, **allowed):
    """Registers a factory as a row; `allowed` maps probe names (`anywhere` for every probe) to actor sets."""

    def register(make):
        ROWS.append(Row(name, make, {ANY_PATH if k == "anywhere" else k: frozenset(v) for k, v in allowed.items()}))
        return make

    return register


# Pages ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageKind:
    """How to make one page type with a text: where it lives, the fields it needs, and the fields the text fills."""

    label: str
    parent: callable
    build: callable
    write: callable


def _paragraph(text):
    return [("paragraph", f"<p>Isi {text} tentang talent pool.</p>")]


def _write_article(page, text):
    page.intro, page.body = f"Ringkasan {text}.", _paragraph(text)


def _write_event(page, text):
    page.intro, page.description = f"Ringkasan {text}.", f"<p>Uraian {text}.</p>"


def _write_chapter(page, text):
    page.summary, page.body = f"Ringkasan {text}.", _paragraph(text)


def _write_practice(page, text):
    page.problem, page.action, page.results = f"Masalah {text}.", f"Tindakan {text}.", f"Hasil {text}: 94 ke 35 hari."


def _new_article(**fields):
    article = ArticlePage(**fields)
    article.authors.add(ArticleAuthor(name="Tim Sistem Merit KASN"))
    return article


def _new_event(**fields):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    return EventPage(event_type="coaching_clinic", start=start, **fields)


KINDS = {
    "article": PageKind("Artikel", MeritopediaIndexPage.objects.get, _new_article, _write_article),
    "event": PageKind("Acara", EventIndexPage.objects.get, _new_event, _write_event),
    "chapter": PageKind("Bab", lambda: HandbookPage.objects.get(slug="handbook"), HandbookChapterPage, _write_chapter),
    "practice": PageKind("Praktik", PracticeIndexPage.objects.get, GoodPracticePage, _write_practice),
}


def place(kind: str, marker: str, live: bool = True):
    """A page of `kind` whose title and text carry `marker`, on indicator 11.6.c, published or a draft. The slug is
    another token: a 404 page may repeat a slug it was asked for, which is no leak."""
    spec = KINDS[kind]
    page = spec.build(title=f"{spec.label} {marker}", slug=new_marker("hal"))
    spec.write(page, marker)
    page.live = live
    spec.parent().add_child(instance=page)
    page.indicators.set(Indicator.objects.filter(code="11.6.c", aspect__version__is_current=True))
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def page_handle(page, *markers, private_url=True) -> Handle:
    """A page's addresses: its URL, the editors' edit form, revision preview and live preview, the API detail. A
    private page's URL betrays it too (a sitemap or a listing linking to it)."""
    page.refresh_from_db()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    handle = Handle(
        list(markers),
        urls=[page.url],
        admin_urls=[
            edit,
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        ],
        api_ids=[("pages", page.pk)],
        page_types=[page.specific_class._meta.label],
        event_slug=page.slug if isinstance(page.specific, EventPage) else None,
        fingerprints=[page.url.encode()] if private_url else [],
    )
    return handle.shows(edit, EDITORS)


def draft_page(kind, ctx):
    marker = new_marker()
    return page_handle(place(kind, marker, live=False), marker)


for _kind in ("article", "chapter", "event"):
    ROWS.append(Row(f"never-published {_kind}", partial(draft_page, _kind), {"admin": EDITORS}))


@row("unpublished article", admin=EDITORS)
def unpublished_article(ctx):
    marker = new_marker()
    page = place("article", marker)
    page.unpublish()
    return page_handle(page, marker)


def draft_revision(kind, ctx):
    """The live text is public; the newer draft revision's title and text are not."""
    public, private = new_marker("pub"), new_marker()
    page = place(kind, public)
    page.title = f"{KINDS[kind].label} {private}"
    KINDS[kind].write(page, private)
    page.save_revision()
    handle = page_handle(page, private, private_url=False)
    return handle.shows(page.url, EVERYONE, public).shows(handle.admin_urls[1], EDITORS)


for _kind in ("article", "event"):
    ROWS.append(Row(f"draft revision of a live {_kind}", partial(draft_revision, _kind), {"admin": EDITORS}))


def attach(practice, marker: str) -> PracticeAttachment:
    """An evidence PDF with the marker in its name and bytes, stored as the submission form stores it."""
    name = f"bukti{marker}.pdf"
    data = PDF.replace(b"%%EOF", f"% {marker}\n%%EOF".encode())
    stored = PracticeAttachment._meta.get_field("file").storage.save(f"praktik-baik/{name}", ContentFile(data))
    return PracticeAttachment.objects.create(
        practice=practice, file=stored, original_name=name, kind="pdf", size=len(data)
    )


def _attachment_urls(item: PracticeAttachment) -> list[str]:
    return [item.url, reverse("practice_attachment", args=[item.pk + 1, item.original_name])]


RESTRICTED_ALLOWED = {
    BaseViewRestriction.LOGIN: {ANY_PATH: SIGNED_IN},
    BaseViewRestriction.PASSWORD: {"admin": EDITORS, "direct": EDITORS},  # editors may open its evidence files
    BaseViewRestriction.GROUPS: {ANY_PATH: EDITORS},
}
RESTRICTED_READERS = {BaseViewRestriction.LOGIN: SIGNED_IN, BaseViewRestriction.GROUPS: EDITORS}


def restricted_page(restriction, kind, ctx):
    """A live page behind a Wagtail view restriction; a practice also carries an evidence file."""
    marker = new_marker()
    page = place(kind, marker)
    rule = PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="rahasia-123")
    if restriction == BaseViewRestriction.GROUPS:
        rule.groups.set(Group.objects.filter(name="Editors"))
    handle = page_handle(page, marker)
    if kind == "practice":
        handle.urls += _attachment_urls(attach(page, marker))
    if restriction in RESTRICTED_READERS:
        handle.shows(page.url, RESTRICTED_READERS[restriction])
    return handle


for _restriction in RESTRICTED_ALLOWED:
    for _kind in ("article", "event", "practice"):
        ROWS.append(
            Row(
                f"{_restriction}-restricted {_kind}",
                partial(restricted_page, _restriction, _kind),
                RESTRICTED_ALLOWED[_restriction],
            )
        )


# Members' practices, comments, profiles, registrations ------------------------------------------------------------

SUBMISSION_ALLOWED = {"direct": OWNER_AND_EDITORS, "admin": EDITORS, "account": OWNER, "mail": OWNER_AND_EDITORS}


def _submitted(ctx, marker: str) -> GoodPracticePage:
    """Member A's practice sent through the real form, with evidence, into the editors' moderation."""
    evidence = SimpleUploadedFile(f"bukti{marker}.pdf", PDF.replace(b"%%EOF", f"% {marker}\n%%EOF".encode()))
    response = submit(
        ctx.clients["member_a"], ctx.users["member_a"], files=[evidence], title=f"Praktik {marker}", action=marker
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return GoodPracticePage.objects.get(title=f"Praktik {marker}")


def _submission_handle(practice, marker) -> Handle:
    handle = page_handle(practice, marker)
    item = practice.attachments.get()
    own = submission_url(practice)
    handle.urls += [own, own + "ubah/", f"/praktik-baik/kiriman/{practice.pk + 1}/"]
    handle.urls += _attachment_urls(item)
    handle.shows(own, OWNER_AND_EDITORS).shows(item.url, OWNER_AND_EDITORS)
    return handle.shows("/akun/kontribusi/", OWNER)


@row("practice in moderation", **SUBMISSION_ALLOWED)
def practice_in_moderation(ctx):
    marker = new_marker()
    return _submission_handle(_submitted(ctx, marker), marker)


@row("declined practice", **SUBMISSION_ALLOWED)
def declined_practice(ctx):
    """Declined with a reason only its author is told."""
    marker = new_marker()
    practice = _submitted(ctx, marker)
    assert act(ctx.clients["editor"], ctx.users["editor"], practice, "decline", f"Alasan {marker}").status_code == 302
    return _submission_handle(practice, marker)


def _public_practice(title_marker, **fields):
    page = place("practice", title_marker)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@row("hidden comment", admin=EDITORS)
def hidden_comment(ctx):
    """Hidden on a live practice whose owner (member B) would be told of a new comment; the task must not tell."""
    public, marker = new_marker("pub"), new_marker()
    page = _public_practice(public, owner=ctx.users["member_b"])
    comment = Comment.objects.create(
        page=page,
        author=ctx.users["member_a"],
        body=f"Komentar {marker}",
        is_hidden=True,
        hidden_by=ctx.users["editor"],
    )
    send_comment_notification.enqueue(comment.pk)
    edit = reverse("wagtailsnippets_cop_comment:edit", args=[comment.pk])
    handle = Handle([marker], urls=[page.url], admin_urls=[edit], api_ids=[("pages", page.pk)])
    return handle.shows(page.url, EVERYONE, public).shows(edit, EDITORS)


@row("member known only by username", admin=EDITORS)
def nameless_member(ctx):
    """A member with no name anywhere: their account name (the e-mail's local part) must not stand in publicly."""
    marker, public = new_marker("usr"), new_marker("pub")
    user = get_user_model().objects.create_user(marker, f"{marker}@contoh.go.id", "x")
    page = _public_practice(public, submitted_by=user, owner=user)
    Comment.objects.create(page=page, author=user, body=f"Komentar {public}")
    handle = page_handle(page, marker, f"{marker}@contoh.go.id", private_url=False)
    return handle.shows(page.url, EVERYONE, public).shows(page.url, EVERYONE, f"Komentar {public}")


@row("profile not in the directory", account=OWNER, admin=EDITORS)
def unlisted_profile(ctx):
    name, unit, jabatan = new_marker("nama"), new_marker("unit"), new_marker("jabatan")
    MemberProfile.objects.filter(user=ctx.users["member_a"]).update(
        full_name=name, unit=unit, jabatan=jabatan, in_directory=False
    )
    handle = Handle([name, unit, jabatan])
    for text in (name, unit, jabatan):
        handle.shows("/akun/profil/", OWNER, text)
    return handle


@row("event registration of member A", direct=OWNER, account=OWNER, admin=EDITORS, mail=OWNER)
def registration(ctx):
    """Member A's e-mail and name belong on the editors' attendee list, nowhere else."""
    event = make_event(new_marker("acara"), capacity=5)
    client, user = ctx.clients["member_a"], ctx.users["member_a"]
    assert client.post(f"/akun/acara/{event.pk}/daftar/").status_code == 302
    attendees = reverse("event_attendees", args=[event.pk])
    handle = Handle(
        [user.email, user.member_profile.full_name],
        urls=[event.url],
        admin_urls=[attendees, attendees + "?format=csv", reverse("event_attendees", args=[event.pk + 1])],
        event_slug=event.slug,
        search_term=user.username,
    )
    return handle.shows(attendees, EDITORS).shows(attendees + "?format=csv", EDITORS)


# Files in restricted collections -----------------------------------------------------------------------------------


def _png(marker: str) -> bytes:
    info = PngInfo()
    info.add_text("Comment", marker)
    buffer = io.BytesIO()
    PILImage.new("RGB", (160, 120), (11, 79, 138)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _collection(restriction):
    """The root collection for None, else a new child behind a view restriction of that type."""
    root = Collection.get_first_root_node()
    if restriction is None:
        return root
    collection = root.add_child(name=f"Koleksi {new_marker('kol')}")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction, password="rahasia-123"
    )
    return collection


def _document(marker, collection) -> tuple[Handle, str]:
    document = get_document_model().objects.create(
        title=f"Dokumen {marker}",
        file=ContentFile(f"%PDF-1.4\n% {marker}\n%%EOF\n".encode(), name=f"dokumen{marker}.pdf"),
        collection=collection,
    )
    url = document.url
    guesses = [reverse("wagtaildocs_serve", args=[document.pk + step, document.filename]) for step in (1, -1)]
    handle = Handle(
        [marker],
        urls=[url, f"/media/{document.file.name}", *guesses],
        admin_urls=[reverse("wagtaildocs:edit", args=[document.pk])],
        api_ids=[("documents", document.pk)],
    )
    return handle, url


def _image(marker, collection) -> tuple[Handle, str]:
    image = get_image_model().objects.create(
        title=f"Gambar {marker}",
        file=ImageFile(io.BytesIO(_png(marker)), name=f"gambar{marker}.png"),
        collection=collection,
    )
    rendition = image.get_rendition("fill-100x100")
    with rendition.file.open("rb") as file:
        pixels = file.read()
    handle = Handle(
        [marker],
        urls=[image.file.url, rendition.url, image.file.url.replace(marker, new_marker())],
        admin_urls=[reverse("wagtailimages:edit", args=[image.pk])],
        api_ids=[("images", image.pk)],
        fingerprints=[pixels],
    )
    return handle, rendition.url


def _media(marker, collection) -> tuple[Handle, str]:
    media = get_media_model()(title=f"Rekaman {marker}", type="audio", duration=3, collection=collection)
    media.file.save(
        f"rekaman{marker}.mp3", ContentFile(b"ID3\x03\x00\x00\x00\x00\x00\x00" + marker.encode() * 8), save=False
    )
    media.save()
    url = reverse("recording", args=[media.pk, media.filename])
    guesses = [reverse("recording", args=[media.pk + step, media.filename]) for step in (1, -1)]
    handle = Handle(
        [marker],
        urls=[url, media.file.url, *guesses],
        admin_urls=[reverse("wagtailmedia:edit", args=[media.pk])],
    )
    return handle, url


FILES = {"document": _document, "image": _image, "media": _media}


def collection_file(restriction, kind, ctx):
    """A file whose name and bytes carry the marker, in a collection behind `restriction` (None: public)."""
    marker = new_marker()
    handle, canonical = FILES[kind](marker, _collection(restriction))
    if restriction == BaseViewRestriction.LOGIN:
        handle.shows(canonical, SIGNED_IN)
    return handle.shows(handle.admin_urls[0], EDITORS)


FILE_ALLOWED = {
    BaseViewRestriction.LOGIN: {ANY_PATH: SIGNED_IN},
    BaseViewRestriction.PASSWORD: {"admin": EDITORS, "direct": EDITORS},
}
for _restriction in FILE_ALLOWED:
    for _kind in FILES:
        ROWS.append(
            Row(
                f"{_kind} in a {_restriction}-only collection",
                partial(collection_file, _restriction, _kind),
                FILE_ALLOWED[_restriction],
            )
        )
