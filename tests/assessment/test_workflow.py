"""The penilaian mandiri through its real pages: a team answers, the ketua submits, the verifikator scores in four
rounds with revisions in between, and the result is determined with its Pasal 18 consequence."""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessment.assessments import Answer, SelfAssessment
from assessment.teams import Invitation, TeamMember
from meritopedia.models import IndicatorLevel, RubricVersion
from portal.models import Instansi
from tests.assessment.factories import (
    answer_all,
    give_scale,
    make_assessment,
    make_team,
    make_user,
    verify_round,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def instansi():
    return Instansi.objects.create(name="Pemerintah Kabupaten Uji Alur", kind="kabupaten")


@pytest.fixture
def ketua(instansi):
    give_scale()
    user = make_user("ketua-alur", first_name="Sri", last_name="Ketua")
    make_team(instansi, user)
    return user


def _client(client, user):
    client.force_login(user)
    return client


def _prefix(code):
    return "i" + code.replace(".", "_")


def _post_answer(client, answer, level=None, narrative="Uraian.", progress="siap", version=None, **extra):
    code, aspect = answer.indicator.code, answer.indicator.aspect.slug
    p = _prefix(code)
    data = {
        "indicator": code,
        f"{p}-lock_version": answer.lock_version if version is None else version,
        f"{p}-level": "" if level is None else level.pk,
        f"{p}-narrative": narrative,
        f"{p}-progress": progress,
        **{f"{p}-{k}": v for k, v in extra.items()},
    }
    return client.post(f"/penilaian/{YEAR}/{aspect}/", data)


def _top(answer):
    return answer.indicator.levels.order_by("-points").first()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/penilaian/", f"/penilaian/{YEAR}/", f"/penilaian/{YEAR}/pengembangan-karier/", "/penilaian/tim/"):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"], url


def test_a_member_on_no_team_reads_how_a_team_is_formed(client):
    page = _client(client, make_user("tanpa-tim")).get("/penilaian/").content.decode()
    assert "Bagaimana tim dibentuk" in page and "Pasal 7" in page


def test_a_profile_instansi_grants_nothing(client, instansi, ketua):
    from cop.members import MemberProfile

    make_assessment(instansi, YEAR, ketua)
    stranger = make_user("mengaku-anggota")
    MemberProfile.objects.create(user=stranger, full_name="Mengaku", instansi=instansi)
    client.force_login(stranger)
    assert client.get(f"/penilaian/{YEAR}/").status_code == 404
    assert "Bagaimana tim dibentuk" in client.get("/penilaian/").content.decode()


def test_the_ketua_starts_answers_and_cannot_submit_with_gaps(client, instansi, ketua):
    client = _client(client, ketua)
    assert client.post("/penilaian/mulai/").status_code == 302
    assessment = SelfAssessment.objects.get(instansi=instansi, year=YEAR)
    assert assessment.answers.count() == 46 and assessment.status == SelfAssessment.BELUM
    answer = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    response = _post_answer(client, answer, _top(answer), narrative="Talent pool ditetapkan.", progress="sedang")
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.SEDANG
    response = client.post(f"/penilaian/{YEAR}/ajukan/", follow=True)
    assert "Belum dapat diajukan: 46 indikator" in response.content.decode()
    assert not assessment.rounds.exists()


def test_an_off_scale_score_and_a_wrong_file_keep_what_was_typed(client, instansi, ketua):
    assessment = make_assessment(instansi, YEAR, ketua)
    client = _client(client, ketua)
    answer = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    elsewhere = IndicatorLevel.objects.exclude(indicator=answer.indicator).first()
    response = _post_answer(client, answer, elsewhere, narrative="Teks yang tidak boleh hilang.")
    page = response.content.decode()
    assert response.status_code == 400
    assert "tidak ada pada skala indikator ini" in page and "Teks yang tidak boleh hilang." in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bukti.pdf", b"MZ bukan pdf", content_type="application/pdf")
    response = _post_answer(client, answer, _top(answer), narrative="Teks kedua.", evidence_file=fake)
    assert response.status_code == 400 and "bukan PDF yang sah" in response.content.decode()
    answer.refresh_from_db()
    assert answer.narrative == "" and answer.level is None and not answer.evidence.exists()


def test_two_members_saving_one_answer_lose_nothing(client, instansi, ketua, django_user_model):
    from django.test import Client

    member = make_user("anggota-karier")
    TeamMember.objects.create(team=instansi.team, user=member, working_group="karier")
    assessment = make_assessment(instansi, YEAR, ketua)
    answer = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    opened = answer.lock_version
    first, second = _client(client, ketua), Client()
    second.force_login(member)
    assert _post_answer(first, answer, _top(answer), narrative="Versi ketua.", version=opened).status_code == 302
    response = _post_answer(second, answer, _top(answer), narrative="Versi anggota.", version=opened)
    page = response.content.decode()
    assert response.status_code == 409
    assert "sudah diubah orang lain" in page and "Versi ketua." in page and "Versi anggota." in page
    answer.refresh_from_db()
    assert answer.narrative == "Versi ketua."
    # Saving again from the conflict form is a deliberate choice, and it wins.
    assert _post_answer(second, answer, _top(answer), narrative="Versi anggota.").status_code == 302
    answer.refresh_from_db()
    assert answer.narrative == "Versi anggota." and answer.revisions.count() == 2


def test_a_member_answers_only_the_aspects_of_their_working_group(client, instansi, ketua):
    member = make_user("anggota-kinerja")
    TeamMember.objects.create(team=instansi.team, user=member, working_group="kinerja")
    assessment = make_assessment(instansi, YEAR, ketua)
    client = _client(client, member)
    career = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    response = _post_answer(client, career, _top(career))
    assert response.status_code == 400 and "kelompok kerja lain" in response.content.decode()
    performance = assessment.answers.select_related("indicator__aspect").get(indicator__code="13.d")
    assert _post_answer(client, performance, _top(performance)).status_code == 302


def test_four_rounds_revisions_diffs_and_the_determined_result(client, instansi, ketua):
    from django.test import Client

    verifier = make_user("verifikator-alur")
    assessment = answer_all(make_assessment(instansi, YEAR, ketua), ketua, "top")
    team = _client(client, ketua)
    assert team.post(f"/penilaian/{YEAR}/ajukan/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.DIAJUKAN
    locked = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    response = _post_answer(team, locked, _top(locked), narrative="Mencoba mengubah.")
    assert response.status_code == 400 and "terkunci" in response.content.decode()
    for number in (1, 2, 3):
        round_ = assessment.rounds.get(number=number)
        verify_round(round_, verifier, points={"13.d": "half"}, flag=("13.d",), findings={"13.d": "Bukti kurang."})
        assessment.refresh_from_db()
        assert assessment.status == SelfAssessment.PERBAIKAN
        flagged = assessment.answers.select_related("indicator__aspect").get(indicator__code="13.d")
        assert _post_answer(team, flagged, _top(flagged), narrative=f"Perbaikan ke-{number}.").status_code == 302
        other = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
        assert _post_answer(team, other, _top(other), narrative="Tidak diminta.").status_code == 400
        assert team.post(f"/penilaian/{YEAR}/ajukan/").status_code == 302
    changes = team.get(f"/penilaian/{YEAR}/perubahan/3/").content.decode()
    assert "Perbaikan ke-1." in changes and "Perbaikan ke-2." in changes and "45 indikator tidak berubah" in changes
    final = assessment.rounds.get(number=4)
    verify_round(final, verifier, points={"13.d": "half"})
    assessment.refresh_from_db()
    version = assessment.version
    expected = version.total_points - _top(flagged).points + (_top(flagged).points / 2).quantize(Decimal("0.1"))
    assert assessment.status == SelfAssessment.DITETAPKAN
    assert assessment.verified_points == expected
    assert assessment.index == version.index_for(expected)
    assert assessment.category == version.category_for(expected).name
    page = team.get(f"/penilaian/{YEAR}/").content.decode()
    assert "Hasil penilaian" in page and "Pasal 18" in page
    assert assessment.rounds.filter(closed_at__isnull=False).count() == 4
    assert all(r.aspect_scores.count() == 8 for r in assessment.rounds.all())
    # The verifikator's own address, and its publishing button.
    checker = Client()
    checker.force_login(verifier)
    assert checker.post(f"/penilaian/verifikasi/{instansi.pk}/{YEAR}/verifikasi/terbitkan/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.published_at is not None


def test_every_change_is_kept_with_old_and_new(client, instansi, ketua):
    assessment = make_assessment(instansi, YEAR, ketua)
    client = _client(client, ketua)
    answer = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    _post_answer(client, answer, _top(answer), narrative="Pertama.", progress="sedang")
    answer.refresh_from_db()
    _post_answer(client, answer, _top(answer), narrative="Kedua.", progress="siap")
    page = client.get(f"/penilaian/{YEAR}/riwayat/").content.decode()
    assert "Pertama." in page and "Kedua." in page and "Sri Ketua" in page
    assert page.index("Kedua.") < page.rindex("Pertama.")


def test_next_year_starts_from_this_years_answers_marked_to_check_again(client, instansi, ketua):
    last_year = answer_all(make_assessment(instansi, YEAR - 1, ketua), ketua, "half")
    assert last_year.status == SelfAssessment.SELESAI
    client = _client(client, ketua)
    assert client.post("/penilaian/mulai/").status_code == 302
    this_year = SelfAssessment.objects.get(instansi=instansi, year=YEAR)
    answers = list(this_year.answers.all())
    assert all(a.needs_recheck and a.progress == Answer.SEDANG and a.points is not None for a in answers)
    assert this_year.status == SelfAssessment.SEDANG
    page = client.get(f"/penilaian/{YEAR}/pengembangan-karier/").content.decode()
    assert "Perlu dicek ulang" in page and f"Nilai {YEAR - 1}" in page


def test_a_rubric_whose_maxima_do_not_add_up_is_refused(client, instansi, ketua):
    version = RubricVersion.objects.get(is_current=True)
    IndicatorLevel.objects.filter(indicator__code="11.6.c").order_by("-points").first().delete()
    problems = version.scale_problems()
    assert any("Pengembangan karier" in p and "130" in p for p in problems)
    with pytest.raises(ValidationError):
        version.clean()
    page = _client(client, ketua).get("/penilaian/").content.decode()
    assert "rubrik belum lengkap" in page and "nilai maksimal aspek 130" in page
    response = client.post("/penilaian/mulai/", follow=True)
    assert "belum dapat dipakai" in response.content.decode()
    assert not SelfAssessment.objects.filter(instansi=instansi).exists()


def test_the_ketua_invites_and_only_the_invited_address_can_accept(
    client, instansi, ketua, django_capture_on_commit_callbacks
):
    from django.test import Client

    client = _client(client, ketua)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/penilaian/tim/", {"email": "Rina@Contoh.go.id", "working_group": "kinerja"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(team=instansi.team)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rina@contoh.go.id"]
    link = f"/penilaian/undangan/{invitation.token}/"
    assert link in mail.outbox[0].body
    other = make_user("bukan-rina")
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    stranger = Client()
    stranger.force_login(other)
    assert "untuk alamat email lain" in stranger.post(link).content.decode()
    rina = make_user("rina")
    EmailAddress.objects.create(user=rina, email="rina@contoh.go.id", verified=True, primary=True)
    invited = Client()
    invited.force_login(rina)
    assert invited.post(link).status_code == 302
    member = TeamMember.objects.get(user=rina)
    assert member.team == instansi.team and member.working_group == "kinerja" and member.granted_by == ketua
    assert "sudah dipakai" in invited.post(link).content.decode()


def test_an_outsider_an_editor_and_a_superuser_get_nothing(client, instansi, ketua, admin_user):
    assessment = answer_all(make_assessment(instansi, YEAR, ketua), ketua, "top", narrative="Rahasia tim.")
    other = Instansi.objects.create(name="Pemerintah Kota Lain", kind="kota")
    outsider = make_user("tim-lain")
    make_team(other, outsider)
    urls = [f"/penilaian/{YEAR}/", f"/penilaian/{YEAR}/pengembangan-karier/", f"/penilaian/{YEAR}/riwayat/",
            f"/penilaian/verifikasi/{instansi.pk}/{YEAR}/", f"/penilaian/verifikasi/{instansi.pk}/{YEAR}/riwayat/"]
    for user in (outsider, admin_user):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404 or "Rahasia tim." not in response.content.decode(), (user, url)
            assert "Rahasia tim." not in response.content.decode()
    assert assessment.answers.filter(narrative="Rahasia tim.").count() == 46


def test_pages_are_private_and_saving_answers_purges_no_public_page(client, instansi, ketua):
    from portal.cache import generation

    assessment = make_assessment(instansi, YEAR, ketua)
    before = {tag: generation(tag) for tag in ("all", "content", "rubric", "any")}
    client = _client(client, ketua)
    answer = assessment.answers.select_related("indicator__aspect").get(indicator__code="11.6.c")
    assert _post_answer(client, answer, _top(answer)).status_code == 302
    response = client.get(f"/penilaian/{YEAR}/pengembangan-karier/")
    assert "no-store" in response["Cache-Control"]
    import time

    time.sleep(1.05)  # past the in-process memo of generations
    assert {tag: generation(tag) for tag in before} == before


def test_numbers_on_the_pages_are_indonesian(client, instansi, ketua):
    assessment = answer_all(make_assessment(instansi, YEAR, ketua), ketua, "half")
    page = _client(client, ketua).get(f"/penilaian/{YEAR}/").content.decode()
    assert "130" in page and "130.0" not in page
    half_points = assessment.answers.get(indicator__code="11.6.c").points
    if half_points != int(half_points):
        aspect_page = client.get(f"/penilaian/{YEAR}/pengembangan-karier/").content.decode()
        assert str(half_points).replace(".", ",") in aspect_page
    assert datetime.date.today().year == YEAR
