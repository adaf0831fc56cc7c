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
    assert [m.subject for m in mail.outbox] == [f"Pendaftaran Anda: {event.title}"]  # the reminder is not due yet
    mail.outbox.clear()
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


HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
SITE = "https://meritopedia.example.go.id"
MEETING = "https://zoom.example/j/8123456789?pwd=rahasia"


def indonesian(moment) -> str:
    """"Kamis, 17 Desember 2026 09.00", written out here rather than by Django, in Jakarta time."""
    local = timezone.localtime(moment)
    return f"{HARI[local.weekday()]}, {local.day} {BULAN[local.month - 1]} {local.year} {local:%H.%M}"


def calendar_of(message):
    (name, content, kind), *_ = message.attachments
    assert name.endswith(".ics") and kind.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def register(client, user, event, **extra):
    client.force_login(user)
    return client.post(f"/akun/acara/{event.pk}/daftar/", **extra)


def at_nine(event, hours=2, minutes=0):
    """The event moved to 09.00 WIB on its day, ending the same day: the expected texts do not depend on the clock."""
    event.start = timezone.localtime(event.start).replace(hour=9, minute=0, second=0)
    event.end = event.start + datetime.timedelta(hours=hours, minutes=minutes)
    event.save_revision().publish()
    return event


def online_event(**fields):
    return at_nine(make_event(capacity=1, location="Aula KASN", online_url=MEETING, **fields))


def test_the_event_page_shows_when_it_ends(client):
    event = at_nine(make_event(), hours=2, minutes=30)
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    html = client.get(event.url).content.decode()
    assert f'{start:%H.%M}</time>–<time datetime="{end.isoformat()}">{end:%H.%M} WIB</time>' in html


def test_registering_confirms_by_email_in_indonesian_with_the_ics_and_the_link_only_for_a_seat(
    client, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = SITE
    event = online_event()
    seated, waiting = member("ani"), member("budi")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, seated, event, HTTP_ACCEPT_LANGUAGE="en")  # an English browser; the e-mail stays Indonesian
    [message] = mail.outbox
    assert message.to == ["ani@contoh.go.id"] and message.subject == f"Pendaftaran Anda: {event.title}"
    assert message.body.startswith("Yth. Ani,")
    assert f"{indonesian(event.start)}–{timezone.localtime(event.end):%H.%M} WIB" in message.body
    assert MEETING in message.body
    assert f"{SITE}/acara/{event.slug}/" in message.body and f"{SITE}/akun/acara/{event.pk}/batal/" in message.body
    [entry] = calendar_of(message).walk("VEVENT")
    assert entry["UID"] == event.uid and entry.decoded("DTEND") == event.end
    assert MEETING in entry["DESCRIPTION"] and entry["URL"] == f"{SITE}/acara/{event.slug}/"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, waiting, event)
    [message] = mail.outbox
    assert message.subject == f"Anda di daftar tunggu: {event.title}"
    assert "urutan ke-1 daftar tunggu" in message.body
    assert "zoom.example" not in message.body and b"zoom.example" not in calendar_of(message).to_ical()


def test_the_meeting_link_is_for_members_with_a_seat_only(client, settings, django_capture_on_commit_callbacks):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "meeting-link"},
    }
    event = online_event()
    seated, waiting, other = member("citra"), member("dodi"), member("eka")
    register(client, seated, event)
    register(client, waiting, event)
    client.force_login(seated)
    assert MEETING.replace("&", "&amp;") in client.get(event.url).content.decode()
    for user in (waiting, other, None):
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(event.url).content.decode()
        assert "zoom.example" not in html
        assert "Tautan rapat daring diberikan kepada peserta yang mendapat kursi." in html
    client.logout()
    for url in (
        event.url,  # twice: the second answer is the page cache's copy
        event.url,
        f"/api/v2/pages/{event.pk}/",
        "/api/v2/pages/?type=cop.EventPage&fields=*",
        f"/acara/{event.slug}.ics",
        "/acara/kalender.ics",
        "/cari/?q=zoom",
        "/api/search/?q=8123456789",
    ):
        assert b"zoom.example" not in client.get(url).content, url

    # The seat freed by citra goes to dodi, whose e-mail now carries the link, in the text and the .ics.
    mail.outbox.clear()
    client.force_login(seated)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/akun/acara/{event.pk}/batal/")
    [message] = mail.outbox
    assert message.to == ["dodi@contoh.go.id"] and "Anda mendapat tempat" in message.subject
    assert MEETING in message.body and MEETING in str(calendar_of(message).walk("VEVENT")[0]["DESCRIPTION"])
    client.force_login(waiting)
    assert MEETING.replace("&", "&amp;") in client.get(event.url).content.decode()


def test_a_waiting_member_sees_their_place_in_the_queue(client):
    event = make_event(capacity=1)
    first, second, third, fourth = (member(name) for name in ("fani", "gilang", "hesti", "iwan"))
    for user in (first, second, third, fourth):
        register(client, user, event)
    client.force_login(fourth)
    assert "Anda di urutan ke-3 daftar tunggu" in client.get(event.url).content.decode()
    assert "Anda di urutan ke-3 daftar tunggu" in client.get("/akun/kontribusi/").content.decode()

    client.force_login(second)
    client.post(f"/akun/acara/{event.pk}/batal/")
    client.post(f"/akun/acara/{event.pk}/daftar/")  # back again: at the end of the queue, not at the old place
    assert "Anda di urutan ke-3 daftar tunggu" in client.get(event.url).content.decode()
    client.force_login(fourth)
    assert "Anda di urutan ke-2 daftar tunggu" in client.get(event.url).content.decode()
    client.force_login(first)
    client.post(f"/akun/acara/{event.pk}/batal/")
    assert Registration.objects.get(user=third).status == Registration.REGISTERED
    client.force_login(fourth)
    assert "Anda di urutan ke-1 daftar tunggu" in client.get("/akun/kontribusi/").content.decode()


def test_cancelling_asks_first_without_javascript(client):
    event = make_event(capacity=1)
    seated, waiting, stranger = member("joni"), member("kartika"), member("lukman")
    register(client, seated, event)
    register(client, waiting, event)
    cancel_url = f"/akun/acara/{event.pk}/batal/"
    client.force_login(seated)
    page = client.get(event.url).content.decode()
    assert f'href="{cancel_url}"' in page and f'action="{cancel_url}"' not in page  # a link to the question

    question = client.get(cancel_url)
    html = question.content.decode()
    assert question.status_code == 200 and event.title in html
    assert "Kursi Anda akan diberikan kepada peserta berikutnya" in html
    assert f'<form method="post" action="{cancel_url}">' in html and "Ya, batalkan</button>" in html
    assert Registration.objects.get(user=seated).status == Registration.REGISTERED  # asking changed nothing

    client.force_login(waiting)
    assert "keluar dari daftar tunggu (kini urutan ke-1)" in client.get(cancel_url).content.decode()
    client.force_login(stranger)
    response = client.get(cancel_url, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Anda tidak terdaftar di acara ini."]
    assert client.get("/akun/acara/999999/batal/").status_code == 404
    client.logout()
    assert client.get(cancel_url)["Location"].startswith("/akun/login/?next=")

    client.force_login(seated)
    client.post(cancel_url)
    assert Registration.objects.get(user=seated).status == Registration.CANCELLED
