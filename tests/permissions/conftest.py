"""Fixtures of the permission matrix: files in a throwaway folder, and the five actors with their clients."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from assessment.assessments import Evidence
from cop.practices import PracticeAttachment
from tests.cop.test_practices import make_user

from .matrix import ACTORS, STATS, Context, new_marker
from .probes import PROBES


@pytest.fixture(scope="session")
def matrix_files(tmp_path_factory):
    """One folder for the session: the handbook PDF, cached by its chapters, is then built once, not per row."""
    return tmp_path_factory.mktemp("permissions")


@pytest.fixture
def private_files(settings, matrix_files, monkeypatch):
    """Media, members' evidence and self-assessments' evidence under `matrix_files`, not var/. The evidence
    storages are built once, at import, with their own locations, so the setting alone does not move them."""
    settings.MEDIA_ROOT = matrix_files / "media"
    storages = [
        (PracticeAttachment._meta.get_field("file").storage, matrix_files / "private"),
        (Evidence._meta.get_field("file").storage, matrix_files / "private" / "penilaian"),
    ]
    cached = ("base_location", "location")
    for storage, location in storages:
        monkeypatch.setattr(storage, "_location", str(location))
        for name in cached:
            storage.__dict__.pop(name, None)
    yield
    for storage, _location in storages:
        for name in cached:
            storage.__dict__.pop(name, None)


@pytest.fixture
def ctx(private_files) -> Context:
    """Anonymous, members A and B (with profiles, not in the directory), an editor in the Editors and Moderators
    groups, a superuser; each with its own signed-in client that answers a view's exception as a 500."""
    users = {
        "anonymous": None,
        "member_a": make_user(new_marker("anggotaa"), name=new_marker("namaa")),
        "member_b": make_user(new_marker("anggotab"), name=new_marker("namab")),
        "editor": make_user(new_marker("editor"), "Editors", "Moderators"),
        "superuser": get_user_model().objects.create_superuser(new_marker("super"), f"{new_marker()}@kasn.go.id", "x"),
    }
    assert tuple(users) == ACTORS
    clients = {}
    for actor, user in users.items():
        clients[actor] = Client(raise_request_exception=False)
        if user is not None:
            clients[actor].force_login(user)
    return Context(users, clients)


def pytest_terminal_summary(terminalreporter):
    if STATS["rows"]:
        terminalreporter.write_line(
            f"permission matrix: {STATS['rows']} rows × {len(ACTORS)} actors × {len(PROBES)} probes (+ e-mail) = "
            f"{STATS['cells']} cells swept, {STATS['requests']} requests"
        )
