"""Articles reach readers only through the editorial workflow "Editor → Reviewer" (portal migration 0003).

Every step goes through the real Wagtail admin views with Django's test client, as an editor and a reviewer
would click through them: an editor writes an article and submits it, an editor approves the first step
("Tinjauan editor"), a reviewer the second ("Persetujuan reviewer"), and only then is the article live.
Scheduled articles wait for `manage.py publish_scheduled`; requested changes go back to the editor with the
reviewer's comment.
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from meritopedia.models import ArticlePage, MeritopediaIndexPage

pytestmark = pytest.mark.django_db


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@kasn.go.id", "x")
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor():
    return make_user("editor", "Editors")


@pytest.fixture
def reviewer():
    return make_user("reviewer", "Reviewer")


def submit_article(client, editor, title, go_live_at=""):
    """Write an article in the admin's create form and press "Pengajuan ke Editor → Reviewer" (submit)."""
    client.force_login(editor)
    index = MeritopediaIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "intro": f"Ringkasan {title}.",
            "body": streamfield([("paragraph", rich_text(f"<p>Isi {title}.</p>"))]),
            "authors": inline_formset([{"name": "Tim Sistem Merit KASN"}], min=1),
            "publication_date": timezone.localdate().isoformat(),
            "go_live_at": go_live_at,
            "action-submit": "1",
        }
    )
    response = client.post(f"/admin/pages/add/meritopedia/articlepage/{index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ArticlePage.objects.get(title=title)


def act(client, user, page, action, comment=""):
    """Press a workflow button (approve, or reject = "request changes") on the page's current task."""
    client.force_login(user)
    task_state = page.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment})


def current_task(page):
    page.refresh_from_db()
    return page.current_workflow_task.name


def test_an_article_goes_live_only_after_an_editor_and_a_reviewer_approve(client, editor, reviewer):
    article = submit_article(client, editor, "Menyusun talent pool")
    assert not article.live
    assert article.current_workflow_state.workflow.name == "Editor → Reviewer"
    assert current_task(article) == "Tinjauan editor"
    assert client.get("/meritopedia/menyusun-talent-pool/").status_code == 404

    act(client, reviewer, article, "approve")  # not the reviewer's step yet: the admin refuses
    assert current_task(article) == "Tinjauan editor"
    act(client, editor, article, "approve")
    assert current_task(article) == "Persetujuan reviewer"
    assert not article.live

    act(client, reviewer, article, "approve", "Sudah sesuai.")
    article.refresh_from_db()
    assert article.live and article.current_workflow_state is None
    assert article.live_revision is not None and article.live_revision == article.latest_revision
    response = client.get("/meritopedia/menyusun-talent-pool/")
    assert response.status_code == 200 and "Menyusun talent pool" in response.content.decode()


def test_a_member_without_a_group_can_neither_enter_the_admin_nor_approve(client, editor):
    article = submit_article(client, editor, "Artikel menunggu")
    member = make_user("anggota")
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert act(client, member, article, "approve").status_code == 302
    assert current_task(article) == "Tinjauan editor"


def test_a_scheduled_article_waits_for_publish_scheduled(client, editor, reviewer):
    go_live_at = timezone.localtime() + datetime.timedelta(days=1)
    article = submit_article(client, editor, "Artikel terjadwal", go_live_at.strftime("%Y-%m-%d %H:%M"))
    act(client, editor, article, "approve")
    act(client, reviewer, article, "approve")
    article.refresh_from_db()
    revision = article.latest_revision
    assert not article.live and revision.approved_go_live_at is not None

    call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()
    assert not article.live
    assert client.get("/meritopedia/artikel-terjadwal/").status_code == 404

    # A day passes: the approved revision's go-live time is now behind us.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.live
    assert client.get("/meritopedia/artikel-terjadwal/").status_code == 200


def test_requested_changes_return_the_article_to_the_editor_with_the_comment(client, editor, reviewer):
    article = submit_article(client, editor, "Artikel perlu revisi")
    act(client, editor, article, "approve")
    act(client, reviewer, article, "reject", "Tambahkan rujukan Pasal 11 ayat (6).")
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == "needs_changes"

    client.force_login(editor)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert '<html lang="id"' in html
    assert "Tambahkan rujukan Pasal 11 ayat (6)." in html
    (notice,) = [message for message in mail.outbox if message.to == [editor.email]]
    assert "Tambahkan rujukan Pasal 11 ayat (6)." in notice.body
