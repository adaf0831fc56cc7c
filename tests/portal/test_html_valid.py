"""Valid HTML (issue "finish", item 9): representative pages, rendered by the test client on the seed and demo
content, pass the W3C Nu HTML Checker with no error, so browsers and assistive technology read the markup the way
the templates mean it.

The checker is the `vnu-jar` npm package (pinned in package.json, installed into var/node/ when missing) run once
over all pages with the machine's Java. Without npm or Java the test is skipped, except on CI, where it fails.
"""

import io
import json
import os
import shutil
import subprocess

import pytest
from django.core.management import call_command

from tests.conftest import ROOT

NPM = shutil.which("npm")
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(
    (not NPM or not JAVA) and not os.environ.get("CI"),
    reason="npm and Java are needed for the W3C Nu HTML Checker (apt-get install npm default-jre-headless)",
)
NODE_DIR = ROOT / "var" / "node"
PAGES = {
    "beranda": "/",
    "rubrik": "/rubrik/",
    "aspek": "/rubrik/pengembangan-karier/",
    "indikator": "/rubrik/pengembangan-karier/11-6-c/",
    "regulasi": "/regulasi/permenpanrb-40-2018/",
    "ketentuan tidak ada": "/regulasi/permenpanrb-40-2018/pasal-11-ayat-6-huruf-z/",
    "glosarium": "/glosarium/",
    "pencarian": "/cari/?q=talent+pool",
    "daftar": "/akun/signup/",
    "masuk": "/akun/login/",
    "acara": "/acara/",
    "dasbor": "/dasbor/",
    "lab": "/lab-sistem-merit/",
    "beranda en": "/en/",
    "pencarian en": "/en/cari/?q=skj",
}


@pytest.fixture(scope="module")
def vnu_jar():
    """vnu.jar at the version package.json pins, installed with npm into var/node/ the first time (without the
    package's install script, which would download a Java the machine already has)."""
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["vnu-jar"]
    package = NODE_DIR / "node_modules" / "vnu-jar"
    installed = package / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        assert NPM, "CI must install npm (apt-get install npm)"
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "package.json", NODE_DIR / "package.json")
        subprocess.run(
            [NPM, "install", "--prefix", str(NODE_DIR)]
            + ["--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts"],
            check=True,
            capture_output=True,
        )
    return package / "build" / "dist" / "vnu.jar"


def check(vnu_jar, files) -> list[dict]:
    """The checker's errors over every file, in one Java start (its JSON report goes to stderr)."""
    assert JAVA, "CI must install Java (apt-get install default-jre-headless)"
    result = subprocess.run(
        [JAVA, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    return [m for m in json.loads(result.stderr or '{"messages": []}')["messages"] if m["type"] != "info"]


@pytest.mark.django_db
def test_representative_pages_have_no_html_errors(client, search_index, tmp_path, vnu_jar):
    call_command("load_demo", stdout=io.StringIO())
    from cop.events import EventPage

    pages = {**PAGES, "satu acara": EventPage.objects.live().public().first().url}
    files = {}
    for name, url in pages.items():
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), (url, response.status_code)
        path = tmp_path / (name.replace(" ", "-") + ".html")
        path.write_bytes(response.content)
        files[str(path)] = url
    errors = check(vnu_jar, files)
    listed = [
        f"{files.get(e['url'].removeprefix('file:'), e['url'])}:{e.get('lastLine', '?')}: {e['message']}"
        f"  [{e.get('extract', '').strip()[:120]}]"
        for e in errors
    ]
    print("\nW3C Nu HTML Checker:", "\n  ".join(["no errors"] if not listed else listed))
    assert not errors, "\n".join(listed)


def test_the_checker_finds_an_error(vnu_jar, tmp_path):
    """The check can fail: an <ol> inside a <span>, as /rubrik/ once had, is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="id"><title>x</title><p><span><ol><li>a</li></ol></span></p></html>')
    assert any("ol" in e["message"] for e in check(vnu_jar, [page]))
