"""Create the project's virtualenv, even where Debian/Ubuntu's python3 lacks the `venv`/`ensurepip` package.

`python3 -m venv` needs `python3-venv` on Debian and Ubuntu; rather than ask a newcomer for root, we
fall back to a venv without pip and install pip from its wheel on PyPI.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path


def main(target: str) -> None:
    try:
        venv.EnvBuilder(with_pip=True).create(target)
        return
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"venv dengan pip gagal ({error}); memasang pip dari PyPI.", file=sys.stderr)
    venv.EnvBuilder(with_pip=False, clear=True).create(target)
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as response:
        release = json.load(response)
    wheel = next(u for u in release["urls"] if u["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        urllib.request.urlretrieve(wheel["url"], path)
        python = Path(target) / "bin" / "python"
        subprocess.run([str(python), f"{path}/pip", "install", "--quiet", str(path)], check=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".venv")
