"""CoP events: listings, registration rules (capacity, waiting list, duplicates, past events), the reminder task,
the iCalendar files, member profiles and the editors' attendee export."""

import csv
import datetime
import io

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cop.models import EventIndexPage, EventPage, MemberProfile, Registration
from meritopedia.models import Indicator
from portal.models import Instansi

pytestmark = pytest.mark.django_db


def make_event(slug="coaching-clinic", days=7, capacity=None, **fields):
    index = EventIndexPage.objects.get()
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    event = EventPage(
        title=fields.pop("title", f"Acara {slug}"),
        slug=slug,
        event_type=fields.pop("event_type", "coaching_clinic"),
        start=start,
        intro="Ringkasan acara.",
        capacity=capacity,
        **fields,
    )
    index.add_child(instance=event)
    event.indicators.set(Indicator.objects.filter(code="11.6.c"))
    event.save_revision().publish()
    return event


def main_of(response):
    html = response.content.decode()
    start = html.index("<main")
    return html[start : html.index("</main>", start)]


def member(name, province=None):
    user = get_user_model().objects.create_user(name, f"{name}@contoh.go.id", "rahasia-123", first_name=name.title())
    if province:
        instansi = Instansi.objects.get(province=province, kind="provinsi")
        MemberProfile.objects.create(user=user, full_name=name.title(), instansi=instansi)
    return user


def post_as(client, user, url):
    client.force_login(user)
    response = client.post(url, follow=True)
    return response, [str(m) for m in response.context["messages"]]


def test_listing_separates_upcoming_and_past_and_filters(client):
    make_event("akan-datang", days=5)
    make_event("sudah-lewat", days=-5, event_type="talk_show")
    html = client.get("/acara/").content.decode()
    upcoming, past = html.split("Sudah berlangsung")
    assert "/acara/akan-datang/" in upcoming and "/acara/sudah-lewat/" in past
    talk_shows = client.get("/acara/?jenis=talk_show").content.decode()
    assert "/acara/sudah-lewat/" in talk_shows and "/acara/akan-datang/" not in talk_shows
    assert "/acara/akan-datang/" in client.get("/acara/?aspek=pengembangan-karier").content.decode()


@pytest.mark.parametrize(
    "query", ["jenis=zzz", "tahun=abc", "aspek=%3Cscript%3E", "tahun=99999999999", "jenis=" + "x" * 5000]
)
def test_nonsense_filters_give_an_empty_listing(client, query):
    make_event()
    response = client.get(f"/acara/?{query}")
    assert response.status_code == 200
    assert "Tidak ada acara mendatang yang cocok" in response.content.decode()


def test_capacity_waiting_list_and_promotion_on_cancel(client, django_capture_on_commit_callbacks):
    event = make_event(capacity=2)
    url = f"/akun/acara/{event.pk}/daftar/"
    first, second, third = member("ani"), member("budi"), member("citra")
    assert "Anda terdaftar" in post_as(client, first, url)[1][0]
    post_as(client, second, url)
    response, messages = post_as(client, third, url)
    assert "daftar tunggu" in messages[0]
    assert Registration.objects.get(user=third).status == Registration.WAITLISTED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_as(client, first, f"/akun/acara/{event.pk}/batal/")
    assert Registration.objects.get(user=first).status == Registration.CANCELLED
    assert Registration.objects.get(user=third).status == Registration.REGISTERED
    assert [m.to for m in mail.outbox] == [["citra@contoh.go.id"]]
    assert "Anda mendapat tempat" in mail.outbox[0].subject

    # The cancelled member can come back, and queues behind the seats now taken.
    assert "daftar tunggu" in post_as(client, first, url)[1][0]


def test_registering_twice_or_for_a_past_event_is_refused_clearly(client):
    event, past = make_event(), make_event("lewat", days=-1)
    user = member("dewi")
    post_as(client, user, f"/akun/acara/{event.pk}/daftar/")
    assert post_as(client, user, f"/akun/acara/{event.pk}/daftar/")[1] == ["Anda sudah terdaftar di acara ini."]
    assert Registration.objects.filter(user=user).count() == 1
    assert post_as(client, user, f"/akun/acara/{past.pk}/daftar/")[1] == ["Acara ini sudah lewat; pendaftaran ditutup."]
    assert post_as(client, user, "/akun/acara/999999/daftar/")[0].status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_and_back(client):
    event = make_event()
    response = client.post(f"/akun/acara/{event.pk}/daftar/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/?next=/akun/acara/")
    assert "/akun/login/?next=/acara/coaching-clinic/" in client.get(event.url).content.decode()
    assert client.get(f"/akun/acara/{event.pk}/daftar/").status_code == 405  # POST only


def test_the_reminder_waits_in_the_task_queue_until_the_day_before(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes "old" connections between tasks; inside this test's transaction (PostgreSQL) that would
    # close the test's own connection. Everything else is the real worker loop on the real queue table.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    event = make_event(days=3)
    user = member("eko")
    with django_capture_on_commit_callbacks(execute=True):
        post_as(client, user, f"/akun/acara/{event.pk}/daftar/")
    queued = DBTaskResult.objects.get(task_path="cop.tasks.send_event_reminder")
    assert queued.run_after == event.start - datetime.timedelta(days=1)

    mail.outbox.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert mail.outbox == []  # not due yet
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now() - datetime.timedelta(minutes=1))
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert [m.to for m in mail.outbox] == [["eko@contoh.go.id"]]
    assert "Pengingat" in mail.outbox[0].subject and event.title in mail.outbox[0].body


def test_calendar_feed_and_event_file_are_valid_icalendar(client):
    event = make_event(location="Aula KASN")
    for url in ("/acara/kalender.ics", f"/acara/{event.slug}.ics"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        entries = [c for c in calendar.walk("VEVENT") if c["UID"] == event.uid]
        assert len(entries) == 1
        entry = entries[0]
        assert entry["DTSTAMP"] and entry["SUMMARY"] == event.title and entry["LOCATION"] == "Aula KASN"
        assert entry["DTSTART"].params["TZID"] == "Asia/Jakarta"
        assert entry.decoded("DTSTART") == event.start
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Jakarta"
    assert f'href="/acara/{event.slug}.ics"' in client.get(event.url).content.decode()
    assert client.get("/acara/tidak-ada.ics").status_code == 404


def test_event_time_is_shown_in_the_members_own_zone(client):
    event = make_event()
    client.force_login(member("fajar", province="Nusa Tenggara Timur"))
    html = client.get(event.url).content.decode()
    wib = timezone.localtime(event.start).strftime("%H.%M")
    wita = (timezone.localtime(event.start) + datetime.timedelta(hours=1)).strftime("%H.%M")
    assert f"{wib} WIB" in html and f"{wita} WITA" in html
    client.force_login(member("gita", province="Papua"))
    assert "WIT</time>" in client.get(event.url).content.decode()


def test_profile_directory_and_my_contributions(client):
    user = member("hana")
    client.force_login(user)
    instansi = Instansi.objects.get(province="Bali", kind="provinsi")
    response = client.post(
        "/akun/profil/",
        {"full_name": "", "instansi": instansi.pk, "unit": "BKPSDM", "jabatan": "Analis SDM"},
    )
    assert "Nama lengkap wajib diisi." in response.content.decode()
    assert 'value="BKPSDM"' in response.content.decode()  # what was typed is kept
    client.post(
        "/akun/profil/",
        {"full_name": "Hana Lestari", "instansi": instansi.pk, "unit": "BKPSDM", "jabatan": "Analis SDM"},
    )
    # The header's account menu names her; the directory is the page's <main>.
    assert "Hana Lestari" not in main_of(client.get("/anggota/"))  # not opted in
    client.post(
        "/akun/profil/",
        {"full_name": "Hana Lestari", "instansi": instansi.pk, "unit": "BKPSDM", "in_directory": "on"},
    )
    assert "Hana Lestari" in main_of(client.get(f"/anggota/?instansi={instansi.pk}"))
    assert "Hana Lestari" not in main_of(client.get("/anggota/?q=Papua"))
    assert client.get("/anggota/?instansi=abc&aspek=%3Cx%3E&halaman=-1").status_code == 200

    event = make_event()
    client.post(f"/akun/acara/{event.pk}/daftar/")
    html = client.get("/akun/kontribusi/").content.decode()
    assert event.title in html and "Terdaftar" in html

    client.logout()
    assert client.get("/anggota/")["Location"].startswith("/akun/login/")


def test_editors_export_the_attendee_list_as_csv(client):
    event = make_event(capacity=1)
    for name in ("indah", "joko"):
        post_as(client, member(name), f"/akun/acara/{event.pk}/daftar/")
    client.force_login(member("kiki"))
    assert client.get(f"/admin/acara/{event.pk}/peserta/").status_code in (302, 403)
    client.force_login(get_user_model().objects.create_superuser("editor-acara", "e@kasn.go.id", "x"))
    assert "Peserta" in client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    response = client.get(f"/admin/acara/{event.pk}/peserta/?format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Nama", "Email", "Instansi", "Status", "Mendaftar (WIB)"]
    assert {(row[1], row[3]) for row in rows[1:]} == {
        ("indah@contoh.go.id", "Terdaftar"),
        ("joko@contoh.go.id", "Daftar tunggu"),
    }


def test_indicator_page_lists_events_on_it(client):
    make_event("klinik-talent-pool", title="Klinik talent pool")
    html = client.get("/rubrik/pengembangan-karier/11-6-c/").content.decode()
    assert "Acara tentang indikator ini" in html and 'href="/acara/klinik-talent-pool/"' in html
