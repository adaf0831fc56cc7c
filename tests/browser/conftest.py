"""What every browser test shares: Debian's Chromium (never a browser Playwright downloads), launched once for the
session, and the folder screenshots go to. Without Chromium the tests are skipped, except on CI, where they fail."""

import os
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import ROOT, portal_env

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As the machine's notes require: no sandbox as root, no GPU, and no calls home, which the closed network refuses.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = ROOT / "var" / "screenshots"


def pytest_collection_modifyitems(config, items):
    missing = not CHROMIUM and not os.environ.get("CI")
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)"))


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM, "CI must install Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def make_member(portal_var, email: str, password: str, full_name: str) -> str:
    """A confirmed member with a profile, made in the test server's own database with `manage.py shell`; returns
    the e-mail to log in with. Each module that needs one picks its own address (the server lives all session)."""
    code = (
        "from allauth.account.models import EmailAddress\n"
        "from django.contrib.auth import get_user_model\n"
        "from cop.members import MemberProfile\n"
        "from portal.models import Instansi\n"
        f"user = get_user_model().objects.create_user({email.split('@')[0]!r}, {email!r}, {password!r})\n"
        f"EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)\n"
        f"MemberProfile.objects.create(user=user, full_name={full_name!r}, instansi=Instansi.objects.first())\n"
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=portal_env(portal_var),
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return email
