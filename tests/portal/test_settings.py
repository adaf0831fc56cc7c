"""Settings come from the environment; production refuses to start unsafe. Each case runs a real process."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def run(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "SEARCH_BACKEND")}
    environment.update(env)
    return subprocess.run([sys.executable, *code], env=environment, cwd=ROOT, capture_output=True, text=True)


PRINT = "import django; django.setup(); from django.conf import settings as s; print({})"


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["-c", PRINT.format("s.DEBUG")], DJANGO_SETTINGS_MODULE="portal.settings.production")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deploy_check():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k" * 20 + "-deploy-check-" + "x" * 30,
        ALLOWED_HOSTS="meritopedia.example.go.id",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_defaults_to_sqlite_under_var_and_follows_database_url():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PORTAL_VAR_DIR")}
    default = subprocess.run(
        [sys.executable, "-c", PRINT.format("s.DATABASES['default']['NAME']")],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        capture_output=True,
        text=True,
    )
    assert default.stdout.strip() == str(ROOT / "var" / "portal.sqlite3")
    postgres = run(
        ["-c", PRINT.format("s.DATABASES['default']['ENGINE'], s.WAGTAILSEARCH_BACKENDS")],
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgres://u:p@db:5432/portal",
    )
    assert "postgresql" in postgres.stdout and "'SEARCH_CONFIG': 'indonesian'" in postgres.stdout


def test_search_backend_is_chosen_by_settings_alone():
    es = run(
        ["-c", PRINT.format("s.WAGTAILSEARCH_BACKENDS['default']")],
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL="http://127.0.0.1:9201",
    )
    assert "elasticsearch9" in es.stdout and "http://127.0.0.1:9201" in es.stdout
    wrong = run(["-c", PRINT.format("1")], DJANGO_SETTINGS_MODULE="portal.settings.dev", SEARCH_BACKEND="solr")
    assert wrong.returncode != 0 and "SEARCH_BACKEND must be" in wrong.stderr
