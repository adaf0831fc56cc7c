"""Headless Chromium (Debian's package) renders the home and regulation pages served by a real portal process.

Screenshots are kept under var/screenshots/ for a person to look at; the test checks they are not blank
(a blank white image is what a failed render looks like) and that the rendered DOM has the content.
"""

import subprocess
import tempfile

import pytest
from PIL import Image, ImageStat

from tests.browser.conftest import CHROMIUM, SHOTS


def chromium(*args):
    assert CHROMIUM, "CI must install Debian's chromium"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--virtual-time-budget=5000",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )


def screenshot(url, name, width=1280, height=1600):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    path.unlink(missing_ok=True)
    chromium(f"--window-size={width},{height}", f"--screenshot={path}", url)
    image = Image.open(path).convert("L")
    assert image.size == (width, height)
    assert ImageStat.Stat(image).stddev[0] > 25, f"{name}.png looks blank"
    return path


@pytest.mark.parametrize(
    "path, name, expected",
    [
        ("/", "home", ["Mulai dari sini", "Rubrik Penilaian", "Internalisasi"]),
        (
            "/regulasi/permenpanrb-40-2018/",
            "regulasi",
            ["Pasal 22", 'id="pasal-11-ayat-6-huruf-c"', "BAB I KETENTUAN UMUM"],
        ),
    ],
)
def test_pages_render_in_chromium(portal_server, path, name, expected):
    dom = chromium("--dump-dom", portal_server + path).stdout
    for text in expected:
        assert text in dom
    screenshot(portal_server + path, f"{name}-desktop")
    screenshot(portal_server + path, f"{name}-mobile", width=390, height=844)
