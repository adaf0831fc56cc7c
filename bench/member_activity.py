"""Members at work while bench/load.py measures: one comment and one registration (or its cancellation) a second,
written through the ORM as the portal's views write them, until stopped. Run by `bench/load.py --activity` with the
portal's production environment; says READY once Django is set up, and how many of each it wrote when it stops."""

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from cop.models import Comment, EventPage, GoodPracticePage, Registration  # noqa: E402

EVENT_SLUG = "demo-coaching-clinic-talent-pool"
PRACTICE_SLUG = "demo-talent-pool-nine-box"


def main() -> None:
    member, _ = get_user_model().objects.get_or_create(username="bench-anggota", email="bench-anggota@contoh.test")
    event = EventPage.objects.get(slug=EVENT_SLUG)
    practice = GoodPracticePage.objects.get(slug=PRACTICE_SLUG)
    written = {"komentar": 0, "pendaftaran": 0}
    running = True

    def stop(*_):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    print("READY", flush=True)  # set up: what is measured from now on is the writing alone
    next_at = time.monotonic()
    while running:
        Comment.objects.create(page=practice, author=member, kind=Comment.COMMENT, body="Komentar bench.")
        registration = Registration.objects.filter(event=event, user=member).first()
        if registration and registration.status != Registration.CANCELLED:
            registration.cancel()
        else:
            Registration.register(event, member)
        written["komentar"] += 1
        written["pendaftaran"] += 1
        next_at += 1
        time.sleep(max(0.0, next_at - time.monotonic()))
    print(f"ACTIVITY komentar={written['komentar']} pendaftaran={written['pendaftaran']}", flush=True)


if __name__ == "__main__":
    main()
