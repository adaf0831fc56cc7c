"""Demo penilaian mandiri for `manage.py load_demo`: two demo instansi with their teams, a verifikator, and an
assessment at each end of the road, made through the same services the pages use so the trail and the round
comparisons are real.

The kabupaten's assessment of last year went through all four rounds (findings in rounds 1 to 3, revised by the
team in between) and has a rencana aksi; it is determined but not published, so no demo result reaches the
public dashboard. The kota's assessment of this year is being filled in. Accounts have no `is_demo`: they are
known by their @demo.meritopedia.test address, and `remove()` deletes them.
"""

import datetime
import os
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cop.members import MemberProfile
from portal.importer import Report, SeedError, sync
from portal.models import Instansi

from . import filling, verification
from .access import access_to
from .action_plan import ActionItem
from .assessments import Answer, SelfAssessment
from .filling import AnswerInput
from .history import record
from .learning_path import learning_path
from .log_entries import AssessmentLogEntry
from .rounds import LAST_ROUND, ROUND_CHOICES
from .teams import Team, TeamMember, VerifierAssignment

DOMAIN = "demo.meritopedia.test"
KABUPATEN = ("Kabupaten Contoh Demo", "kabupaten", "Nusa Tenggara Timur")  # also made by cop/demo.py
KOTA = ("Kota Contoh Demo", "kota", "Jawa Tengah")
VERIFIER = "verifikator@" + DOMAIN


@dataclass(frozen=True)
class Account:
    email: str
    first_name: str
    instansi: str | None
    jabatan: str
    role: str = ""  # ketua / anggota of the instansi's team; empty for the verifikator
    working_group: str = ""


ACCOUNTS = [
    Account("ketua@" + DOMAIN, "Dewi", KABUPATEN[0], "Kepala Bidang Pengembangan ASN (contoh)", TeamMember.KETUA),
    Account(
        "anggota.kabupaten@" + DOMAIN,
        "Bayu",
        KABUPATEN[0],
        "Analis SDM Aparatur (contoh)",
        TeamMember.ANGGOTA,
        "kinerja",
    ),
    Account("ketua.kota@" + DOMAIN, "Rudi", KOTA[0], "Sekretaris BKPSDM (contoh)", TeamMember.KETUA),
    Account("anggota@" + DOMAIN, "Sari", KOTA[0], "Analis Kepegawaian (contoh)", TeamMember.ANGGOTA, "karier"),
    Account(VERIFIER, "Verifikator", None, "Verifikator KASN (contoh)"),
]
DECREE = "Contoh: Keputusan {ppk} Nomor 800/DEMO/TPM tentang Tim Penilaian Mandiri (konten demo)"

# The team's self-assessed level (index into the indicator's levels, lowest first), indicator after indicator.
SELF_LEVELS = [3, 3, 2, 3, 2, 2, 3, 1, 2, 3, 2, 1]
# How the team answers each finding on a disputed indicator: add evidence and keep its level ("bukti"), or take
# the verifikator's level ("turun"). The verifikator flags the indicator from round `start` for as long as the
# team has answers left, and accepts it after the last one.
DISPUTES = [
    (1, ["bukti"]),
    (1, ["turun"]),
    (1, ["bukti", "bukti"]),
    (1, ["bukti", "turun"]),
    (1, ["bukti", "bukti", "turun"]),
    (2, ["bukti"]),
    (1, ["turun"]),
    (2, ["bukti", "turun"]),
]
ROUND_NAMES = dict(ROUND_CHOICES)
FINDINGS = {
    1: "Contoh temuan (demo): bukti dukung belum menunjukkan penerapan di seluruh unit kerja; lampirkan dokumen "
    "penetapan dan daftar unit kerja yang sudah menerapkan.",
    2: "Contoh temuan (demo): dokumen tambahan sudah diterima, tetapi belum ditandatangani pejabat yang berwenang.",
    3: "Contoh temuan (demo): penerapan baru terlihat pada sebagian unit kerja; nilai belum dapat dinaikkan.",
}
ACCEPTED = "Contoh temuan (demo): perbaikan diterima; nilai sesuai bukti dukung."
NARRATIVES = [
    "Contoh uraian (demo): ketentuan indikator {code} belum diterapkan.",
    "Contoh uraian (demo): ketentuan indikator {code} mulai diterapkan pada beberapa unit kerja; rencana "
    "perluasannya sedang disusun.",
    "Contoh uraian (demo): ketentuan indikator {code} sudah diterapkan pada sebagian besar unit kerja; "
    "penetapan resminya masih berproses.",
    "Contoh uraian (demo): ketentuan indikator {code} sudah diterapkan di seluruh unit kerja dan ditetapkan "
    "dengan keputusan kepala daerah.",
]


def load(report: Report) -> list[str]:
    kabupaten = _instansi(KABUPATEN, report)
    kota = _instansi(KOTA, report)
    places = {kabupaten.name: kabupaten, kota.name: kota}
    given = os.environ.get("DEMO_PASSWORD", "")
    users, created, password = {}, [], given or secrets.token_urlsafe(12)
    for account in ACCOUNTS:
        user, is_new = _account(account, places, password, report)
        users[account.email] = user
        if is_new:
            created.append(account)
    for instansi in places.values():
        _team(instansi, [a for a in ACCOUNTS if a.instansi == instansi.name], users, report)
        sync(VerifierAssignment, report, {"user": users[VERIFIER], "instansi": instansi}, {"is_demo": True})
    today = timezone.localdate()
    if _needs_assessment(kabupaten, today.year - 1, report):
        _verified_cycle(
            kabupaten,
            today.year - 1,
            users["ketua@" + DOMAIN],
            users["anggota.kabupaten@" + DOMAIN],
            users[VERIFIER],
            report,
        )
    if _needs_assessment(kota, today.year, report):
        _in_progress(kota, today.year, users["ketua.kota@" + DOMAIN], users["anggota@" + DOMAIN], report)
    return _notes(created, "" if given else password)


def _instansi(spec, report) -> Instansi:
    name, kind, province = spec
    return sync(Instansi, report, {"name": name}, {"kind": kind, "province": province, "is_demo": True})


def _account(account: Account, places, password: str, report: Report):
    User = get_user_model()
    user = User.objects.filter(email__iexact=account.email).first()
    is_new = user is None
    if is_new:
        user = User.objects.create_user(
            username=account.email,
            email=account.email,
            password=password,
            first_name=account.first_name,
            last_name="Contoh",
        )
        report.add(User, "created")
    else:
        report.add(User, "unchanged")
    sync(EmailAddress, report, {"user": user, "email": account.email}, {"verified": True, "primary": True})
    sync(
        MemberProfile,
        report,
        {"user": user},
        {
            "full_name": f"{account.first_name} Contoh",
            "instansi": places.get(account.instansi),
            "jabatan": account.jabatan,
        },
    )
    return user, is_new


def _team(instansi: Instansi, accounts: list[Account], users, report: Report) -> None:
    ppk = "Bupati" if instansi.kind == "kabupaten" else "Wali Kota"
    team = sync(
        Team,
        report,
        {"instansi": instansi},
        {"decree": DECREE.format(ppk=ppk), "is_demo": True},
    )
    for account in accounts:
        user = users[account.email]
        if account.role == TeamMember.KETUA and team.members.filter(role=TeamMember.KETUA).exclude(user=user).exists():
            raise SeedError(
                _("Tim %(instansi)s sudah punya ketua lain; akun demo %(email)s tidak dapat dijadikan ketua.")
                % {"instansi": instansi, "email": account.email}
            )
        sync(
            TeamMember,
            report,
            {"user": user},
            {"team": team, "role": account.role, "working_group": account.working_group, "is_demo": True},
        )


def _needs_assessment(instansi: Instansi, year: int, report: Report) -> bool:
    """Made once: not again when the instansi has a demo assessment (of any year) or one of this year."""
    found = SelfAssessment.objects.filter(instansi=instansi)
    if found.filter(is_demo=True).exists() or found.filter(year=year).exists():
        report.add(SelfAssessment, "unchanged")
        return False
    return True


def _start(instansi: Instansi, year: int, user, report: Report) -> SelfAssessment:
    try:
        assessment = filling.start(instansi, year, user)
    except ValidationError as error:
        raise SeedError(_("Penilaian demo tidak dapat dibuat: %(why)s") % {"why": " ".join(error.messages)}) from error
    SelfAssessment.objects.filter(pk=assessment.pk).update(is_demo=True)
    report.add(SelfAssessment, "created")
    return assessment


def _answers(assessment: SelfAssessment) -> list[Answer]:
    """Fresh rows, each with a fresh assessment, since the services change its status behind our back."""
    return list(
        Answer.objects.filter(assessment=assessment)
        .select_related("assessment", "indicator__aspect")
        .prefetch_related("indicator__levels")
        .order_by("indicator__aspect__position", "indicator__position")
    )


def _levels(answer: Answer):
    return sorted(answer.indicator.levels.all(), key=lambda level: level.points)


def _save(answer: Answer, user, level, narrative: str, progress: str = Answer.SIAP) -> Answer:
    return filling.save_answer(answer, user, answer.lock_version, AnswerInput(level, narrative, progress))


def _evidence(answer: Answer, user, slug: str, title: str) -> None:
    code = answer.indicator.code
    filling.add_evidence(answer, user, url=f"https://contoh.invalid/{slug}/{code}", title=f"{title} {code} (demo)")


def _verified_cycle(instansi, year, ketua, anggota, verifier, report: Report) -> None:
    """Fill in everything, submit, and go through the four rounds; then the rencana aksi from the biggest gaps."""
    assessment = _start(instansi, year, ketua, report)
    team, member, kasn = access_to(ketua, instansi), access_to(anggota, instansi), access_to(verifier, instansi)
    answers = _answers(assessment)
    chosen = {}  # answer pk -> index of the team's level
    for i, answer in enumerate(answers):
        user = anggota if member.answers(answer.indicator) else ketua
        chosen[answer.pk] = min(SELF_LEVELS[i % len(SELF_LEVELS)], len(_levels(answer)) - 1)
        _save(
            answer,
            user,
            _levels(answer)[chosen[answer.pk]],
            NARRATIVES[chosen[answer.pk]].format(code=answer.indicator.code),
        )
        _evidence(answer, user, "bukti-kabupaten", "Contoh bukti dukung")
    # The disputed indicators: spread over the rubric, among those the team rated above the lowest level.
    candidates = [a.pk for a in answers if chosen[a.pk] > 0]
    step = max(1, len(candidates) // len(DISPUTES))
    picked = zip(candidates[::step], DISPUTES, strict=False)
    disputes = {pk: [start, list(responses)] for pk, (start, responses) in picked}
    accepted_in = {}  # answer pk -> the round whose verifikator accepts the team's last revision
    for number in range(1, LAST_ROUND + 1):
        filling.submit(SelfAssessment.objects.get(pk=assessment.pk), ketua, team)
        round_ = SelfAssessment.objects.get(pk=assessment.pk).rounds.get(number=number)
        for answer in _answers(assessment):
            levels, level, finding, flag = _levels(answer), chosen[answer.pk], "", False
            dispute = disputes.get(answer.pk)
            if dispute and dispute[0] <= number and dispute[1]:
                level, finding, flag = max(level - 1, 0), FINDINGS[number], True
            elif accepted_in.get(answer.pk) == number:
                finding = ACCEPTED
            verification.save_review(round_, answer, verifier, kasn, None, levels[level], finding, flag)
        verification.close_round(round_, verifier, kasn)
        if number == LAST_ROUND:
            break
        for answer in _answers(assessment):  # the team answers this round's findings
            dispute = disputes.get(answer.pk)
            if not answer.revision_open or not dispute or not dispute[1]:
                continue
            user = anggota if member.answers(answer.indicator) else ketua
            response = dispute[1].pop(0)
            if not dispute[1]:
                accepted_in[answer.pk] = number + 1
            with translation.override("id"):  # demo data is Indonesian whatever the command's language
                note = f" Perbaikan setelah {ROUND_NAMES[number]} (contoh): "
            if response == "turun":
                chosen[answer.pk] = max(chosen[answer.pk] - 1, 0)
                note += "nilai disesuaikan dengan temuan verifikator."
            else:
                _evidence(answer, user, f"bukti-tambahan-{number}", "Contoh dokumen tambahan")
                note += "melampirkan dokumen penetapan dan daftar unit kerja yang sudah menerapkan."
            _save(answer, user, _levels(answer)[chosen[answer.pk]], answer.narrative + note)
    _action_plan(SelfAssessment.objects.get(pk=assessment.pk), [ketua, anggota], report)


ACTIONS = [
    (
        "Contoh rencana aksi (demo): menyusun dan menetapkan kebijakan untuk indikator {code}",
        "Keputusan kepala daerah ditetapkan (contoh)",
    ),
    (
        "Contoh rencana aksi (demo): menerapkan indikator {code} di seluruh perangkat daerah",
        "Seluruh perangkat daerah melapor penerapannya (contoh)",
    ),
    (
        "Contoh rencana aksi (demo): melatih pengelola kepegawaian tentang indikator {code}",
        "Pengelola kepegawaian di setiap perangkat daerah sudah dilatih (contoh)",
    ),
    (
        "Contoh rencana aksi (demo): mendokumentasikan bukti penerapan indikator {code}",
        "Bukti dukung tersimpan di satu folder bersama (contoh)",
    ),
]


def _action_plan(assessment: SelfAssessment, owners, report: Report) -> None:
    today = timezone.localdate()
    gaps = learning_path(assessment, limit=len(ACTIONS))
    for i, (step, (action, output)) in enumerate(zip(gaps, ACTIONS, strict=False)):
        code = step.indicator.code
        item = ActionItem.objects.create(
            assessment=assessment,
            indicator=step.indicator,
            action=action.format(code=code),
            output_target=output,
            outcome_target=f"Indikator {code} mencapai tingkat tertinggi pada penilaian berikutnya (contoh)",
            owner=owners[i % len(owners)],
            due_date=today + datetime.timedelta(days=60 * (i + 1)),
            status=ActionItem.DOING if i == 0 else ActionItem.PLANNED,
            created_by=owners[0],
        )
        record(item, "assessment.action", owners[0], assessment, changes={"aksi": ("", item.action)}, indicator=code)
        report.add(ActionItem, "created")


def _in_progress(instansi, year, ketua, anggota, report: Report) -> None:
    """Some answers of the ketua (aspect a) and of the member (her aspects), some ready, some with evidence."""
    assessment = _start(instansi, year, ketua, report)
    member = access_to(anggota, instansi)
    done = {ketua.pk: 0, anggota.pk: 0}
    for answer in _answers(assessment):
        user, limit = (anggota, 6) if member.answers(answer.indicator) else (ketua, 4)
        if done[user.pk] >= limit:
            continue
        done[user.pk] += 1
        n = done[user.pk]
        levels = _levels(answer)
        index = min(len(levels) - 1, 1 + n % 3)
        progress = Answer.SIAP if n % 2 else Answer.SEDANG
        _save(answer, user, levels[index], NARRATIVES[index].format(code=answer.indicator.code), progress)
        if n % 3 != 0:
            _evidence(answer, user, "bukti-kota", "Contoh bukti dukung")


def _notes(created: list[Account], generated: str) -> list[str]:
    """The accounts made this run, printed once like `ensure_editor` does (the password only if generated)."""
    if not created:
        return []
    lines = [
        _("Akun demo dibuat (catat sekarang, tidak ditampilkan lagi):")
        if generated
        else _("Akun demo dibuat (kata sandi dari DEMO_PASSWORD):")
    ]
    for account in created:
        if account.role == TeamMember.KETUA:
            what = _("ketua tim %(instansi)s") % {"instansi": account.instansi}
        elif account.role:
            what = _("anggota tim %(instansi)s") % {"instansi": account.instansi}
        else:
            what = _("verifikator kedua instansi demo")
        lines.append(f"  {account.email}: {what}")
    lines.append(_("  masuk: http://127.0.0.1:8000/akun/login/"))
    if generated:
        lines.append(_("  kata sandi: %(password)s") % {"password": generated})
    return lines


def remove() -> int:
    """Delete the demo accounts (after the demo rows are gone) and the trail their demo assessments left."""
    users = get_user_model().objects.filter(email__iendswith="@" + DOMAIN)
    ids = list(users.values_list("pk", flat=True))
    if not ids:
        return 0
    AssessmentLogEntry.objects.filter(action__startswith="assessment.", user_id__in=ids).exclude(
        data__assessment__in=list(SelfAssessment.objects.values_list("pk", flat=True))
    ).delete()
    removed = 0
    for user in users:
        user.delete()
        removed += 1
    return removed
