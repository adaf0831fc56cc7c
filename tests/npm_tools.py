"""The JavaScript and Java tools the tests drive (axe-core, vnu-jar), at the versions package.json pins, installed
with npm into var/node/ the first time a test needs one."""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "var" / "node"
NPM = shutil.which("npm")


def npm_package(name: str) -> Path:
    """The installed package's folder; installs package.json's devDependencies (without their install scripts:
    vnu-jar's would download a Java the machine already has) when `name` is missing or at another version."""
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"][name]
    package = NODE_DIR / "node_modules" / name
    installed = package / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        assert NPM, "CI must install npm (apt-get install npm)"
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "package.json", NODE_DIR / "package.json")
        subprocess.run(
            [NPM, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--no-package-lock"]
            + ["--ignore-scripts"],
            check=True,
            capture_output=True,
        )
    return package
