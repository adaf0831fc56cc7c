"""deploy/: the Compose file as Docker Compose itself reads it, and the env file as Compose and a shell read it.

No Docker Engine runs on these machines and Docker Hub is out of reach, so the stack cannot be started here;
`docker-compose config` (Debian's docker-compose, which CI installs) still parses, validates and interpolates the
file exactly as `up` would. The systemd units are started for real by deploy/check-systemd.sh.
"""

import re
import shutil
import subprocess

import pytest
import yaml
from django.core.management import get_commands

from tests.conftest import ROOT

COMPOSE = shutil.which("docker-compose")
pytestmark = pytest.mark.skipif(not COMPOSE, reason="docker-compose missing (apt-get install docker-compose)")
DEPLOY = ROOT / "deploy"
PORTAL_SERVICES = ("migrate", "web", "worker", "scheduler")


def compose_config(env_text, tmp_dir):
    """What Compose makes of deploy/docker-compose.yml with this env file beside it (`env_file: .env`), as `up`
    would see it. A copy in a scratch folder, so an operator's own deploy/.env is never touched."""
    folder = tmp_dir / "deploy"
    folder.mkdir(exist_ok=True)
    shutil.copy(DEPLOY / "docker-compose.yml", folder)
    (folder / ".env").write_text(env_text)
    return subprocess.run(
        [COMPOSE, "-f", str(folder / "docker-compose.yml"), "--env-file", str(folder / ".env"), "config"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def filled_env():
    """deploy/env.example as an operator fills it in (the file's own comments say which values are required)."""
    text = (DEPLOY / "env.example").read_text()
    return text.replace("\nSECRET_KEY=\n", "\nSECRET_KEY=uji-rahasia\n").replace(
        "\nPOSTGRES_PASSWORD=\n", "\nPOSTGRES_PASSWORD=uji-sandi\n"
    )


def test_compose_refuses_to_start_without_a_database_password(tmp_path):
    result = compose_config((DEPLOY / "env.example").read_text(), tmp_path)
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD" in result.stderr


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    result = compose_config(filled_env(), tmp_path_factory.mktemp("compose"))
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def test_every_portal_service_runs_production_settings_on_the_compose_database(services):
    for name in PORTAL_SERVICES:
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.production", name
        assert environment["SECRET_KEY"] == "uji-rahasia", name
        assert environment["DATABASE_URL"] == "postgres://meritopedia:uji-sandi@db:5432/meritopedia", name
        assert environment["ELASTICSEARCH_URL"] == "http://elasticsearch:9200", name
        # Quoted in the env file because of the spaces and angle brackets; Compose takes the quotes off.
        assert environment["DEFAULT_FROM_EMAIL"] == "Meritopedia <noreply@meritopedia.example.go.id>", name
        assert "portal-data:/var/lib/meritopedia" in " ".join(services[name]["volumes"]), name
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == "uji-sandi"


def test_the_portal_starts_only_after_the_migrations_and_the_migrations_after_the_database(services):
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    for name in ("web", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_only_the_proxy_on_this_host_can_reach_gunicorn(services):
    published = {name: service["ports"] for name, service in services.items() if service.get("ports")}
    assert published == {"web": ["127.0.0.1:8000:8000/tcp"]}


def test_the_management_commands_the_services_run_exist():
    commands = set(get_commands())
    used = set(re.findall(r'manage\.py[",\s]+(\w+)', (DEPLOY / "docker-compose.yml").read_text()))
    assert {"migrate", "import_seed", "update_index", "publish_scheduled", "send_action_reminders", "db_worker"} <= used
    assert used <= commands, used - commands


def test_the_env_file_reads_the_same_in_a_shell_as_in_compose(services):
    env_text = filled_env()
    shell = subprocess.run(
        ["bash", "-c", "set -euo pipefail; set -a; . /dev/stdin; set +a; env -0"],
        input=env_text,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=True,
    )
    from_shell = dict(item.split("=", 1) for item in shell.stdout.split("\0") if "=" in item)
    keys = [line.split("=", 1)[0] for line in env_text.splitlines() if line and not line.startswith("#")]
    # The Compose file sets these itself (the database and Elasticsearch on its own network), over the env file.
    set_by_compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())["x-portal"]["environment"]
    from_compose = services["web"]["environment"]
    differing = {
        key: (from_shell.get(key), from_compose.get(key))
        for key in keys
        if key not in set_by_compose and from_shell.get(key) != from_compose.get(key, "")
    }
    assert differing == {}
