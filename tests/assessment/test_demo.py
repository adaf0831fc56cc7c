"""`load_demo` for the penilaian mandiri: demo scale, instansi, teams, accounts and two assessments at their
stages, made once, and `load_demo --remove` taking all of it away (accounts too) and nothing else."""

import io
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from assessment import filling
from assessment.changes import round_changes
from assessment.models import (
    ActionItem,
    Answer,
    AssessmentLogEntry,
    Evidence,
    SelfAssessment,
    Team,
    TeamMember,
    VerificationRound,
    VerifierAssignment,
)
from meritopedia.models import Indicator, IndicatorLevel, RubricVersion
from portal.models import Instansi

pytestmark = pytest.mark.django_db

DOMAIN = "@demo.meritopedia.test"
PASSWORD = "Demo-merit-2018"
MODELS = [
    get_user_model(),
    EmailAddress,
    Instansi,
    Team,
    TeamMember,
    VerifierAssignment,
    SelfAssessment,
    Answer,
    Evidence,
    VerificationRound,
    ActionItem,
    IndicatorLevel,
    AssessmentLogEntry,
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # cop's demo writes generated audio


def demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def logged_in_as(client, email, password) -> bool:
    client.post("/akun/login/", {"login": email, "password": password})
    return "_auth_user_id" in client.session


def test_load_demo_builds_both_assessments_at_their_stages_once(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    out = demo()
    assert "Akun demo dibuat" in out and "ketua@demo.meritopedia.test" in out
    assert "kata sandi:" not in out, "a password the operator gave is not printed"

    version = RubricVersion.objects.get(is_current=True)
    assert version.scale_problems() == []
    levels = IndicatorLevel.objects.filter(indicator__aspect__version=version)
    assert levels.exists() and all(lv.is_demo and "bukan rubrik resmi KASN" in lv.description for lv in levels)

    kabupaten = Instansi.objects.get(name="Kabupaten Contoh Demo", kind="kabupaten", is_demo=True)
    kota = Instansi.objects.get(name="Kota Contoh Demo", kind="kota", is_demo=True)
    assert kota.province
    assert kabupaten.team.is_demo and kabupaten.team.ketua.email == "ketua@demo.meritopedia.test"
    assert kota.team.ketua.email == "ketua.kota@demo.meritopedia.test"
    member = TeamMember.objects.get(user__email="anggota@demo.meritopedia.test")
    assert (member.team.instansi, member.role, member.is_demo) == (kota, TeamMember.ANGGOTA, True)
    assert set(
        VerifierAssignment.objects.filter(user__email="verifikator@demo.meritopedia.test", is_demo=True).values_list(
            "instansi__name", flat=True
        )
    ) == {kabupaten.name, kota.name}
    for user in get_user_model().objects.filter(email__endswith=DOMAIN):
        assert EmailAddress.objects.get(user=user, email=user.email).verified
        assert user.member_profile.full_name.endswith("Contoh")
    assert get_user_model().objects.get(email="anggota@demo.meritopedia.test").member_profile.instansi == kota

    year = timezone.localdate().year
    done = SelfAssessment.objects.get(instansi=kabupaten, year=year - 1)
    assert done.is_demo and done.status == SelfAssessment.DITETAPKAN and done.published_at is None
    rounds = list(done.rounds.order_by("number"))
    assert [r.number for r in rounds] == [1, 2, 3, 4] and all(r.closed_at for r in rounds)
    flagged = [r.reviews.filter(needs_revision=True).count() for r in rounds]
    assert all(flagged[:3]) and flagged[3] == 0
    assert all(round_changes(done, number)["rows"] for number in (2, 3, 4)), "the team revised between rounds"
    assert done.verified_points == sum(r.verified_points for r in rounds[-1].aspect_scores.all())
    assert done.index == version.index_for(done.verified_points)
    assert done.category and done.category == version.category_for(done.verified_points).name
    actions = list(done.actions.all())
    assert 3 <= len(actions) <= 4 and all(a.owner and a.due_date and a.indicator for a in actions)
    assert all(a.owner.email.endswith(DOMAIN) for a in actions)

    filling_in = SelfAssessment.objects.get(instansi=kota, year=year)
    assert filling_in.is_demo and filling_in.status == SelfAssessment.SEDANG
    assert filling_in.answers.exclude(level=None).exists() and filling_in.answers.filter(level=None).exists()
    assert Evidence.objects.filter(answer__assessment=filling_in).exclude(url="").exists()
    assert all("demo" in a.narrative for a in filling_in.answers.exclude(narrative=""))

    before = counts()
    again = demo()
    assert "tidak ada perubahan" in again and "Akun demo dibuat" not in again
    assert counts() == before

    assert logged_in_as(client, "ketua@demo.meritopedia.test", PASSWORD)


def test_a_generated_password_is_printed_once_and_remove_takes_everything_demo(client, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    version = RubricVersion.objects.get(is_current=True)
    edited = Indicator.objects.get(code="9.a", aspect__version=version)  # an editor's real scale, kept as it is
    for points, text in [(0, "belum"), (6, "sebagian"), (12, "seluruhnya")]:
        IndicatorLevel.objects.create(indicator=edited, points=points, description=text)
    seed_instansi = set(Instansi.objects.filter(is_demo=False).values_list("pk", flat=True))
    users = get_user_model().objects.count()

    out = demo()
    password = re.search(r"kata sandi: (\S+)", out).group(1)
    assert version.scale_problems() == []
    assert not edited.levels.filter(is_demo=True).exists()
    aspect_a = edited.aspect.indicators.exclude(pk=edited.pk)
    assert {i.levels.order_by("-points").first().points for i in aspect_a} == {Decimal(7)}  # (40 - 12) / 4
    assert logged_in_as(client, "anggota@demo.meritopedia.test", password)
    assert "kata sandi" not in demo()

    # Someone tries the demo: the kabupaten's ketua starts this year's assessment, copied from last year's.
    kabupaten = Instansi.objects.get(name="Kabupaten Contoh Demo")
    ketua = get_user_model().objects.get(email="ketua@demo.meritopedia.test")
    tried = filling.start(kabupaten, timezone.localdate().year, ketua)
    assert not tried.is_demo and tried.answers.filter(level__is_demo=True).exists()

    assert "Konten demo dihapus" in demo("--remove")
    assert not get_user_model().objects.filter(email__endswith=DOMAIN).exists()
    assert get_user_model().objects.count() == users
    for model in (Instansi, Team, TeamMember, VerifierAssignment, SelfAssessment, IndicatorLevel):
        assert not model.objects.filter(is_demo=True).exists(), model
    assert not SelfAssessment.objects.exists() and not Answer.objects.exists()
    assert not AssessmentLogEntry.objects.filter(action__startswith="assessment.").exists()
    assert set(Instansi.objects.values_list("pk", flat=True)) == seed_instansi
    assert sorted(edited.levels.values_list("points", flat=True)) == [0, 6, 12]
    assert Indicator.objects.filter(aspect__version=version).count() == 46


def test_remove_refuses_while_a_real_assessment_uses_the_demo_scale(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    demo()
    real = Instansi.objects.filter(is_demo=False, kind="kota").first()
    someone = get_user_model().objects.create_user("tim-nyata", "tim@instansi.go.id", "x")
    assessment = filling.start(real, timezone.localdate().year, someone)
    answer = assessment.answers.select_related("assessment", "indicator").first()
    level = answer.indicator.levels.order_by("-points").first()
    filling.save_answer(answer, someone, answer.lock_version, filling.AnswerInput(level, "", Answer.SEDANG))
    before = counts()

    with pytest.raises(CommandError, match="masih dipakai oleh data yang bukan demo") as raised:
        demo("--remove")
    assert "Jawaban indikator" in str(raised.value) and real.name in str(raised.value)
    assert counts() == before, "nothing is removed when the removal is refused"
