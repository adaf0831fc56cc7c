"""The private objects: each row builds one object with fresh markers and says who may see it on which probe.

A new private object is one more `@row(...)` factory (or one more `ROWS.append` in a loop of variants)."""

import datetime
import io
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction
from wagtailmedia.models import get_media_model

from assessment.action_plan import ActionItem
from assessment.assessments import Answer, Evidence, SelfAssessment
from assessment.filling import AnswerInput, save_answer
from assessment.rounds import VerificationRound
from assessment.teams import Invitation
from cop.discussion import Comment
from cop.events import EventIndexPage, EventPage
from cop.guidance_proposals import GuidanceProposal
from cop.members import MemberProfile
from cop.practices import GoodPracticePage, PracticeAttachment, PracticeIndexPage
from cop.tasks import send_comment_notification
from meritopedia.models import (
    ArticleAuthor,
    ArticlePage,
    HandbookChapterPage,
    HandbookPage,
    Indicator,
    IndicatorPage,
    MeritopediaIndexPage,
    RubricVersion,
)
from portal.models import Instansi
from tests.assessment.factories import assign_verifier, give_scale, make_assessment, make_team, verify_round
from tests.cop.test_events import make_event
from tests.cop.test_practices import PDF, act, submission_url, submit

from .matrix import (
    ANY_PATH,
    EDITORS,
    EVERYONE,
    OWNER,
    OWNER_AND_EDITORS,
    SIGNED_IN,
    Context,
    Handle,
    Penilaian,
    Row,
    new_marker,
)

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


# Members' guidance proposals for an indicator page: the text is the author's and the editors' until approved.

PROPOSAL_ALLOWED = {"account": OWNER, "admin": EDITORS, "mail": OWNER}


def guidance_proposal(declined: bool, ctx):
    """Member A proposes "Bukti dukung" for 11.6.c through the page's form; an editor may decline it in the admin
    with a reason member A alone is e-mailed. Neither text shows on the page, in search, the API or anywhere else."""
    marker, reason = new_marker(), new_marker("alasan")
    page = IndicatorPage.objects.get(indicator__code="11.6.c", indicator__aspect__version__is_current=True)
    text = f"Usulan {marker}: talent pool ditetapkan dengan keputusan PPK setiap tahun."
    response = ctx.clients["member_a"].post(
        reverse("guidance_propose", args=[page.pk]), {"section": "evidence", "text": text}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    proposal = GuidanceProposal.objects.get(text=text)
    names = "wagtailsnippets_cop_guidanceproposal"
    edit, inspect = (reverse(f"{names}:{view}", args=[proposal.pk]) for view in ("edit", "inspect"))
    decide = [reverse(f"{names}:{view}", args=[proposal.pk]) for view in ("approve", "decline")]
    if declined:
        with _capture_mail():
            assert ctx.clients["editor"].post(decide[1], {"reason": f"Alasan {reason}"}).status_code == 302
    handle = Handle(
        [marker, reason] if declined else [marker],
        urls=[page.url, reverse("guidance_propose", args=[page.pk])],
        admin_urls=[edit, inspect, *decide, reverse(f"{names}:list"), reverse(f"{names}:list") + "?status=ditolak"],
        api_ids=[("pages", page.pk)],
        page_types=["meritopedia.IndicatorPage"],
    )
    handle.shows(edit, EDITORS).shows(inspect, EDITORS).shows("/akun/kontribusi/", OWNER)
    return handle.shows("/akun/kontribusi/", OWNER, reason) if declined else handle


ROWS.append(Row("pending usulan panduan", partial(guidance_proposal, False), PROPOSAL_ALLOWED))
ROWS.append(Row("declined usulan panduan", partial(guidance_proposal, True), PROPOSAL_ALLOWED))


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


@row("event meeting link", direct=OWNER, admin=EDITORS, mail=OWNER)
def meeting_link(ctx):
    """An event's online meeting link is for the members holding a seat: member A has one, member B waits for one
    (and is told so by e-mail, without the link); nobody else, in no listing, feed, calendar, search or API."""
    marker = new_marker("rapat")
    event = make_event(new_marker("acara"), capacity=1, online_url=f"https://zoom.example/j/{marker}")
    with _capture_mail():
        for actor in ("member_a", "member_b"):
            assert ctx.clients[actor].post(f"/akun/acara/{event.pk}/daftar/").status_code == 302
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    handle = Handle(
        [marker],
        urls=[event.url, reverse("event_cancel", args=[event.pk])],
        admin_urls=[edit],
        api_ids=[("pages", event.pk)],
        page_types=["cop.EventPage"],
        event_slug=event.slug,
    )
    return handle.shows(event.url, OWNER).shows(edit, EDITORS)


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


# Penilaian mandiri -------------------------------------------------------------------------------------------------
# Member A is the ketua of the instansi's Tim Penilaian Mandiri, member B the KASN verifikator assigned to it (or,
# in one row, the ketua of another instansi's team). KASN's editors and the superuser are neither and see nothing:
# not the answers, findings, scores, evidence, rencana aksi or invitations, on any path, admin included. A
# determined result becomes public only when KASN publishes it, on the national dashboard, which none of these
# rows does.

TEAM_AND_VERIFIER = frozenset({"member_a", "member_b"})
ASSESSMENT_ADMIN = [
    "/admin/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/?export=csv",
    "/admin/reports/site-history/?export=xlsx",
]
REPORT = ["laporan/", "laporan.pdf", "laporan.xlsx", "laporan.csv"]


def _capture_mail():
    """Run what the view leaves for the commit (the e-mail tasks): the test's transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@dataclass
class Assessed:
    """This year's assessment of a new instansi, begun by its ketua (member A) through the real form."""

    ctx: Context
    instansi: Instansi
    assessment: SelfAssessment
    verifier: bool  # member B is the instansi's verifikator (else a ketua of another instansi's team)

    @property
    def year(self) -> int:
        return self.assessment.year

    def team_url(self, page: str = "") -> str:
        return f"/penilaian/{self.year}/{page}"

    def verifier_url(self, page: str = "") -> str:
        return f"/penilaian/verifikasi/{self.instansi.pk}/{self.year}/{page}"

    def first_answer(self) -> Answer:
        return self.assessment.answers.select_related("indicator__aspect").first()

    def post_answer(self, answer: Answer, narrative: str = "Uraian tim.", **evidence) -> None:
        """Member A saves the answer (top level, ready) through the aspect page, with `evidence_file` or
        `evidence_url` and `evidence_title` if given."""
        answer.refresh_from_db()
        code, prefix = answer.indicator.code, _form_prefix(answer)
        data = {
            "indicator": code,
            f"{prefix}-lock_version": answer.lock_version,
            f"{prefix}-level": _top(answer).pk,
            f"{prefix}-narrative": narrative,
            f"{prefix}-progress": Answer.SIAP,
            **{f"{prefix}-{name}": value for name, value in evidence.items()},
        }
        _post(self.ctx.clients["member_a"], self.team_url(f"{answer.indicator.aspect.slug}/"), data)

    def answer_the_rest(self) -> None:
        """Every indicator not answered yet, at its top level and ready, through `filling.save_answer`."""
        user = self.ctx.users["member_a"]
        for answer in self.assessment.answers.filter(level__isnull=True).prefetch_related("indicator__levels"):
            save_answer(answer, user, answer.lock_version, AnswerInput(_top(answer), "Uraian tim.", Answer.SIAP))

    def submit(self) -> VerificationRound:
        _post(self.ctx.clients["member_a"], self.team_url("ajukan/"))
        self.assessment.refresh_from_db()
        assert self.assessment.status == SelfAssessment.DIAJUKAN, self.assessment.status
        return self.assessment.rounds.get(closed_at__isnull=True)

    def review(self, round_: VerificationRound, findings: dict[str, str] | None = None) -> None:
        """Member B scores every indicator as claimed (the services), then writes `findings` ({code: text})
        through the aspect pages and closes the round through its button."""
        verify_round(round_, self.ctx.users["member_b"], close=False)
        client = self.ctx.clients["member_b"]
        for code, finding in (findings or {}).items():
            answer = self.assessment.answers.select_related("indicator__aspect").get(indicator__code=code)
            review = round_.reviews.get(answer=answer)
            prefix = "v" + _form_prefix(answer)
            data = {
                "indicator": code,
                f"{prefix}-review_version": review.lock_version,
                f"{prefix}-level": _top(answer).pk,
                f"{prefix}-finding": finding,
            }
            _post(client, self.verifier_url(f"{answer.indicator.aspect.slug}/"), data)
        _post(client, self.verifier_url("verifikasi/tutup/"))
        round_.refresh_from_db()
        assert round_.closed_at is not None, "the round did not close"

    def handle(self, *markers: str, **fields) -> Handle:
        evidence = [
            (item.pk, item.original_name, item.file.name)
            for item in Evidence.objects.filter(answer__assessment=self.assessment).exclude(file="")
        ]
        place = Penilaian(
            self.instansi.pk,
            self.year,
            [aspect.slug for aspect in self.assessment.version.aspects.all()],
            evidence,
            list(self.assessment.actions.values_list("pk", flat=True)),
        )
        return Handle(list(markers), admin_urls=list(ASSESSMENT_ADMIN), assessment=place, **fields)

    def shows(self, handle: Handle, page: str, text: str | None = None) -> Handle:
        """Member A sees `page` of the year at the team's address, member B (when verifikator) at theirs."""
        handle.shows(self.team_url(page), {"member_a"}, text)
        if self.verifier:
            handle.shows(self.verifier_url(page), {"member_b"}, text)
        return handle


def _post(client, url: str, data=None) -> None:
    """A form sent as its page sends it, and the page it leads to read, as a member would: the view's message
    ("Undangan dikirim ke ...") is shown there and not on whatever page a probe opens first."""
    response = client.post(url, data or {}, follow=True)
    assert response.redirect_chain and response.status_code == 200, response.content.decode()[:800]


def _form_prefix(answer: Answer) -> str:
    return "i" + answer.indicator.code.replace(".", "_")


def _top(answer: Answer):
    return max(answer.indicator.levels.all(), key=lambda level: level.points)


def _instansi() -> Instansi:
    return Instansi.objects.create(name=f"Instansi Uji {new_marker('ins')}", kind="lpnk", is_demo=True)


def _assessed(ctx: Context, verifier: bool = True) -> Assessed:
    """A new instansi with member A as ketua and, on a complete scale, this year's assessment begun. Member B is
    its verifikator, or the ketua of another instansi that has begun its own assessment of the same year."""
    version = RubricVersion.objects.get(is_current=True)
    if version.scale_problems():
        give_scale(version)
    instansi = _instansi()
    make_team(instansi, ctx.users["member_a"])
    if verifier:
        assign_verifier(instansi, ctx.users["member_b"])
    else:
        other = _instansi()
        make_team(other, ctx.users["member_b"])
        make_assessment(other, timezone.localdate().year, ctx.users["member_b"])
    _post(ctx.clients["member_a"], "/penilaian/mulai/")
    return Assessed(ctx, instansi, SelfAssessment.objects.get(instansi=instansi), verifier)


def answer_narrative(verifier: bool, ctx: Context) -> Handle:
    """An answer's uraian: on its aspect page, in the trail, the report and its PDF, XLSX and CSV."""
    marker = new_marker()
    place = _assessed(ctx, verifier)
    answer = place.first_answer()
    place.post_answer(answer, f"Uraian {marker}: SK tim penilaian dan notulen rapat.")
    handle = place.handle(marker)
    for page in [f"{answer.indicator.aspect.slug}/", "riwayat/", *REPORT]:
        place.shows(handle, page)
    return handle


ROWS.append(Row("answer narrative", partial(answer_narrative, True), {"assessment": TEAM_AND_VERIFIER}))
ROWS.append(
    Row("answer narrative with member B on another team", partial(answer_narrative, False), {"assessment": OWNER})
)


@row("verifikator's finding in a closed round", assessment=TEAM_AND_VERIFIER)
def closed_round_finding(ctx):
    """Written by member B on the aspect page in Verifikasi Awal; the team reads it once the round is closed."""
    marker = new_marker()
    place = _assessed(ctx)
    answer = place.first_answer()
    place.answer_the_rest()
    place.review(place.submit(), {answer.indicator.code: f"Temuan {marker}: SK belum ditandatangani PPK."})
    handle = place.handle(marker)
    for page in [f"{answer.indicator.aspect.slug}/", "riwayat/", *REPORT]:
        place.shows(handle, page)
    return handle


@row("evidence file and link", assessment=TEAM_AND_VERIFIER)
def evidence(ctx):
    """A PDF whose bytes carry one marker and its name another, then a link with a marked address and title, both
    attached through the aspect page's form."""
    content, name, link, title = new_marker(), new_marker("bukti"), new_marker("tautan"), new_marker("judul")
    place = _assessed(ctx)
    answer = place.first_answer()
    data = PDF.replace(b"%%EOF", f"% {content}\n%%EOF".encode())
    upload = SimpleUploadedFile(f"{name}.pdf", data, "application/pdf")
    place.post_answer(answer, evidence_file=upload)
    place.post_answer(answer, evidence_url=f"https://arsip.contoh.go.id/{link}/", evidence_title=f"Notulen {title}")
    item = Evidence.objects.get(answer=answer, original_name=f"{name}.pdf")
    handle = place.handle(content, name, link, title)
    handle.shows(item.download_url, TEAM_AND_VERIFIER, content)
    for text in (f"{name}.pdf", title, link):
        place.shows(handle, f"{answer.indicator.aspect.slug}/", text)
    return place.shows(handle, "riwayat/", f"{name}.pdf")


@row("rencana aksi item", assessment=TEAM_AND_VERIFIER, mail=OWNER)
def action_item(ctx):
    """Written by member A through the plan's form, due in three days so its owner (member A) is reminded at once;
    the verifikator reads it."""
    marker, output = new_marker(), new_marker("keluaran")
    place = _assessed(ctx)
    answer = place.first_answer()
    data = {
        "indicator": answer.indicator.code,
        "action": f"Aksi {marker}: menetapkan SK tim",
        "output_target": f"SK {output}",
        "outcome_target": "Nilai indikator naik",
        "owner": ctx.users["member_a"].pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "status": ActionItem.PLANNED,
    }
    with _capture_mail():
        _post(ctx.clients["member_a"], place.team_url("rencana-aksi/"), data)
    item = place.assessment.actions.get()
    handle = place.handle(marker, output)
    for page in ["rencana-aksi/", f"rencana-aksi/{item.pk}/", "laporan/", "laporan.pdf", "laporan.xlsx"]:
        place.shows(handle, page)
    return place.shows(handle, "rencana-aksi/", output)


@row("determined, unpublished result", assessment=TEAM_AND_VERIFIER)
def determined_result(ctx):
    """Four rounds through the real submit and close buttons, Verifikasi Akhir determining the result, which KASN
    has not published. A verified score makes no marker, so an answer's uraian stands for the assessment. There is
    no national dashboard (`/dasbor/`) yet; once there is, its category and index pages belong in this row's
    probes, where an unpublished result must not be listed."""
    marker = new_marker()
    place = _assessed(ctx)
    answer = place.first_answer()
    place.post_answer(answer, f"Uraian {marker}: seluruh jabatan sudah punya SKJ.")
    place.answer_the_rest()
    for _number in range(4):
        place.review(place.submit())
    place.assessment.refresh_from_db()
    assert place.assessment.status == SelfAssessment.DITETAPKAN and place.assessment.published_at is None
    handle = place.handle(marker)
    for page in [f"{answer.indicator.aspect.slug}/", *REPORT]:
        place.shows(handle, page)
    return place.shows(handle, "", str(dict(SelfAssessment.STATUS_CHOICES)[SelfAssessment.DITETAPKAN]))


@row("invitation to the team", assessment=OWNER, mail={"outsider"})
def invitation(ctx):
    """Member A invites an address no account has: the e-mail with the one-time link goes to it alone, and only the
    ketua's team page lists the open invitation."""
    local = new_marker("undangan")
    address = f"{local}@contoh.go.id"
    place = _assessed(ctx)
    with _capture_mail():
        _post(ctx.clients["member_a"], "/penilaian/tim/", {"email": address, "working_group": "kinerja"})
    token = Invitation.objects.get(email=address).token
    sent = [message for message in mail.outbox if token in message.body]
    assert [message.recipients() for message in sent] == [[address]]
    handle = place.handle(address, token, search_term=local)
    return handle.shows("/penilaian/tim/", OWNER, address)
