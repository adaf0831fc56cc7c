"""The rencana aksi through its pages: the team plans, edits and moves items on; the owner is one of the team; the
verifikator reads; everyone else gets nothing; bad input keeps what was typed; reminders go out once each."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from assessment.action_plan import ActionItem
from assessment.log_entries import AssessmentLogEntry
from assessment.tasks import REMIND_AT, send_action_reminder
from cop.members import MemberProfile
from meritopedia.models import Indicator
from portal.models import Instansi
from tests.assessment.factories import assign_verifier, give_scale, make_assessment, make_team, make_user

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
PLAN = f"/penilaian/{YEAR}/rencana-aksi/"
HELD = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _today():
    return timezone.localdate()


@pytest.fixture
def team():
    """A kabupaten's team (a ketua and a member) with this year's assessment."""
    give_scale()
    instansi = Instansi.objects.create(name="Pemerintah Kabupaten Uji Aksi", kind="kabupaten")
    ketua = make_user("ketua-aksi", first_name="Sri", last_name="Rahayu")
    anggota = make_user("anggota-aksi")
    MemberProfile.objects.create(user=anggota, full_name="Budi Santoso")
    make_team(instansi, ketua, [(anggota, "kinerja")])
    assessment = make_assessment(instansi, YEAR, ketua)
    return assessment, ketua, anggota


def _data(owner, **overrides):
    data = {
        "indicator": "13.d",
        "action": "Menyusun standar kompetensi jabatan seluruh JPT.",
        "output_target": "Keputusan PPK tentang standar kompetensi.",
        "outcome_target": "Nilai indikator 13.d naik ke tingkat tertinggi.",
        "owner": owner.pk,
        "due_date": (_today() + datetime.timedelta(days=30)).isoformat(),
        "status": ActionItem.PLANNED,
    }
    data.update(overrides)
    return data


def _item(assessment, owner, days=30, **fields):
    return ActionItem.objects.create(
        assessment=assessment,
        indicator=Indicator.objects.get(code="13.d", aspect__version=assessment.version),
        action=fields.pop("action", "Menyusun standar kompetensi."),
        owner=owner,
        due_date=_today() + datetime.timedelta(days=days),
        created_by=owner,
        **fields,
    )


def _entries(item):
    return list(AssessmentLogEntry.objects.filter(action="assessment.action", object_id=str(item.pk)).order_by("pk"))


def test_the_team_creates_an_item_and_it_is_listed_with_its_owner(team, client):
    assessment, ketua, anggota = team
    client.force_login(ketua)
    response = client.post(PLAN, _data(anggota))
    item = ActionItem.objects.get(assessment=assessment)
    assert response.status_code == 302 and response["Location"] == f"{PLAN}#aksi-{item.pk}"
    assert item.owner == anggota and item.created_by == ketua and item.indicator.code == "13.d"
    assert item.status == ActionItem.PLANNED
    (entry,) = _entries(item)
    assert entry.user == ketua and entry.data["assessment"] == assessment.pk
    assert entry.data["changes"]["penanggung jawab"] == ["", "Budi Santoso"]
    assert entry.data["changes"]["aksi"][1] == item.action
    page = client.get(PLAN)
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert f'id="aksi-{item.pk}"' in html and "Budi Santoso" in html and item.action in html
    assert "Rencana aksi tersimpan." in html


def test_a_learning_path_step_prefills_the_form_and_an_unknown_code_is_said_so(team, client):
    assessment, ketua, _anggota = team
    client.force_login(ketua)
    html = client.get(PLAN + "?indikator=13.d").content.decode()
    assert '<option value="13.d" selected>' in html
    assert "Nilai indikator 13.d naik dari 0 menjadi" in html
    response = client.get(PLAN + "?indikator=99.z")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indikator “99.z” tidak ada pada rubrik penilaian ini" in html and '<option value="99.z"' not in html
    assert client.get(PLAN + "?indikator=" + "<script>" * 500).status_code == 200


def test_the_owner_can_only_be_a_member_of_the_team(team, client):
    assessment, ketua, _anggota = team
    outsider = make_user("orang-luar")
    MemberProfile.objects.create(user=outsider, full_name="Orang Luar Tim")
    other = Instansi.objects.create(name="Pemerintah Kota Lain", kind="kota")
    make_team(other, outsider)
    client.force_login(ketua)
    html = client.get(PLAN).content.decode()
    assert "Budi Santoso — Manajemen kinerja" in html and "Sri Rahayu — Ketua" in html
    assert "Orang Luar Tim" not in html
    for owner_id in (outsider.pk, 2**70, "abc"):
        response = client.post(PLAN, {**_data(ketua), "owner": owner_id})
        assert response.status_code == 400
        assert "Penanggung jawab harus anggota tim penilaian mandiri instansi ini" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_editing_records_each_change_and_moving_the_date_resets_the_reminder(team, client):
    assessment, ketua, anggota = team
    item = _item(assessment, ketua, days=5, reminded_for=_today() - datetime.timedelta(days=2))
    client.force_login(anggota)
    url = f"{PLAN}{item.pk}/"
    html = client.get(url).content.decode()
    assert item.action in html and 'value="13.d" selected' in html
    new_due = _today() + datetime.timedelta(days=40)
    response = client.post(url, _data(anggota, action=item.action, due_date=new_due.isoformat(), status="berjalan"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.due_date, item.status, item.owner, item.reminded_for) == (new_due, ActionItem.DOING, anggota, None)
    (entry,) = _entries(item)
    changes = entry.data["changes"]
    assert set(changes) == {"tenggat", "status", "penanggung jawab", "target keluaran", "target hasil"}
    assert changes["status"] == ["Direncanakan", "Berjalan"] and entry.user == anggota


def test_the_status_changes_from_the_plan_page_and_a_bad_status_is_refused(team, client):
    assessment, ketua, _anggota = team
    item = _item(assessment, ketua)
    client.force_login(ketua)
    url = f"{PLAN}{item.pk}/"
    response = client.post(url, {"status_only": "1", "status": "selesai"}, follow=True)
    item.refresh_from_db()
    assert item.status == ActionItem.DONE and "Rencana aksi diperbarui." in response.content.decode()
    assert _entries(item)[-1].data["changes"] == {"status": ["Direncanakan", "Selesai"]}
    response = client.post(url, {"status_only": "1", "status": "hilang"}, follow=True)
    item.refresh_from_db()
    assert item.status == ActionItem.DONE and "Status yang dipilih tidak dikenal" in response.content.decode()
    response = client.post(url, {"status_only": "1", "status": "selesai"}, follow=True)
    assert "Tidak ada yang berubah." in response.content.decode() and len(_entries(item)) == 1


def test_an_item_already_past_its_date_can_be_edited_without_moving_it(team, client):
    assessment, ketua, _anggota = team
    item = _item(assessment, ketua, days=-3)
    client.force_login(ketua)
    data = _data(ketua, action="Aksi yang terlambat.", due_date=item.due_date.isoformat(), status="berjalan")
    assert client.post(f"{PLAN}{item.pk}/", data).status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItem.DOING and item.is_overdue
    assert "terlambat" in client.get(PLAN).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"action": "", "owner": "", "due_date": ""}, "action", "Tuliskan aksi yang akan dilakukan."),
        ({"action": "", "owner": "", "due_date": ""}, "owner", "Pilih penanggung jawab dari anggota tim."),
        ({"action": "", "owner": "", "due_date": ""}, "due_date", "Isi tenggat rencana aksi."),
        ({"action": "<b></b>"}, "action", "Tuliskan aksi yang akan dilakukan."),
        ({"action": "a" * 10_000}, "action", "Aksi paling banyak 300 karakter; yang terkirim 10000 karakter."),
        ({"output_target": "o" * 301}, "output_target", "Target keluaran paling banyak 300 karakter"),
        ({"due_date": "kemarin"}, "due_date", "Tanggal tenggat tidak dikenali"),
        ({"due_date": "2024-02-30"}, "due_date", "Tanggal tenggat tidak dikenali"),
        ({"due_date": "2000-01-01"}, "due_date", "Tenggat tidak boleh sebelum hari ini."),
        ({"indicator": "99.z"}, "indicator", "Indikator yang dipilih tidak ada pada rubrik penilaian ini."),
        ({"status": "zzz"}, "status", "Status yang dipilih tidak dikenal."),
    ],
)
def test_bad_input_is_explained_in_indonesian_and_nothing_typed_is_lost(team, client, overrides, field, message):
    assessment, ketua, _anggota = team
    client.force_login(ketua)
    data = {**_data(ketua), **overrides}
    response = client.post(PLAN, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert "Rencana aksi belum tersimpan" in html
    for name in ("action", "output_target", "outcome_target"):
        if data[name] and data[name] != "<b></b>":
            assert data[name] in html  # what was typed comes back in the form
    assert not ActionItem.objects.exists()


def test_the_verifikator_reads_and_cannot_change(team, client):
    assessment, ketua, _anggota = team
    item = _item(assessment, ketua)
    verifier = make_user("verifikator-aksi")
    assign_verifier(assessment.instansi, verifier)
    client.force_login(verifier)
    base = f"/penilaian/verifikasi/{assessment.instansi.pk}/{YEAR}/rencana-aksi/"
    html = client.get(base).content.decode()
    assert item.action in html and "Rencana aksi baru" not in html and 'name="status_only"' not in html
    html = client.get(f"{base}{item.pk}/").content.decode()
    assert item.action in html and "<form" not in html.split('id="konten"')[1].split("</main>")[0]
    response = client.post(base, _data(ketua), follow=True)
    assert "hanya dapat diubah oleh anggota tim" in response.content.decode()
    client.post(f"{base}{item.pk}/", {"status_only": "1", "status": "selesai"})
    item.refresh_from_db()
    assert ActionItem.objects.count() == 1 and item.status == ActionItem.PLANNED and not _entries(item)


def test_another_team_an_unassigned_editor_and_anonymous_visitors_get_nothing(team, client):
    assessment, ketua, _anggota = team
    item = _item(assessment, ketua)
    other_ketua = make_user("ketua-lain")
    other = Instansi.objects.create(name="Pemerintah Kabupaten Lain Aksi", kind="kabupaten")
    make_team(other, other_ketua)
    make_assessment(other, YEAR, other_ketua)
    client.force_login(other_ketua)
    assert client.get(f"{PLAN}{item.pk}/").status_code == 404
    assert client.post(f"{PLAN}{item.pk}/", {"status_only": "1", "status": "selesai"}).status_code == 404
    assert item.action not in client.get(PLAN).content.decode()
    editor = make_user("editor-aksi", is_staff=True, is_superuser=True)
    client.force_login(editor)
    assert client.get(PLAN).status_code == 404
    verifier_plan = f"/penilaian/verifikasi/{assessment.instansi.pk}/{YEAR}/rencana-aksi/"
    assert client.get(verifier_plan).status_code == 404
    assert client.get(f"{verifier_plan}{item.pk}/").status_code == 404
    client.force_login(ketua)
    assert client.get(f"{PLAN}99999999/").status_code == 404
    assert client.get(f"{PLAN}{2**70}/").status_code == 404
    client.logout()
    for url in (PLAN, f"{PLAN}{item.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/login/" in response["Location"]
    item.refresh_from_db()
    assert item.status == ActionItem.PLANNED


def test_the_reminder_task_sends_one_email_for_each_reminder(team):
    assessment, ketua, anggota = team
    item = _item(assessment, anggota, days=ActionItem.REMIND_DAYS_BEFORE)
    due_iso = item.due_date.isoformat()
    mail.outbox.clear()
    assert send_action_reminder.call(item.pk, due_iso) == "terkirim"
    assert send_action_reminder.call(item.pk, due_iso) == "sudah dikirim"
    (message,) = mail.outbox
    assert message.to == ["anggota-aksi@contoh.go.id"] and "7 hari lagi" in message.subject
    assert message.body.startswith("Yth. Budi Santoso,")
    assert f"{settings.WAGTAILADMIN_BASE_URL}/penilaian/{YEAR}/rencana-aksi/{item.pk}/" in message.body
    assert item.action in message.body
    item.refresh_from_db()
    assert item.reminded_for == item.due_date - datetime.timedelta(days=ActionItem.REMIND_DAYS_BEFORE)
    # On the due date the second reminder goes out, also once.
    today = _item(assessment, anggota, days=0, reminded_for=_today() - datetime.timedelta(days=7))
    assert send_action_reminder.call(today.pk, _today().isoformat()) == "terkirim"
    assert send_action_reminder.call(today.pk, _today().isoformat()) == "sudah dikirim"
    assert len(mail.outbox) == 2 and "hari ini" in mail.outbox[1].subject
    # Stale or pointless reminders send nothing.
    assert send_action_reminder.call(item.pk, _today().isoformat()) == "tenggat berubah"
    later = _item(assessment, anggota, days=30)
    assert send_action_reminder.call(later.pk, later.due_date.isoformat()) == "belum waktunya"
    done = _item(assessment, anggota, days=1, status=ActionItem.DONE)
    assert send_action_reminder.call(done.pk, done.due_date.isoformat()) == "selesai"
    assert send_action_reminder.call(999999, due_iso) == "tidak ada"
    assert len(mail.outbox) == 2


def test_a_reminder_for_someone_who_left_the_team_is_not_sent(team):
    assessment, ketua, anggota = team
    item = _item(assessment, anggota, days=2)
    anggota.assessment_teams.all().delete()
    mail.outbox.clear()
    assert send_action_reminder.call(item.pk, item.due_date.isoformat()) == "bukan anggota tim"
    assert mail.outbox == []


def _queued():
    return [r for r in default_task_backend.results if r.task.func is send_action_reminder.func]


def test_saving_an_item_queues_its_reminders_for_later(team, client, django_capture_on_commit_callbacks):
    assessment, ketua, anggota = team
    client.force_login(ketua)
    due = _today() + datetime.timedelta(days=20)
    with override_settings(TASKS=HELD):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(PLAN, _data(anggota, due_date=due.isoformat()))
        item = ActionItem.objects.get()
        queued = _queued()
        assert [r.args for r in queued] == [[item.pk, due.isoformat()]] * 2
        early = due - datetime.timedelta(days=ActionItem.REMIND_DAYS_BEFORE)
        assert [r.task.run_after for r in queued] == [
            timezone.make_aware(datetime.datetime.combine(day, REMIND_AT)) for day in (early, due)
        ]
        default_task_backend.clear()
        moved = _today() + datetime.timedelta(days=3)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{PLAN}{item.pk}/", _data(anggota, action=item.action, due_date=moved.isoformat()))
        queued = _queued()
        assert all(r.args == [item.pk, moved.isoformat()] for r in queued)
        assert [r.task.run_after for r in queued].count(None) == 1  # its early reminder is already due: at once
        assert timezone.make_aware(datetime.datetime.combine(moved, REMIND_AT)) in [r.task.run_after for r in queued]
        default_task_backend.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{PLAN}{item.pk}/", {"status_only": "1", "status": "selesai"})
        assert _queued() == []  # done: nothing more to remind of


def test_with_a_backend_that_runs_at_once_an_item_due_soon_reminds_its_owner(
    team, client, django_capture_on_commit_callbacks
):
    assessment, ketua, anggota = team
    client.force_login(ketua)
    mail.outbox.clear()
    soon = _today() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PLAN, _data(anggota, due_date=_today().isoformat(), action="Hari ini."))
        client.post(PLAN, _data(anggota, due_date=soon.isoformat(), action="Segera."))
    # The early reminder of the item due in 3 days is past: at once. The one due today waits for 08.00.
    expected = 2 if timezone.localtime().time() >= REMIND_AT else 1
    assert len(mail.outbox) == expected
    assert all(m.to == ["anggota-aksi@contoh.go.id"] for m in mail.outbox)


def test_the_daily_command_queues_what_is_due_and_nothing_twice(team):
    assessment, ketua, anggota = team
    due_soon = _item(assessment, anggota, days=3, action="Segera.")
    due_today = _item(assessment, ketua, days=0, action="Hari ini.")
    _item(assessment, anggota, days=20, action="Nanti.")
    _item(assessment, anggota, days=2, status=ActionItem.DONE, action="Sudah selesai.")
    _item(assessment, anggota, days=-2, action="Terlambat lama.")
    _item(assessment, None, days=1, action="Tanpa penanggung jawab.")
    reminded = _item(assessment, anggota, days=4, action="Sudah diingatkan.")
    ActionItem.objects.filter(pk=reminded.pk).update(reminded_for=reminded.due_date - datetime.timedelta(days=7))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_action_reminders", stdout=out)
    assert "2 pengingat rencana aksi diantrekan." in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["anggota-aksi@contoh.go.id", "ketua-aksi@contoh.go.id"]
    assert {m.body.split("Aksi: ")[1].split("\n")[0] for m in mail.outbox} == {due_soon.action, due_today.action}
    out = io.StringIO()
    call_command("send_action_reminders", stdout=out)
    assert "0 pengingat rencana aksi diantrekan." in out.getvalue() and len(mail.outbox) == 2


def test_the_workspace_shows_the_progress_of_the_plan(team, client):
    assessment, ketua, anggota = team
    _item(assessment, anggota, days=5)
    _item(assessment, anggota, days=-1, status=ActionItem.DOING)
    _item(assessment, anggota, days=9, status=ActionItem.DONE)
    client.force_login(ketua)
    html = client.get("/penilaian/").content.decode()
    assert "1 dari 3 rencana aksi selesai (33%)." in html
    assert '<dt>Terlambat</dt><dd><strong class="error">1</strong>' in html
