"""The sweep is not blind: public twins of the rows, allowed to nobody, are reported as leaks on the very paths
the matrix relies on (page, search, API, feeds, sitemap, calendar, handbook PDF, files, directory, e-mail)."""

import pytest

from cop.members import MemberProfile

from .matrix import Handle, Row, new_marker, sweep
from .probes import PROBES
from .rows import _public_practice, collection_file, page_handle, place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

PAGE_PATHS = ["/cari/?q=", "/api/search/?q=", "/api/search/autocomplete/", "/api/v2/pages/?search=", "/sitemap.xml"]


def public_page(kind, ctx):
    marker = new_marker()
    return page_handle(place(kind, marker), marker)


def listed_profile(ctx):
    name = new_marker("nama")
    MemberProfile.objects.filter(user=ctx.users["member_a"]).update(full_name=name, in_directory=True)
    return Handle([name])


def notified_comment(ctx):
    """Member A comments through the real form on a practice member B owns: B is told, with the comment."""
    marker = new_marker()
    page = _public_practice(new_marker("pub"), owner=ctx.users["member_b"])
    assert ctx.clients["member_a"].post(f"/diskusi/{page.pk}/kirim/", {"body": f"Komentar {marker}"}).status_code == 302
    return Handle([marker])


TWINS = [
    ("article", lambda ctx: public_page("article", ctx), PAGE_PATHS + ["/meritopedia/feed/", "/meritopedia/ ("]),
    ("event", lambda ctx: public_page("event", ctx), ["/acara/kalender.ics", ".ics (", "/acara/ ("]),
    ("chapter", lambda ctx: public_page("chapter", ctx), ["/handbook/ (", "/handbook/cetak/", "/handbook/pdf/"]),
    ("document", lambda ctx: collection_file(None, "document", ctx), ["/dokumen/", "/api/v2/documents/?search="]),
    ("image", lambda ctx: collection_file(None, "image", ctx), ["/media/images/", "/api/v2/images/?search="]),
    ("media", lambda ctx: collection_file(None, "media", ctx), ["/rekaman/", "/media/media/"]),
]


@pytest.mark.parametrize("kind, make, paths", TWINS, ids=[twin[0] for twin in TWINS])
def test_a_public_object_is_seen_by_anonymous_on_every_path_that_shows_it(kind, make, paths, ctx):
    outcome = sweep(Row(f"public {kind}", make), make(ctx), ctx, PROBES)
    seen = [leak for leak in outcome.leaks if leak.startswith("anonymous ")]
    assert [path for path in paths if not any(path in leak for leak in seen)] == []


def test_the_directory_and_e_mail_probes_see_what_they_should(ctx):
    directory = sweep(Row("listed profile", listed_profile), listed_profile(ctx), ctx, PROBES)
    assert any(leak.startswith("member_b sees") and "/anggota/?q=" in leak for leak in directory.leaks)
    assert not any(leak.startswith("anonymous") for leak in directory.leaks)  # the directory is for members
    mail = sweep(Row("comment", notified_comment), notified_comment(ctx), ctx, PROBES)
    assert any(leak.startswith("member_b <") and "gets e-mail" in leak for leak in mail.leaks)
