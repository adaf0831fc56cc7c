"""The learning path (Internalisasi): the gaps ranked by points still to gain, the verified score over the team's
draft, what the portal offers on each gap (only what is public), and a fixed number of queries however many."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from assessment.access import Access
from assessment.assessments import SelfAssessment
from assessment.learning_path import learning_path, progress_by_aspect
from assessment.verification import publish
from cop.models import EventIndexPage, EventPage, GoodPracticePage, PracticeIndexPage
from meritopedia.models import ArticlePage, HandbookChapterPage, HandbookPage, Indicator, MeritopediaIndexPage
from portal.models import Instansi
from tests.assessment.factories import (
    answer_all,
    assign_verifier,
    give_scale,
    make_assessment,
    make_team,
    make_user,
    submit_assessment,
    verify_round,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
LINKED = 8  # indicators given linked content in the query tests


@pytest.fixture
def team():
    """A kabupaten's team with this year's assessment, every indicator still unanswered."""
    give_scale()
    instansi = Instansi.objects.create(name="Pemerintah Kabupaten Uji Jalur", kind="kabupaten")
    ketua = make_user("ketua-jalur", first_name="Sri", last_name="Jalur")
    make_team(instansi, ketua)
    return make_assessment(instansi, YEAR, ketua), ketua


def _indicator(code):
    return Indicator.objects.get(code=code, aspect__version__is_current=True)


def _codes(steps):
    return [step.indicator.code for step in steps]


def _published_result(name, kind, points, publish_it=True):
    """Another instansi's assessment through its four rounds, with the verified points given per code."""
    instansi = Instansi.objects.create(name=name, kind=kind)
    ketua = make_user("ketua-" + name.split()[-1].lower())
    make_team(instansi, ketua)
    assessment = answer_all(make_assessment(instansi, YEAR - 1, ketua), ketua, "zero")
    verifier = make_user("verifikator-" + name.split()[-1].lower())
    for _round in range(4):
        verify_round(submit_assessment(assessment), verifier, points=points)
    assessment.refresh_from_db()
    if publish_it:
        publish(assessment, verifier, Access(verifier=True))
    return instansi


def _practice(slug, instansi, codes, live=True):
    page = GoodPracticePage(
        title=f"Praktik {slug}", slug=slug, instansi=instansi, live=live,
        problem="Masalah.", action="Tindakan.", results="Hasil 40%.",
    )
    PracticeIndexPage.objects.get().add_child(instance=page)
    page.indicators.set([_indicator(code) for code in codes])
    if live:
        page.save_revision().publish()
    else:
        page.save()
    return page


def _event(slug, codes, days=7, live=True):
    page = EventPage(
        title=f"Acara {slug}", slug=slug, event_type="coaching_clinic", intro="Ringkasan.", live=live,
        start=timezone.now().replace(microsecond=0) + datetime.timedelta(days=days),
    )
    EventIndexPage.objects.get().add_child(instance=page)
    page.indicators.set([_indicator(code) for code in codes])
    if live:
        page.save_revision().publish()
    else:
        page.save()
    return page


def _article(slug, codes):
    page = ArticlePage(title=f"Artikel {slug}", slug=slug, intro="Ringkasan.", body=[])
    MeritopediaIndexPage.objects.get().add_child(instance=page)
    page.indicators.set([_indicator(code) for code in codes])
    page.save_revision().publish()
    return page


def _chapter(slug, codes):
    page = HandbookChapterPage(title=f"Bab {slug}", slug=slug, body=[])
    HandbookPage.objects.get().add_child(instance=page)
    page.indicators.set([_indicator(code) for code in codes])
    page.save_revision().publish()
    return page


def test_steps_are_ranked_by_the_points_still_to_gain(team):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"9.a": "zero", "13.d": "half", "16.d": "zero"})
    steps = learning_path(assessment)
    assert set(_codes(steps)) == {"9.a", "13.d", "16.d"}  # the indicators at their top level are not a step
    gaps = [step.gap for step in steps]
    assert gaps == sorted(gaps, reverse=True)
    for step in steps:
        assert step.max_points == step.indicator.max_points
        assert step.gap == step.max_points - step.points and step.verified is False
    half = next(step for step in steps if step.indicator.code == "13.d")
    assert half.points == (half.max_points / 2).quantize(Decimal("0.1"))
    assert _codes(learning_path(assessment, limit=2)) == _codes(steps)[:2]


def test_unanswered_indicators_count_as_nothing_reached(team):
    assessment, _ketua = team
    steps = learning_path(assessment)
    assert len(steps) == Indicator.objects.filter(aspect__version=assessment.version).count()
    assert all(step.points == 0 and step.gap == step.max_points for step in steps)
    progress = progress_by_aspect(assessment)
    assert sum(sum(row.values()) for row in progress.values()) == len(steps)


def test_the_verified_score_replaces_the_teams_draft(team):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"9.a": "zero"})
    verify_round(submit_assessment(assessment), make_user("verifikator-jalur"), points={"9.a": "top", "9.b": "half"})
    steps = {step.indicator.code: step for step in learning_path(assessment)}
    assert "9.a" not in steps  # the team claimed nothing, the verifikator gave the top level
    assert steps["9.b"].verified is True and steps["9.b"].points < steps["9.b"].max_points
    assert all(step.verified for step in steps.values())


def test_practices_of_the_same_kind_that_did_better_come_first_and_only_published_results_count(team):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"11.6.c": "zero"})
    better = _published_result("Pemerintah Kabupaten Lebih", "kabupaten", {"11.6.c": "top"})
    unpublished = _published_result("Pemerintah Kabupaten Diam", "kabupaten", {"11.6.c": "top"}, publish_it=False)
    other_kind = _published_result("Kementerian Lain", "kementerian", {"11.6.c": "top"})
    _practice("praktik-lain-jenis", other_kind, ["11.6.c"])
    _practice("praktik-belum-terbit-hasil", unpublished, ["11.6.c"])
    _practice("praktik-lebih-baik", better, ["11.6.c", "13.d"])
    _practice("praktik-sendiri", assessment.instansi, ["11.6.c"])  # the team's own practice teaches it nothing
    (step,) = learning_path(assessment)
    titles = [practice.title for practice in step.practices]
    assert titles[0] == "Praktik praktik-lebih-baik"
    assert step.practices[0].is_better and step.practices[0].same_kind
    marks = {p.title: (p.is_better, p.same_kind) for p in step.practices}
    assert marks["Praktik praktik-belum-terbit-hasil"] == (False, True)  # its instansi's result is not public
    assert marks["Praktik praktik-lain-jenis"] == (False, False)
    assert "Praktik praktik-sendiri" not in titles
    assert step.better_practices == {step.practices[0].pk}


def test_private_and_unpublished_content_and_past_events_never_appear(team, client):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"11.6.c": "zero"})
    elsewhere = Instansi.objects.create(name="Pemerintah Kabupaten Tetangga", kind="kabupaten")
    _practice("praktik-terbuka", elsewhere, ["11.6.c"])
    _practice("praktik-draf", elsewhere, ["11.6.c"], live=False)
    locked = _practice("praktik-berkata-sandi", elsewhere, ["11.6.c"])
    PageViewRestriction.objects.create(page=locked, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")
    _event("acara-mendatang", ["11.6.c"])
    _event("acara-draf", ["11.6.c"], live=False)
    _event("acara-lewat", ["11.6.c"], days=-3)
    _article("artikel-talenta", ["11.6.c"])
    _chapter("bab-talenta", ["11.6.c"])
    (step,) = learning_path(assessment)
    assert [p.title for p in step.practices] == ["Praktik praktik-terbuka"]
    assert [e.title for e in step.events] == ["Acara acara-mendatang"]
    assert [a.title for a in step.articles] == ["Artikel artikel-talenta"]
    assert [c.title for c in step.chapters] == ["Bab bab-talenta"]
    client.force_login(ketua)
    page = client.get(f"/penilaian/{YEAR}/jalur-belajar/").content.decode()
    assert "Praktik praktik-terbuka" in page and "Acara acara-mendatang" in page
    for hidden in ("praktik-draf", "praktik-berkata-sandi", "acara-draf", "acara-lewat"):
        assert hidden not in page


def test_the_queries_do_not_grow_with_the_gaps(team):
    """Two gaps or forty-six, each with practices, articles, chapters and events: the same number of queries."""
    assessment, ketua = team
    elsewhere = Instansi.objects.create(name="Pemerintah Kabupaten Banyak", kind="kabupaten")
    codes = list(Indicator.objects.filter(aspect__version=assessment.version).values_list("code", flat=True))
    for n, code in enumerate(["9.a", "9.b", *codes[-LINKED + 2:]]):
        _practice(f"praktik-{n}", elsewhere, [code])
        _article(f"artikel-{n}", [code])
        _event(f"acara-{n}", [code])
    _chapter("bab-semua", codes)
    answer_all(assessment, ketua, "top", levels={"9.a": "zero", "9.b": "zero"})
    with CaptureQueriesContext(connection) as few:
        few_steps = learning_path(SelfAssessment.objects.get(pk=assessment.pk))
    assessment.answers.update(points=None, level=None)
    with CaptureQueriesContext(connection) as many:
        many_steps = learning_path(SelfAssessment.objects.get(pk=assessment.pk))
    assert len(few_steps) == 2 and len(many_steps) == len(codes)
    linked = [step for step in many_steps if step.practices and step.articles and step.chapters and step.events]
    assert len(linked) == LINKED
    assert len(many.captured_queries) == len(few.captured_queries) <= 16


def test_the_page_queries_do_not_grow_with_the_gaps(team, client, django_assert_max_num_queries):
    assessment, ketua = team
    elsewhere = Instansi.objects.create(name="Pemerintah Kabupaten Halaman", kind="kabupaten")
    codes = list(Indicator.objects.filter(aspect__version=assessment.version).values_list("code", flat=True))
    for n, code in enumerate(["9.a", *codes[-LINKED + 1:]]):
        _practice(f"praktik-{n}", elsewhere, [code])
        _event(f"acara-{n}", [code])
    client.force_login(ketua)
    url = f"/penilaian/{YEAR}/jalur-belajar/"  # (the first request also reads the site's root paths once)
    answer_all(assessment, ketua, "top", levels={"9.a": "zero"})
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    assessment.answers.update(points=None, level=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Jadikan rencana aksi") == len(codes)


def test_each_step_links_its_page_clause_discussion_and_the_action_form(team, client):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"13.d": "zero"})
    client.force_login(ketua)
    response = client.get(f"/penilaian/{YEAR}/jalur-belajar/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    indicator = _indicator("13.d")
    assert f'href="{indicator.page.url}"' in page
    assert f'href="{indicator.page.url}#diskusi"' in page
    assert f'{indicator.clause.regulation.url}#{indicator.clause.anchor}"' in page
    assert indicator.clause.text[:40] in page
    assert f"/penilaian/{YEAR}/rencana-aksi/?indikator=13.d#rencana-baru" in page
    assert "draf" in page
    top = indicator.max_points
    assert f"0 / {top}".replace(".", ",") in page or f"0 / {int(top)}" in page


def test_the_verifikator_reads_the_path_without_planning_and_others_get_nothing(team, client):
    assessment, ketua = team
    verifier = make_user("verifikator-baca")
    assign_verifier(assessment.instansi, verifier)
    client.force_login(verifier)
    url = f"/penilaian/verifikasi/{assessment.instansi.pk}/{YEAR}/jalur-belajar/"
    page = client.get(url).content.decode()
    assert "Jalur belajar" in page and "Jadikan rencana aksi" not in page
    editor = make_user("editor-jalur", is_staff=True, is_superuser=True)
    client.force_login(editor)
    assert client.get(url).status_code == 404
    assert client.get(f"/penilaian/{YEAR}/jalur-belajar/").status_code == 404
    client.logout()
    response = client.get(f"/penilaian/{YEAR}/jalur-belajar/")
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


def test_the_workspace_summary_shows_the_first_steps(team, client):
    assessment, ketua = team
    answer_all(assessment, ketua, "top", levels={"9.a": "zero", "13.d": "half"})
    client.force_login(ketua)
    page = client.get("/penilaian/").content.decode()
    assert "9.a" in page and f"/penilaian/{YEAR}/jalur-belajar/#{_indicator('9.a').anchor}" in page
