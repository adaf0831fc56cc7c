"""What every browser test shares: Debian's Chromium (never a browser Playwright downloads), launched once for the
session, and the folder screenshots go to. Without Chromium the tests are skipped, except on CI, where they fail."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import ROOT

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
